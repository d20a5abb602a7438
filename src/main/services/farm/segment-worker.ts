/**
 * A render-farm worker: takes segments from the farm's queue and converts each exactly as the studio would (same
 * plan from the same parameters, same engine, same encoder) into the conversion's work folder, which every machine
 * must see at the same path (a NAS mount). A segment file appears under its name only once whole (encodeSegment
 * writes `.part` and renames), so a worker killed mid-segment leaves nothing the join could take; BullMQ hands
 * the segment to another worker once the dead one's lock runs out.
 */
import { constants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { access, realpath, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, resolve, sep } from 'node:path';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { StudioError } from '@shared/errors';
import type { StyleChoice } from '@shared/convert';
import { type EngineSpec, loadEngineFromSpec } from '../../engine/stylize/engine-spec';
import { createThreadedEngine } from '../../engine/stylize/threaded-engine';
import type { StyleEngine } from '../../engine/stylize/style-engine';
import type { ConvertClipParams } from '../convert/convert-clip-params';
import type { ConvertSegment } from '../convert/convert-plan';
import { prepareConversion, type ConversionPlan } from '../convert/conversion-plan';
import { encodeSegment } from '../convert/encode-segment';
import { segmentFileName, segmentFormatOf } from '../convert/segment-format';
import { builtStylizeWorker } from '../styles/style-engines';
import { farmConnection } from './redis-connection';
import { FARM_SECRET_ENV, fileSha256, SEGMENT_QUEUE, SegmentJobData, segmentParams, signedWith, type SegmentJobResult } from './segment-job';

/** How a worker runs. */
export interface SegmentWorkerOptions {
  /** Segments converted at once (default 1: one segment already keeps the cores busy). */
  concurrency?: number;
  /**
   * How long a segment stays this worker's without a sign of life before BullMQ gives it to another (default
   * 30 s; a worker renews it every half of that while it converts).
   */
  lockMs?: number;
  /** A line per segment taken, done or failed. */
  log?: (line: string) => void;
  /**
   * The folders this worker may read clips and styles from and write segments into (links resolved); a segment
   * naming a path outside them is refused. Undefined: any path the worker can reach.
   */
  roots?: readonly string[];
  /** The farm's shared secret: segments not signed with it are refused (default: CEL_STUDIO_FARM_SECRET, if set). */
  secret?: string;
}

/** A running worker. */
export interface SegmentWorker {
  name: string;
  /** Stops taking segments, lets the ones in flight finish, and disconnects. */
  close(): Promise<void>;
}

/** The name this worker reports under: its machine and process. */
function workerName(): string {
  return `${hostname()}:${process.pid}`;
}

/** Starts a worker on the farm at `url`. */
export function startSegmentWorker(url: string, opts: SegmentWorkerOptions = {}): SegmentWorker {
  const name = workerName();
  const plans = new Map<string, Promise<ConversionPlan>>();
  const engines = new Map<string, Promise<StyleEngine>>();
  const log = opts.log ?? (() => undefined);
  const lockMs = opts.lockMs ?? 30_000;
  const secret = opts.secret ?? (process.env[FARM_SECRET_ENV] || undefined);
  const standAsideMs = 4 * lockMs;

  // The last few plans and engines are kept (a farm converts one film at a time); older ones are let go.
  const planOf = (p: ConvertClipParams): Promise<ConversionPlan> =>
    kept(plans, JSON.stringify(p), KEPT_PLANS, () => prepareConversion(p));
  const engineOf = (style: StyleChoice, sha256: string | null): Promise<StyleEngine> =>
    kept(engines, `${JSON.stringify(style)}:${sha256}`, KEPT_ENGINES, () => loadStyleChecked(style, sha256), (e) => e.dispose());
  let standingAside: ReturnType<typeof setTimeout> | undefined;
  const standAside = (why: string): void => {
    log(`${name}: ${why}; taking no segments for ${Math.round(standAsideMs / 1000)} s`);
    if (standingAside) return;
    void worker.pause(true).then(() => {
      standingAside = setTimeout(() => {
        standingAside = undefined;
        worker.resume();
      }, standAsideMs);
    });
  };

  const worker = new Worker<SegmentJobData, SegmentJobResult>(
    SEGMENT_QUEUE,
    async (job: Job<SegmentJobData, SegmentJobResult>) => {
      // What Redis hands over is checked, not trusted: the segment must be one of this conversion's plan, the file
      // name is the plan's own, and an ONNX style must match its hash.
      const parsed = SegmentJobData.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`segment job ${job.id} is not a Cel Studio segment`);
      const data = parsed.data;
      const p = segmentParams(data);
      if (p.style.kind === 'run') throw new UnrecoverableError('a farm converts with the built-in style or an ONNX file: export the run to ONNX first');
      let engine: StyleEngine;
      let plan: ConversionPlan;
      let segment: ConvertSegment;
      try {
        if (secret !== undefined && !signedWith(data, secret)) {
          throw new StudioError('FORBIDDEN', `segment job ${job.id} is not signed with this worker's farm secret (${FARM_SECRET_ENV})`);
        }
        if (opts.roots) await checkRoots(p, opts.roots, name);
        await checkPaths(p, name);
        plan = await planOf(p);
        segment = plannedSegment(plan, data, name);
        engine = await engineOf(p.style, data.styleSha256);
      } catch (err) {
        // This machine cannot do the conversion's segments (a share not mounted here, another copy of the style,
        // another ffmpeg): it fails this try, and stands aside for a while, so the next try goes to a worker that can.
        if (err instanceof StudioError && ['IO', 'CONFLICT', 'FORBIDDEN'].includes(err.code)) standAside(err.message);
        throw err;
      }
      log(`${name}: segment ${segment.n} of ${p.input} (frames ${segment.first + 1}-${segment.first + segment.count})`);
      // The studio makes the work folder before it queues; without it the conversion was removed meanwhile, and a
      // segment written now would be left behind in a folder nobody joins.
      if (!(await stat(plan.workDir).then((s) => s.isDirectory(), () => false))) {
        throw new UnrecoverableError(`the conversion of ${p.input} was removed: segment ${segment.n} is not needed`);
      }
      let reported = 0;
      const { frames } = await encodeSegment({
        plan: plan.frames,
        segment,
        engine,
        encoding: plan.encoding,
        workDir: plan.workDir,
        fileName: data.fileName,
        partTag: `${process.pid}-${randomBytes(4).toString('hex')}`,
        onFrames: (done) => {
          // At most one progress event a second: the events stream is shared by the whole farm.
          if (Date.now() - reported < 1000 && done < segment.count) return;
          reported = Date.now();
          void job.updateProgress({ done, worker: name }).catch(() => undefined);
        },
      });
      log(`${name}: segment ${segment.n} done`);
      return { frames: frames ?? segment.count, worker: name };
    },
    {
      connection: farmConnection(url),
      concurrency: Math.max(1, opts.concurrency ?? 1),
      lockDuration: lockMs,
      stalledInterval: Math.max(1000, Math.round(lockMs / 2)),
      // A worker that dies holding a segment does not use up the segment's tries.
      maxStalledCount: 10,
    },
  );
  worker.on('failed', (job, err) => log(`${name}: segment job ${job?.id ?? '?'} failed: ${err.message}`));
  worker.on('error', (err) => log(`${name}: ${err.message}`));

  return {
    name,
    async close() {
      clearTimeout(standingAside);
      await worker.close();
      await Promise.allSettled([...engines.values()].map(async (e) => (await e).dispose()));
    },
  };
}

