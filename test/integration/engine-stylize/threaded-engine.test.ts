/**
 * Style engines in a worker thread (the built out/main/stylize-worker.js): they compute exactly what they compute
 * in this thread, this thread's event loop keeps running while a big frame is stylized, errors arrive as the same
 * errors, a fixed-size model's one input size reaches the tiler on this side, and dispose (or a dying worker) ends
 * the thread and every call waiting on it.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '@shared/errors';
import { selectBackend } from '../../../src/main/engine/backends';
import { getModel } from '../../../src/main/engine/models/registry';
import type { Network } from '../../../src/main/engine/network';
import { type EngineSpec, type LoadedEngine, loadEngineFromSpec } from '../../../src/main/engine/stylize/engine-spec';
import { stylizeImage } from '../../../src/main/engine/stylize/frame-tiling';
import { createThreadedEngine, runningStylizeWorkers } from '../../../src/main/engine/stylize/threaded-engine';
import { saveCheckpoint } from '../../../src/main/engine/training/checkpoint';
import { REPO_DIR } from '../../support/cli';
import { sharedPath } from '../../support/shared-assets';
import { tempDir } from '../../support/temp-dir';
import { noiseAndShapes } from '../../unit/engine/stylize/test-images';
import { convModel, withFixedSize } from './tiny-onnx';

const WORKER = resolve(REPO_DIR, 'out/main/stylize-worker.js');
const BUILTIN: EngineSpec = { kind: 'builtin', options: { levels: 6, edgeStrength: 0.9, smoothing: 3 } };
const onnxPath = sharedPath('weights/AnimeGANv3_tiny_Cute.onnx');
const photosDir = sharedPath('corpus/photos');

beforeAll(() => {
  if (!readdirSync(resolve(REPO_DIR, 'out/main')).includes('stylize-worker.js')) {
    throw new Error(`${WORKER} is missing: run \`npx electron-vite build\` before these tests`);
  }
});

/** A corpus photo (or, without ../shared, a textured picture) as float32 NHWC [1,h,w,3] in [-1,1]. */
async function photo(width: number, height: number): Promise<Float32Array> {
  if (!photosDir) return Float32Array.from({ length: width * height * 3 }, (_, i) => Math.sin(i * 0.37) * Math.cos(i * 0.011));
  const name = readdirSync(photosDir).filter((f) => f.endsWith('.jpg')).sort()[0]!;
  const raw = await sharp(join(photosDir, name)).resize(width, height, { fit: 'cover' }).removeAlpha().raw().toBuffer();
  return Float32Array.from(raw, (v) => v / 127.5 - 1);
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

/** The engine's public facts, for comparing a threaded engine with one in this thread. */
function facts({ engine }: LoadedEngine): Record<string, unknown> {
  const { label, kind, sizeMultiple, contextPixels, flopsPerPixel } = engine;
  const fixedSize = engine.fixedSize ?? null;
  return { label, kind, sizeMultiple, fixedSize, contextPixels, flopsPerPixel, maxPixels: (engine as { maxPixels?: number }).maxPixels };
}

/** The error `promise` rejects with. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('threaded built-in cel shading', () => {
  let local: LoadedEngine;
  let threaded: LoadedEngine;
  beforeAll(async () => {
    [local, threaded] = await Promise.all([loadEngineFromSpec(BUILTIN), createThreadedEngine(BUILTIN, WORKER)]);
  });
  afterAll(async () => {
    await Promise.all([local?.engine.dispose(), threaded?.engine.dispose()]);
  });

  it('returns exactly what the engine returns in this thread, and leaves the caller its input', async () => {
    expect(facts(threaded)).toEqual(facts(local));
    expect(threaded.choice).toEqual(local.choice);
    const x = await photo(160, 120);
    const copy = x.slice();
    const [a, b] = [await local.engine.stylize(x, 1, 120, 160), await threaded.engine.stylize(x, 1, 120, 160)];
    expect(b).toHaveLength(a.length);
    expect(maxDiff(a, b)).toBe(0);
    expect(maxDiff(x, copy)).toBe(0);
  });

  it('keeps this thread’s event loop running while it stylizes a big frame (in this thread it would not)', async () => {
    const [h, w] = [720, 1280];
    const x = await photo(w, h);
    const ticksDuring = async (engine: LoadedEngine['engine']): Promise<{ ticks: number; ms: number }> => {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 20);
      const t0 = performance.now();
      await engine.stylize(x, 1, h, w);
      const ms = performance.now() - t0;
      clearInterval(timer);
      return { ticks, ms };
    };
    const here = await ticksDuring(local.engine);
    const there = await ticksDuring(threaded.engine);
    // The in-process filter holds the thread for the whole frame: the interval cannot fire while it runs.
    expect(here.ms).toBeGreaterThan(200);
    expect(here.ticks).toBeLessThanOrEqual(1);
    // In the worker the interval keeps firing (allow for a loaded machine: at least a third of the ideal count).
    expect(there.ticks).toBeGreaterThanOrEqual(Math.max(5, Math.floor(there.ms / 20 / 3)));
  });

  it('rejects a bad batch with the error the engine throws in this thread', async () => {
    const x = new Float32Array(10);
    const [a, b] = [await rejection(local.engine.stylize(x, 1, 4, 4)), await rejection(threaded.engine.stylize(x, 1, 4, 4))];
    expect(b).toBeInstanceOf(RangeError);
    expect(b.message).toBe(a.message);
  });
});

describe.skipIf(!onnxPath)('threaded ONNX engine (AnimeGANv3_tiny_Cute.onnx)', () => {
  const spec: EngineSpec = { kind: 'onnx', path: onnxPath! };

  it('matches the engine in this thread within 1e-5, and reports the same errors', async () => {
    const [local, threaded] = await Promise.all([loadEngineFromSpec(spec), createThreadedEngine(spec, WORKER)]);
    try {
      expect(facts(threaded)).toEqual(facts(local));
      const x = await photo(96, 64);
      const [a, b] = [await local.engine.stylize(x, 1, 64, 96), await threaded.engine.stylize(x, 1, 64, 96)];
      expect(maxDiff(a, b)).toBeLessThan(1e-5);
      // 72 is not a multiple of the model's 16.
      const bad = new Float32Array(72 * 72 * 3);
      const [ea, eb] = [await rejection(local.engine.stylize(bad, 1, 72, 72)), await rejection(threaded.engine.stylize(bad, 1, 72, 72))];
      expect(eb).toBeInstanceOf(StudioError);
      expect({ code: (eb as StudioError).code, message: eb.message }).toEqual({ code: (ea as StudioError).code, message: ea.message });
    } finally {
      await Promise.all([local.engine.dispose(), threaded.engine.dispose()]);
    }
  });
});

describe('threaded fixed-size ONNX engine (a 3x3 conv exported at 64x64 only)', () => {
  it('tells the tiler its size, so a 150x97 frame comes back as the engine in this thread makes it', async () => {
    const path = join(tempDir(), 'conv-64x64.onnx');
    writeFileSync(path, withFixedSize(convModel({ layout: 'NCHW', range: '-1..1' }), [64, 64], 'NCHW'));
    const spec: EngineSpec = { kind: 'onnx', path };
    const [local, threaded] = await Promise.all([loadEngineFromSpec(spec), createThreadedEngine(spec, WORKER)]);
    try {
      expect(facts(threaded)).toEqual(facts(local));
      expect(threaded.engine.fixedSize).toEqual({ height: 64, width: 64 });
      const image = noiseAndShapes(150, 97, 2);
      const [a, b] = [await stylizeImage(local.engine, image), await stylizeImage(threaded.engine, image)];
      expect([b.width, b.height]).toEqual([150, 97]);
      expect(Buffer.from(b.data).equals(Buffer.from(a.data))).toBe(true);
    } finally {
      await Promise.all([local.engine.dispose(), threaded.engine.dispose()]);
    }
  });
});

describe('threaded run generator (tfjs on wasm, or its ONNX export, whichever measures faster)', () => {
  const model = getModel('animeganv2');
  let trained: Network;
  beforeAll(async () => {
    await selectBackend({ order: ['wasm'] });
    trained = model.createGenerator({ width: 0.25, seed: 5 });
  });
  afterAll(() => trained?.dispose());

  it('loads a checkpoint in the worker, computes the generator, and hands its engine decision to the next worker', async () => {
    const checkpointDir = tempDir();
    const tensors = new Map<string, tf.Tensor>([...trained.variables].map(([n, v]) => [`g:${n}`, v]));
    await saveCheckpoint(checkpointDir, 7, tensors, { config: { model: 'animeganv2', width: 0.25, seed: 5 } });
    const spec: EngineSpec = { kind: 'run', checkpointDir, model: 'animeganv2', width: 0.25, label: 'run 1 (animeganv2, step 7)' };
    const first = await createThreadedEngine(spec, WORKER);
    try {
      expect(first.engine.label).toBe('run 1 (animeganv2, step 7)');
      expect(Object.keys(first.choice.msPerMegapixel).sort()).toEqual(['onnxruntime-cpu', 'tfjs-wasm']);
      expect(first.choice.kind).toBe(first.engine.kind);
      // The tiler needs the tfjs engine's memory limit on this side too.
      if (first.engine.kind === 'tfjs-wasm') expect((first.engine as { maxPixels?: number }).maxPixels).toBeGreaterThan(64 * 64);
      const x = Float32Array.from({ length: 32 * 48 * 3 }, (_, i) => Math.cos(i * 0.03));
      const expected = tf.tidy(() => trained.apply(tf.tensor4d(x, [1, 32, 48, 3]), false).dataSync() as Float32Array);
      expect(maxDiff(await first.engine.stylize(x, 1, 32, 48), expected)).toBeLessThan(1e-4);
    } finally {
      await first.engine.dispose();
    }
    // A fresh worker takes the decision measured in the first (the same timings) instead of measuring again.
    const second = await createThreadedEngine(spec, WORKER);
    await second.engine.dispose();
    expect(second.choice).toEqual(first.choice);
  });
});

describe('threaded engine lifetime and failures', () => {
  it('dispose ends the worker thread; later calls are refused', async () => {
    const before = runningStylizeWorkers();
    const { engine } = await createThreadedEngine(BUILTIN, WORKER);
    expect(runningStylizeWorkers()).toBe(before + 1);
    await engine.dispose();
    await engine.dispose();
    expect(runningStylizeWorkers()).toBe(before);
    const err = await rejection(engine.stylize(new Float32Array(3), 1, 1, 1));
    expect(err).toMatchObject({ code: 'BAD_INPUT', message: 'Built-in cel shading was disposed' });
  });

  it('a file that is not ONNX fails to load with the same StudioError, and its worker ends', async () => {
    const path = join(tempDir(), 'broken.onnx');
    writeFileSync(path, 'this is not a protobuf');
    const before = runningStylizeWorkers();
    const spec: EngineSpec = { kind: 'onnx', path };
    const [a, b] = [await rejection(loadEngineFromSpec(spec)), await rejection(createThreadedEngine(spec, WORKER))];
    expect(a).toBeInstanceOf(StudioError);
    expect(b).toBeInstanceOf(StudioError);
    expect({ code: (b as StudioError).code, message: b.message, field: (b as StudioError).field }).toEqual({
      code: (a as StudioError).code,
      message: a.message,
      field: (a as StudioError).field,
    });
    expect(runningStylizeWorkers()).toBe(before);
  });

  it('a worker that dies rejects the calls waiting on it with a clear error', async () => {
    const script = join(tempDir(), 'dies.mjs');
    writeFileSync(script, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
    const err = await rejection(createThreadedEngine(BUILTIN, script));
    expect(err).toBeInstanceOf(StudioError);
    expect(err.message).toBe('the stylize worker running Built-in cel shading stopped (exit code 3)');
  });
});
