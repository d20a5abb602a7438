/**
 * A render-farm worker: takes segments from the farm's queue and converts each exactly as the studio would (same
 * plan from the same parameters, same engine, same encoder) into the conversion's work folder, which every machine
 * must see at the same path (a NAS mount). A segment file appears under its name only once whole (encodeSegment
 * writes `.part` and renames), so a worker killed mid-segment leaves nothing the join could take; BullMQ hands
 * the segment to another worker once the dead one's lock runs out.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { StudioError } from '@shared/errors';
import type { StyleChoice } from '@shared/convert';
import { loadEngineFromSpec } from '../../engine/stylize/engine-spec';
import type { StyleEngine } from '../../engine/stylize/style-engine';
import type { ConvertClipParams } from '../convert/convert-clip-params';
import type { ConvertSegment } from '../convert/convert-plan';
import { prepareConversion, type ConversionPlan } from '../convert/conversion-plan';
import { encodeSegment } from '../convert/encode-segment';
import { workerName } from './farm-client';
import { farmConnection } from './redis-connection';
import { fileSha256, SEGMENT_QUEUE, SegmentJobData, segmentParams, type SegmentJobResult } from './segment-job';

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
}

/** A running worker. */
export interface SegmentWorker {
  name: string;
  /** Stops taking segments, lets the ones in flight finish, and disconnects. */
  close(): Promise<void>;
}

/** Starts a worker on the farm at `url`. */
export function startSegmentWorker(url: string, opts: SegmentWorkerOptions = {}): SegmentWorker {
  const name = workerName();
  const plans = new Map<string, Promise<ConversionPlan>>();
  const engines = new Map<string, Promise<StyleEngine>>();
  const log = opts.log ?? (() => undefined);
  const lockMs = opts.lockMs ?? 30_000;
  const standAsideMs = 4 * lockMs;

  const planOf = (p: ConvertClipParams): Promise<ConversionPlan> => {
    const key = JSON.stringify(p);
    let plan = plans.get(key);
    if (!plan) {
      plan = prepareConversion(p);
      plan.catch(() => plans.delete(key));
      plans.set(key, plan);
    }
    return plan;
  };
  const engineOf = (style: StyleChoice, sha256: string | null): Promise<StyleEngine> => {
    const key = JSON.stringify(style);
    let engine = engines.get(key);
    if (!engine) {
      engine = loadStyleChecked(style, sha256);
      engine.catch(() => engines.delete(key));
      engines.set(key, engine);
    }
    return engine;
  };

  const worker = new Worker<SegmentJobData, SegmentJobResult>(
    SEGMENT_QUEUE,
    async (job: Job<SegmentJobData, SegmentJobResult>) => {
      const data = SegmentJobData.parse(job.data);
      const p = segmentParams(data);
      const segment = JSON.parse(data.segment) as ConvertSegment;
      log(`${name}: segment ${segment.n} of ${p.input} (frames ${segment.first + 1}-${segment.first + segment.count})`);
      let engine: StyleEngine;
      try {
        await checkPaths(p, name);
        engine = await engineOf(p.style, data.styleSha256);
      } catch (err) {
        // This machine cannot do the conversion's segments (a share not mounted here, another copy of the style):
        // it fails this try, and stands aside for a while, so the segment's next try goes to a worker that can.
        log(`${name}: ${(err as Error).message}; taking no segments for ${Math.round(standAsideMs / 1000)} s`);
        void worker.pause(true).then(() => setTimeout(() => worker.resume(), standAsideMs).unref());
        throw err;
      }
      const plan = await planOf(p);
      // The studio makes the work folder before it queues; without it the conversion was removed meanwhile, and a
      // segment written now would be left behind in a folder nobody joins.
      if (!(await stat(plan.workDir).then((s) => s.isDirectory(), () => false))) {
        throw new UnrecoverableError(`the conversion of ${p.input} was removed: segment ${segment.n} is not needed`);
      }
      const { frames } = await encodeSegment({
        plan: plan.frames,
        segment,
        engine,
        encoding: plan.encoding,
        workDir: plan.workDir,
        fileName: data.fileName,
        onFrames: (done) => void job.updateProgress({ done, worker: name }).catch(() => undefined),
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
      await worker.close();
      await Promise.allSettled([...engines.values()].map(async (e) => (await e).dispose()));
    },
  };
}

/** Refuses a segment this machine cannot do, saying which path it cannot see (the farm needs them shared). */
async function checkPaths(p: ConvertClipParams, name: string): Promise<void> {
  try {
    await access(p.input, constants.R_OK);
  } catch {
    throw new StudioError('IO', `worker ${name} cannot read the clip ${p.input}: every worker must see it at the same path (a shared folder)`);
  }
  const folder = p.output.slice(0, Math.max(p.output.lastIndexOf('/'), p.output.lastIndexOf('\\')));
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw new StudioError('IO', `worker ${name} cannot write to the output folder ${folder}: every worker must see it at the same path (a shared folder)`);
  }
}

/** The style's engine; an ONNX file must be the one the studio queued (same SHA-256). */
async function loadStyleChecked(style: StyleChoice, sha256: string | null): Promise<StyleEngine> {
  switch (style.kind) {
    case 'builtin':
      return (await loadEngineFromSpec({ kind: 'builtin', options: style.options })).engine;
    case 'onnx': {
      const got = await fileSha256(style.path).catch(() => null);
      if (got === null) throw new StudioError('IO', `this worker cannot read the style ${style.path}: put it in a shared folder every worker sees`);
      if (sha256 !== null && got !== sha256) {
        throw new StudioError('CONFLICT', `the style ${style.path} here is not the file the studio queued (SHA-256 ${got.slice(0, 12)}, not ${sha256.slice(0, 12)})`);
      }
      return (await loadEngineFromSpec({ kind: 'onnx', path: style.path })).engine;
    }
    case 'run':
      throw new StudioError('BAD_INPUT', 'a farm converts with the built-in style or an ONNX file: export the run to ONNX first');
  }
}
