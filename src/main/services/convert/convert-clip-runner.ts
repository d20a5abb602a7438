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
import { createHash } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { StudioError } from '@shared/errors';
import { calls } from '@shared/contract';
import type { StyleChoice } from '@shared/convert';
import type { JobKind } from '@shared/library';
import type { StyleEngine } from '../../engine/stylize/style-engine';
import type { JobRunner } from '../jobs/job-runner';
import { probeClip } from '../video';
import { planConversion, type ConvertPlan, type ConvertSegment } from './convert-plan';
import { encodeSegment } from './encode-segment';
import { requireEncoders, videoEncoding, type VideoEncoding } from './encoding';
import { engineHolder } from './engine-holder';
import { joinPartialPath, joinSegments } from './join-segments';
import { refuseOutput } from './output-checks';
import { outputContainer, type OutputContainer } from './output-container';
import { segmentFileName, segmentFormatOf } from './segment-format';
import { streamCopyArgs } from './stream-copy';

const Path = z.string().min(1).transform((p) => resolve(p));

/**
 * Parameters of a clip conversion, as stored with the job: the contract's `convert.clip` input (so the two cannot
 * drift), with the paths resolved and the `pin` the host adds when it starts the job.
 */
export const ConvertClipParams = calls['convert.clip'].input.extend({
  input: Path,
  /** The file to write; its extension (.mp4, .m4v, .mov, .mkv, .webm) picks the container, which must take the codec. */
  output: Path,
  /**
   * What the input and the style were when the job started (see {@link ConvertClipRunnerOptions.pinOf}): a resume
   * after either changed would join segments of two different conversions into one file.
   */
  pin: z.object({ input: z.string(), style: z.string() }).nullable().default(null),
});
export type ConvertClipParams = z.output<typeof ConvertClipParams>;
/** What a caller passes (defaults filled in by parsing). */
export type ConvertClipInput = z.input<typeof ConvertClipParams>;

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
}

/** A JobRunner that also frees the engine it holds. */
export type ConvertClipRunner = JobRunner<ConvertClipParams> & { dispose(): Promise<void> };

interface Prepared {
  plan: ConvertPlan;
  encoding: VideoEncoding;
  container: OutputContainer;
  workDir: string;
}

const SegmentKey = z.object({
  n: z.number().int(),
  first: z.number().int(),
  count: z.number().int(),
  after: z.number().nullable(),
  before: z.number().nullable(),
});

/** Builds the convert-video runner. */
export function convertClipRunner(opts: ConvertClipRunnerOptions): ConvertClipRunner {
  const prepared = new Map<string, Promise<Prepared>>();
  const engine = engineHolder(opts.loadEngine);

  const prepare = (p: ConvertClipParams): Promise<Prepared> => {
    const key = JSON.stringify(p);
    let got = prepared.get(key);
    if (!got) {
      got = prepareConversion(p);
      // A failed probe is not remembered: the file may be fixed before the next try.
      got.catch(() => prepared.delete(key));
      prepared.set(key, got);
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
    async plan(p) {
      await checkConvertOutput(p);
      const { plan } = await prepare(p);
      return plan.segments.map((s) => JSON.stringify(s));
    },
    async runItem(p, key, signal, ctx) {
      // Checked per segment (a stat), not once per process: a resumed job must not mix two clips or styles.
      await checkPin(p, opts);
      const segment: ConvertSegment = SegmentKey.parse(JSON.parse(key));
      const prep = await prepare(p);
      const total = prep.plan.frameTimes.length;
      const fileName = segmentFileName(segment.n, segmentFormatOf(prep.encoding.codec));
      await mkdir(prep.workDir, { recursive: true });
      ctx.report(0, `frame ${segment.first + 1} of ${total}`);
      try {
        const { frames } = await encodeSegment({
          plan: prep.plan,
          segment,
          engine: await engine.get(p.style),
          encoding: prep.encoding,
          workDir: prep.workDir,
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
      const prep = await prepare(p);
      const files = done.details('converted');
      for (const f of files) {
        const ok = await stat(join(prep.workDir, f)).then((s) => s.isFile(), () => false);
        if (!ok) {
          throw new StudioError('IO', `${f} of ${basename(p.input)} is missing from ${prep.workDir}: start the conversion again`);
        }
      }
      const joined = await joinSegments({
        info: prep.plan.info,
        workDir: prep.workDir,
        files,
        output: p.output,
        container: prep.container,
        codec: prep.encoding.codec,
        audio: p.audio,
        range: prep.plan.range,
        signal,
      });
      await rm(prep.workDir, { recursive: true, force: true });
      for (const n of [...prep.encoding.notices, ...joined.notices]) done.notice(n);
      prepared.delete(JSON.stringify(p));
    },
    // The segments of an unfinished conversion, and a join's partial output; not while another job of the same
    // conversion (same work folder) may still run or resume with them.
    async discard(p, others) {
      const dir = workDirFor(p);
      const shared = others.some((o) => {
        const parsed = ConvertClipParams.safeParse(o);
        return parsed.success && workDirFor(parsed.data) === dir;
      });
      if (shared) return;
      await rm(dir, { recursive: true, force: true });
      await rm(joinPartialPath(p.output), { force: true });
    },
    dispose: () => engine.dispose(),
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

async function prepareConversion(p: ConvertClipParams): Promise<Prepared> {
  const container = outputContainer(p.output, p.encode.codec);
  const info = await probeClip(p.input);
  const plan = await planConversion(info, { maxSize: p.maxSize, segmentFrames: p.segmentFrames, range: p.range });
  const encoding = await videoEncoding(p.encode, info.video.color, plan.frameTimes);
  // Before any frame is encoded: a sound track the join would transcode with a missing encoder fails now.
  await requireEncoders(streamCopyArgs(info, container, encoding.codec, p.audio).encoders, basename(p.output));
  return { plan, encoding, container, workDir: workDirFor(p) };
}

/**
 * The hidden folder beside the output that holds the segments: named by a hash of the parameters, so a resumed or
 * repeated job with the same parameters finds the segments it made, and another one never takes them.
 *
 * `audio` is left out, as `overwrite` is: it changes only the final mux, not one byte of the (video-only)
 * segments. So a job stored before the choice existed (parsed with the default) still finds its segments after an
 * update, and the same conversion again with the sound kept instead of made AAC reuses them. The jobs sharing a
 * folder this way are still told apart where it matters: `discard` keeps a folder another unfinished job uses, and
 * the CLI resumes only a job whose settings, audio included, are the ones asked for.
 */
export function workDirFor(p: ConvertClipParams): string {
  const { overwrite: _ignored, audio: _muxOnly, ...rest } = p;
  const hash = createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 12);
  return join(dirname(p.output), `.${basename(p.output)}.${hash}.parts`);
}

/** The output's folder must exist, the output must not be the input, and it must not exist unless replaced. */
export async function checkConvertOutput(p: Pick<ConvertClipParams, 'input' | 'output' | 'overwrite' | 'encode'>): Promise<void> {
  outputContainer(p.output, p.encode.codec);
  await refuseOutput(p.input, p.output, p.overwrite, 'input clip');
  const folder = await stat(dirname(p.output)).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new StudioError('BAD_INPUT', `the folder for ${basename(p.output)} does not exist: ${dirname(p.output)}`, 'output');
  }
}
