/**
 * The `convert-video` job: turns a clip into a stylized one. Its items are the clip's segments (a few seconds of
 * frames each); an item encodes its segment to a file of its own in a hidden work folder beside the output, so a
 * cancel, a crash or a failure loses at most the segment in flight. `finish` joins the segments with the source's
 * sound and subtitles into the output file and removes the work folder.
 *
 * Progress: `progress.done/total` count segments, `progress.work` frames (done, total, frames per second, which
 * the ETA follows), `progress.current` says "frame N of M". A pause holds the segment in flight
 * between two batches of frames (its ffmpeg processes wait on their pipes); a cancel keeps every finished segment
 * and drops the one in flight.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { StudioError } from '@shared/errors';
import type { StyleChoice } from '@shared/convert';
import type { JobKind } from '@shared/library';
import type { StyleEngine } from '../../engine/stylize/style-engine';
import type { JobRunner } from '../jobs/job-runner';
import type { ProbeClip } from '../video';
import { ConvertClipParams, sameSegments, workDirFor } from './convert-clip-params';
import type { ConvertSegment } from './convert-plan';
import { prepareConversion, type ConversionPlan, type PrepareOptions } from './conversion-plan';
import { encodeSegment } from './encode-segment';
import { engineHolder } from './engine-holder';
import { joinPartialPath, joinSegments } from './join-segments';
import { segmentFileName, segmentFormatOf } from './segment-format';
import { FarmClient } from '../farm/farm-client';
import { runFarmSegment } from '../farm/farm-segment-item';
import { WorkerRates } from '../farm/worker-rates';
import { FARM_SECRET_ENV, fileSha256, signSegment, type SegmentJobData } from '../farm/segment-job';

/** Segments a farm conversion keeps queued at once: enough for a large farm, few enough to list. */
const FARM_SEGMENTS_IN_FLIGHT = 64;

/** The job kind. */
export const CONVERT_CLIP_KIND: JobKind = 'convert-clip';

/** How the runner gets engines and reports. */
export interface ConvertClipRunnerOptions {
  /** Loads the engine for a job's `style`; the runner keeps the last one until another style or `dispose`. */
  loadEngine(style: StyleChoice): Promise<StyleEngine>;
  /** Frames per engine call (default 4). */
  batch?: number;
  /**
   * Describes the input file and the style as they are now (e.g. size and date, a run's checkpoint step); a job
   * whose `pin` differs from this refuses to go on. Without it, pins are not checked.
   */
  pinOf?(p: ConvertClipParams): Promise<{ input: string; style: string }>;
  /**
   * How the clip is probed (default probeClip). The host passes its kept probes, so a conversion started from the
   * convert page reuses the probe its request made.
   */
  probe?: ProbeClip;
}

/** A JobRunner that also frees the engine it holds. */
export type ConvertClipRunner = JobRunner<ConvertClipParams> & { dispose(): Promise<void> };

const SegmentKey = z.object({
  n: z.number().int(),
  first: z.number().int(),
  count: z.number().int(),
  after: z.number().nullable(),
  before: z.number().nullable(),
});

