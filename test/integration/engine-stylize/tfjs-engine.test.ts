/**
 * The TensorFlow.js engine on a tiny AnimeGANv2 (width 0.25) saved the way the trainer saves it
 * (`g:<variable>` keys, `meta.config` with model and width): it rebuilds the generator from the checkpoint alone,
 * computes what the generator computes, keeps the live tensor count flat over batches, splits or refuses work
 * over its memory limit, and names mismatched checkpoints.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '@shared/errors';
import { selectBackend } from '../../../src/main/engine/backends';
import { getModel } from '../../../src/main/engine/models/registry';
import type { Network } from '../../../src/main/engine/network';
import { createTfjsEngine } from '../../../src/main/engine/stylize/tfjs-engine';
import { saveCheckpoint } from '../../../src/main/engine/training/checkpoint';
import { tempDir } from '../../support/temp-dir';

const spec = getModel('animeganv2');
const WIDTH = 0.25;
let trained: Network;

beforeAll(async () => {
  await selectBackend({ order: ['wasm'] });
  trained = spec.createGenerator({ width: WIDTH, seed: 11 });
});
afterAll(() => trained.dispose());

/** Saves `net` as step 40 of a run, as the trainer would. */
async function saveRun(net: Network, config: Record<string, unknown> = { model: 'animeganv2', width: WIDTH, seed: 11 }): Promise<string> {
  const dir = tempDir();
  const tensors = new Map<string, tf.Tensor>();
  for (const [name, v] of net.variables) tensors.set(`g:${name}`, v);
  for (const [name, v] of net.state) tensors.set(`g:state:${name}`, v);
  await saveCheckpoint(dir, 40, tensors, { config, weights: {} });
  return dir;
}

function batch(n: number, h: number, w: number, phase = 0): Float32Array {
  return Float32Array.from({ length: n * h * w * 3 }, (_, i) => Math.sin(i * 0.05 + phase) * 0.8);
}

describe('createTfjsEngine', () => {
  it('loads a run checkpoint, matches the trained generator, and keeps the tensor count flat over 3 batches', async () => {
    const engine = await createTfjsEngine({ checkpointDir: await saveRun(trained) });
    try {
      expect(engine).toMatchObject({ kind: 'tfjs-wasm', label: 'animeganv2 (step 40)', sizeMultiple: 4, contextPixels: 64 });
      const x = batch(2, 32, 48);
      const expected = tf.tidy(() => trained.apply(tf.tensor4d(x, [2, 32, 48, 3]), false).dataSync() as Float32Array);
      const first = await engine.stylize(x, 2, 32, 48);
      expect(first).toHaveLength(x.length);
      let diff = 0;
      for (let i = 0; i < x.length; i++) diff = Math.max(diff, Math.abs(first[i]! - expected[i]!));
      expect(diff).toBeLessThan(1e-5);

      const before = tf.memory().numTensors;
      for (let k = 0; k < 3; k++) {
        const y = await engine.stylize(batch(2, 32, 48, k), 2, 32, 48);
        expect(y.every((v) => Number.isFinite(v) && v >= -1 && v <= 1)).toBe(true);
      }
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      const held = tf.memory().numTensors;
      await engine.dispose();
      await engine.dispose();
      // The engine built the generator from the checkpoint, so disposing it frees those variables.
      expect(tf.memory().numTensors).toBeLessThan(held);
    }
  });

  it('measures its memory per pixel and refuses images that would not fit, instead of breaking the heap', async () => {
    const engine = await createTfjsEngine({ generator: trained, spec });
    try {
      // A pass frees its feature maps as it goes: ~0.5 KB per pixel at width 0.25 (~6 KB when a tidy kept them
      // all), so a 720p frame fits the wasm heap in one pass.
      expect(engine.bytesPerPixel).toBeGreaterThan(100);
      expect(engine.bytesPerPixel).toBeLessThan(1000);
      expect(engine.maxPixels).toBeGreaterThan(1280 * 720);
      // The 64x64 probe's figure holds for a larger pass: its real peak stays within the engine's headroom.
      const x = tf.zeros([1, 256, 192, 3]) as tf.Tensor4D;
      const before = tf.memory().numBytes;
      const info = await tf.profile(() => tf.tidy(() => trained.apply(x, false)));
      tf.dispose([x, info.result as tf.Tensor]);
      expect((info.peakBytes - before) / (256 * 192)).toBeLessThanOrEqual(engine.bytesPerPixel * 1.25);
      const side = Math.ceil(Math.sqrt(engine.maxPixels) / 4) * 4 + 4;
      await expect(engine.stylize(new Float32Array(side * side * 3), 1, side, side)).rejects.toThrow(/tile the frame/);
      await expect(engine.stylize(batch(1, 30, 32), 1, 30, 32)).rejects.toThrow(StudioError);
    } finally {
      await engine.dispose();
    }
    // The caller's generator survives the engine.
    expect(trained.variables.values().next().value!.isDisposed).toBe(false);
  });

  it('names a checkpoint whose width does not match, and a folder without checkpoints', async () => {
    const dir = await saveRun(trained, { model: 'animeganv2', width: 0.5 });
    await expect(createTfjsEngine({ checkpointDir: dir })).rejects.toThrow(/a different width/);
    await expect(createTfjsEngine({ checkpointDir: dir, spec: getModel('lwcomic') })).rejects.toThrow(/is of animeganv2, not lwcomic/);
    const empty = tempDir();
    await expect(createTfjsEngine({ checkpointDir: empty })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
