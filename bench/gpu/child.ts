/**
 * Child process of the GPU benchmark (started by run-child.ts): runs the one job given as a JSON argument (see
 * protocol.ts) on the one device it names, prints its INFO and RESULT lines, releases the device and exits by
 * itself. A measurement that fails is reported as a RESULT with its error, never thrown past the job.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { type BackendInfo, listGpuAdapters, releaseWebgpu, resetBackendSelection, selectBackend } from '../../src/main/engine/backends';
import { exportGeneratorOnnx } from '../../src/main/engine/onnx';
import { stylizeImage, tilingDefaults } from '../../src/main/engine/stylize/frame-tiling';
import { createOnnxEngine } from '../../src/main/engine/stylize/onnx-engine';
import type { StyleEngine } from '../../src/main/engine/stylize/style-engine';
import { createTfjsEngine } from '../../src/main/engine/stylize/tfjs-engine';
import { planTiles } from '../../src/main/engine/stylize/tile-plan';
import type { TrainingImage } from '../../src/main/engine/training/dataset';
import type { Trainer } from '../../src/main/engine/training/trainer';
import { animeSpec, generatorOn, sizeName, syntheticFrame, timeRuns } from '../convert/setup';
import { type Device, type FrameSize, type Job, type Measurement, say, shortError, type Timing, type TrainCase, trainSizeName } from './protocol';
import { seededVgg19 } from '../../test/support/seeded-vgg';
import { trainerOn } from '../../test/support/trainer-on';
import { profileFlops } from '../training/flops';

/** How long the process may stay up after its job before it is ended (something native kept the event loop alive). */
const EXIT_GRACE_MS = 5000;

/** Makes the device's tfjs backend current (wasm, or webgpu on the named adapter). */
async function selectDevice(device: Device): Promise<BackendInfo> {
  resetBackendSelection();
  if (device.kind === 'wasm') return selectBackend({ order: ['wasm'] });
  if (device.kind === 'webgpu') return selectBackend({ order: ['webgpu'], adapter: device.adapter });
  throw new Error(`${device.kind} is not a tfjs device`);
}

/** Training images from the convert bench's synthetic frames. */
function images(size: number, n: number): TrainingImage[] {
  return Array.from({ length: n }, (_, k) => {
    const f = syntheticFrame({ w: size + 8 * k, h: size });
    return { rgb: f.data, width: f.width, height: f.height };
  });
}

/** A trainer for AnimeGANv2 at the case's size, batch and width, past its init phase (every step is D + G). */
function trainer(c: TrainCase, work: string): Trainer {
  return trainerOn({
    config: { model: 'animeganv2', preset: 'hayao', size: c.size, steps: 1000, width: c.width, batch: c.batch, seed: 1, metricsEvery: 1, previewEvery: 1000, checkpointEvery: 1000, initSteps: 0 },
    images: images(c.size, Math.max(2, c.batch)),
    vgg: seededVgg19(),
    checkpointDir: join(work, 'checkpoints'),
  });
}