/** Builds the convert-video runner. */
export function convertClipRunner(opts: ConvertClipRunnerOptions): ConvertClipRunner {
  // Kept by the params object the job manager parsed for the job (one per job and process): made by plan() on the
  // job's first run, else by the first item of a resume, and read by every item and the join after it.
  const plans = new WeakMap<ConvertClipParams, Promise<ConversionPlan>>();
  const engine = engineHolder(opts.loadEngine);
  // One client per farm, kept while the runner lives; an ONNX style's hash once per job.
  const farms = new Map<string, FarmClient>();
  const styleHashes = new WeakMap<ConvertClipParams, Promise<string | null>>();
  const workerRates = new WeakMap<ConvertClipParams, WorkerRates>();
  const farmOf = (url: string): FarmClient => {
    let farm = farms.get(url);
    if (!farm) farms.set(url, (farm = new FarmClient(url)));
    return farm;
  };
  const styleHashOf = (p: ConvertClipParams): Promise<string | null> => {
    let hash = styleHashes.get(p);
    if (!hash) styleHashes.set(p, (hash = p.style.kind === 'onnx' ? fileSha256(p.style.path) : Promise.resolve(null)));
    return hash;
  };

  const planOf = (p: ConvertClipParams, how: Omit<PrepareOptions, 'probe'> = {}): Promise<ConversionPlan> => {
    let got = plans.get(p);
    if (!got) {
      const made = prepareConversion(p, { ...how, ...(opts.probe ? { probe: opts.probe } : {}) });
      // A failed plan is not remembered: the file may be fixed before the next try.
      made.catch(() => {
        if (plans.get(p) === made) plans.delete(p);
      });
      plans.set(p, made);
      got = made;
    }
    return got;
  };

  return {
    kind: CONVERT_CLIP_KIND,
    parseParams: (raw) => ConvertClipParams.parse(raw),
    title: (p) => `Convert ${basename(p.input)} to ${basename(p.output)}`,
    outputOf: (p) => p.output,
    // Segments differ in length (the last is short, cuts follow keyframes): progress, fps and ETA count frames.
    work: { unit: 'frames', weightOf: (key) => SegmentKey.parse(JSON.parse(key)).count },
    // Here one segment keeps the cores busy; a farm's workers take as many as are queued.
    concurrency: (p) => (p.farm ? FARM_SEGMENTS_IN_FLIGHT : 1),
    async plan(p) {
      // The job's first run: its output is refused here too when it is the input, exists, or has no folder.
      const { frames } = await planOf(p, { checkOutput: true });
      return frames.segments.map((s) => JSON.stringify(s));
    },
    async runItem(p, key, signal, ctx) {
      // Checked per segment (a stat), not once per process: a resumed job must not mix two clips or styles.
      await checkPin(p, opts);
      const segment: ConvertSegment = SegmentKey.parse(JSON.parse(key));
      const plan = await planOf(p);
      const total = plan.frames.frameTimes.length;
      const fileName = segmentFileName(segment.n, segmentFormatOf(plan.encoding.codec));
      await mkdir(plan.workDir, { recursive: true });
      if (p.farm) {
        // On the farm: a worker converts the segment into the same work folder; this job waits and relays progress.
        let rates = workerRates.get(p);
        if (!rates) workerRates.set(p, (rates = new WorkerRates()));
        // The farm's own URL (with its password) stays here: workers need only the conversion.
        const params = { ...p, farm: undefined };
        const unsigned: SegmentJobData = { params, segment: key, fileName, styleSha256: await styleHashOf(p), codec: plan.encoding.codec };
        const secret = process.env[FARM_SECRET_ENV];
        const data = secret ? signSegment(unsigned, secret) : unsigned;
        return runFarmSegment({ farm: farmOf(p.farm), params: p, segment, data, total, rates, signal, ctx, workDir: plan.workDir });
      }
      ctx.report(0, `frame ${segment.first + 1} of ${total}`);
      try {
        const { frames } = await encodeSegment({
          plan: plan.frames,
          segment,
          engine: await engine.get(p.style),
          encoding: plan.encoding,
          workDir: plan.workDir,
          fileName,
          signal,
          whilePaused: () => ctx.whilePaused(),
          ...(opts.batch ? { batch: opts.batch } : {}),
          onFrames: (done) => ctx.report(done / segment.count, `frame ${segment.first + done} of ${total}`),
          onNotice: (text) => ctx.notice(text),
        });
        return { outcome: 'converted', detail: fileName, counts: { frames: frames ?? segment.count } };
      } catch (err) {
        if (signal.aborted) return { outcome: 'converted', unfinished: true };
        // The finished segments stay, whatever failed: BAD_INPUT also comes from an engine that would not load, a
        // drive that went away, or damage found only in the last segment; once the user has dealt with the cause,
        // resuming (or the same conversion again) reuses them instead of redoing hours of work.
        throw err;
      }
    },
    async finish(p, signal, done) {
      await checkPin(p, opts);
      const plan = await planOf(p);
      const files = done.details('converted');
      for (const f of files) {
        const ok = await stat(join(plan.workDir, f)).then((s) => s.isFile(), () => false);
        if (!ok) {
          throw new StudioError('IO', `${f} of ${basename(p.input)} is missing from ${plan.workDir}: start the conversion again`);
        }
      }
      const joined = await joinSegments({
        info: plan.info,
        workDir: plan.workDir,
        files,
        output: p.output,
        container: plan.container,
        codec: plan.encoding.codec,
        audio: p.audio,
        range: plan.frames.range,
        signal,
      });
      await rm(plan.workDir, { recursive: true, force: true });
      for (const n of [...plan.encoding.notices, ...joined.notices]) done.notice(n);
      plans.delete(p);
    },
    // The segments of an unfinished conversion, and a join's partial output; not while another job of the same
    // conversion (same work folder) may still run or resume with them.
    async discard(p, others) {
      if (others.some((o) => sameSegments(o, p))) return;
      await rm(workDirFor(p), { recursive: true, force: true });
      await rm(joinPartialPath(p.output), { force: true });
    },
    dispose: async () => {
      await Promise.all([engine.dispose(), ...[...farms.values()].map((f) => f.close())]);
      farms.clear();
    },
  };
}

/** Refuses to continue a conversion whose input or style changed since it started. */
async function checkPin(p: ConvertClipParams, opts: ConvertClipRunnerOptions): Promise<void> {
  if (!p.pin || !opts.pinOf) return;
  const now = await opts.pinOf(p);
  if (now.input !== p.pin.input) {
    throw new StudioError('CONFLICT', `${basename(p.input)} changed since this conversion started: start a new conversion of it`, 'input');
  }
  if (now.style !== p.pin.style) {
    throw new StudioError('CONFLICT', `the style changed since this conversion started (${p.pin.style} -> ${now.style}): start a new conversion, so one file does not mix two styles`, 'style');
  }
}