/** Refuses a segment whose clip, style or output folder lies outside the worker's `roots` (links resolved). */
async function checkRoots(p: ConvertClipParams, roots: readonly string[], name: string): Promise<void> {
  const paths = [p.input, dirname(p.output), ...(p.style.kind === 'onnx' ? [p.style.path] : [])];
  for (const path of paths) {
    const real = await realpath(path).catch(() => resolve(path));
    if (!roots.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep))) {
      throw new StudioError('FORBIDDEN', `worker ${name} may use only ${roots.join(', ')}, not ${path} (its --root)`);
    }
  }
}

/** Refuses a segment this machine cannot do, saying which path it cannot see (the farm needs them shared). */
async function checkPaths(p: ConvertClipParams, name: string): Promise<void> {
  try {
    await access(p.input, constants.R_OK);
  } catch {
    throw new StudioError('IO', `worker ${name} cannot read the clip ${p.input}: every worker must see it at the same path (a shared folder)`);
  }
  const folder = dirname(p.output);
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw new StudioError('IO', `worker ${name} cannot write to the output folder ${folder}: every worker must see it at the same path (a shared folder)`);
  }
}

/** Plans and engines a worker keeps. */
const KEPT_PLANS = 4;
const KEPT_ENGINES = 2;

/** `cache[key]`, made by `make` on first use; past `limit` the oldest goes (`drop` frees it). A failure is not kept. */
function kept<T>(cache: Map<string, Promise<T>>, key: string, limit: number, make: () => Promise<T>, drop?: (v: T) => unknown): Promise<T> {
  let got = cache.get(key);
  if (got) {
    cache.delete(key);
  } else {
    got = make();
    const made = got;
    made.catch(() => {
      if (cache.get(key) === made) cache.delete(key);
    });
  }
  cache.set(key, got);
  while (cache.size > limit) {
    const [oldKey, old] = cache.entries().next().value as [string, Promise<T>];
    cache.delete(oldKey);
    if (drop) void old.then(drop, () => undefined);
  }
  return got;
}