async function train(device: Device, c: TrainCase, timing: Timing): Promise<void> {
  const size = trainSizeName(c.size);
  const work = mkdtempSync(join(tmpdir(), 'cel-bench-gpu-'));
  let t: Trainer | undefined;
  try {
    const info = await selectDevice(device);
    say({ kind: 'INFO', info: { detail: info.detail } });
    t = trainer(c, work);
    const tr = t;
    await tr.trainStep(); // warm-up: shaders and kernels compile, memory is laid out
    const r = await timeRuns(() => tr.trainStep(), timing.minRuns, timing.minMs, timing.maxRuns);
    say({ kind: 'RESULT', result: { test: 'train', size, ms: r.median, best: r.best, runs: r.runs } });
  } catch (err) {
    say({ kind: 'RESULT', result: { test: 'train', size, ms: null, best: null, runs: 0, error: shortError(err) } });
  } finally {
    t?.dispose();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Exports the generator (tfjs cpu) and counts one training step's FLOPs with tf.profile (wasm). */
async function prepare(width: number, onnxPath: string, probe: TrainCase): Promise<void> {
  const { spec, generator } = await generatorOn('cpu', width);
  let flopsPerPixel: number;
  try {
    const exported = await exportGeneratorOnnx(spec, generator);
    writeFileSync(onnxPath, exported.bytes);
    flopsPerPixel = exported.flopsPerPixel;
  } finally {
    generator.dispose();
  }
  let trainFlopsPerPixel: number | null = null;
  let trainFlopsNote: string;
  const work = mkdtempSync(join(tmpdir(), 'cel-bench-gpu-'));
  let t: Trainer | undefined;
  try {
    await selectDevice({ kind: 'wasm' });
    t = trainer(probe, work);
    const tr = t;
    const profile = await tf.profile(async () => {
      await tr.trainStep();
    });
    trainFlopsPerPixel = profileFlops(profile.kernels) / (probe.size * probe.size * probe.batch);
    trainFlopsNote = `tf.profile of one ${probe.size} px batch-${probe.batch} step on wasm, scaled by pixels x batch`;
  } catch (err) {
    trainFlopsNote = `no FLOP count: ${shortError(err)}`;
  } finally {
    t?.dispose();
    rmSync(work, { recursive: true, force: true });
  }
  say({ kind: 'RESULT', result: { flopsPerPixel, trainFlopsPerPixel, trainFlopsNote } });
}

/** Pixels the engine's tiling computes for one frame, over the frame's own pixels. */
function workRatio(engine: StyleEngine, { w, h }: FrameSize): number {
  const plan = planTiles(w, h, engine.sizeMultiple, tilingDefaults(engine));
  return (plan.tiles.length * plan.columns.length * plan.rows.length) / (w * h);
}

async function loadEngine(device: Device, width: number, onnxPath: string, flopsPerPixel: number): Promise<StyleEngine> {
  const label = `animeganv2 x${width}`;
  if (device.kind === 'ort') {
    const engine = await createOnnxEngine(onnxPath, { label, flopsPerPixel, ...(device.provider === 'cpu' ? { providers: ['cpu' as const] } : {}) });
    const skipped = engine.fallbackReason ? `; skipped ${engine.fallbackReason}` : '';
    const detail = `onnxruntime-node ${ort.env.versions.common} on its ${engine.provider} provider${skipped}`;
    if (device.provider === 'auto' && engine.provider === 'cpu') {
      say({ kind: 'INFO', info: { detail: `no GPU provider started (onnxruntime-node ${ort.env.versions.common}): ${engine.fallbackReason || 'none in this build'}` } });
      await engine.dispose();
      throw new Error('no GPU provider started here (why: in the notes)');
    }
    say({ kind: 'INFO', info: { name: `onnxruntime ${engine.provider}`, detail } });
    return engine;
  }
  const backend = await selectDevice(device);
  say({ kind: 'INFO', info: { detail: backend.detail } });
  const spec = animeSpec();
  const generator = spec.createGenerator({ width, seed: 1 });
  const order = device.kind === 'wasm' ? { order: ['wasm'] } : { order: ['webgpu'], adapter: device.adapter };
  return createTfjsEngine({ spec, generator, ownsGenerator: true, label, flopsPerPixel, backend: order });
}

async function infer(job: Extract<Job, { job: 'infer' }>): Promise<void> {
  const failAll = (err: unknown): void => {
    for (const s of job.sizes) say({ kind: 'RESULT', result: { test: 'infer', size: sizeName(s), ms: null, best: null, runs: 0, error: shortError(err) } });
  };
  let engine: StyleEngine;
  try {
    engine = await loadEngine(job.device, job.width, job.onnxPath, job.flopsPerPixel);
  } catch (err) {
    failAll(err);
    return;
  }
  try {
    let prev: { ms: number; work: number; size: FrameSize } | undefined;
    for (const size of job.sizes) {
      const result: Measurement = { test: 'infer', size: sizeName(size), ms: null, best: null, runs: 0 };
      try {
        const work = workRatio(engine, size);
        result.workRatio = work;
        // A CPU engine's time per computed pixel hardly changes with the frame: past the budget, scale it.
        const est = prev ? (prev.ms / (prev.size.w * prev.size.h * prev.work)) * size.w * size.h * work : 0;
        if (prev && job.budgetMs !== null && est * (1 + job.timing.minRuns) > job.budgetMs) {
          Object.assign(result, { ms: est, estimated: `from ${sizeName(prev.size)} (over the CPU budget)` });
        } else {
          const frame = syntheticFrame(size);
          await stylizeImage(engine, frame); // warm-up
          const r = await timeRuns(() => stylizeImage(engine, frame), job.timing.minRuns, job.timing.minMs, job.timing.maxRuns);
          Object.assign(result, { ms: r.median, best: r.best, runs: r.runs });
          prev = { ms: r.median, work, size };
        }
      } catch (err) {
        result.error = shortError(err);
      }
      say({ kind: 'RESULT', result });
    }
  } finally {
    await engine.dispose();
  }
}

async function run(job: Job): Promise<void> {
  switch (job.job) {
    case 'list': {
      const scan = await listGpuAdapters();
      say({ kind: 'RESULT', result: scan });
      return;
    }
    case 'prepare':
      return prepare(job.width, job.onnxPath, job.probe);
    case 'train':
      return train(job.device, job.train, job.timing);
    case 'infer':
      return infer(job);
  }
}

function finish(code: number): void {
  releaseWebgpu();
  process.exitCode = code;
  setTimeout(() => {
    console.error(`gpu bench child: still running ${EXIT_GRACE_MS / 1000} s after its job ended (a native handle kept it alive); exiting`);
    process.exit(code);
  }, EXIT_GRACE_MS).unref();
}

run(JSON.parse(process.argv[2] ?? '{}') as Job).then(
  () => finish(0),
  (err: unknown) => {
    console.error(err);
    finish(1);
  },
);