/**
 * The job's segment as this machine's plan has it: the same frames and neighbours, the same file name and codec.
 * CONFLICT when they differ: this worker reads the clip or encodes differently (another ffprobe or ffmpeg, a missing
 * encoder), so its segment would not join with the others.
 */
function plannedSegment(plan: ConversionPlan, data: SegmentJobData, name: string): ConvertSegment {
  const claimed = JSON.parse(data.segment) as Partial<ConvertSegment>;
  const planned = plan.frames.segments.find((s) => s.n === claimed.n);
  const fileName = planned ? segmentFileName(planned.n, segmentFormatOf(plan.encoding.codec)) : '';
  if (!planned || JSON.stringify(planned) !== data.segment || fileName !== data.fileName || plan.encoding.codec !== data.codec) {
    throw new StudioError(
      'CONFLICT',
      `worker ${name} plans this conversion differently from the studio (segment ${String(claimed.n)}, ${plan.encoding.codec} not ${data.codec}): give every machine the same Cel Studio and ffmpeg`,
    );
  }
  return planned;
}

/** The style's engine, in a worker thread when the built one is there; an ONNX file must be the one queued (same SHA-256). */
async function loadStyleChecked(style: StyleChoice, sha256: string | null): Promise<StyleEngine> {
  const thread = builtStylizeWorker();
  const load = async (spec: EngineSpec): Promise<StyleEngine> => (thread ? await createThreadedEngine(spec, thread) : await loadEngineFromSpec(spec)).engine;
  switch (style.kind) {
    case 'builtin':
      return load({ kind: 'builtin', options: style.options });
    case 'onnx': {
      const got = await fileSha256(style.path).catch(() => null);
      if (got === null) throw new StudioError('IO', `this worker cannot read the style ${style.path}: put it in a shared folder every worker sees`);
      if (got !== sha256) {
        throw new StudioError('CONFLICT', `the style ${style.path} here is not the file the studio queued (SHA-256 ${got.slice(0, 12)}, not ${String(sha256).slice(0, 12)})`);
      }
      return load({ kind: 'onnx', path: style.path });
    }
    case 'run':
      throw new StudioError('BAD_INPUT', 'a farm converts with the built-in style or an ONNX file: export the run to ONNX first');
  }
}
