/**
 * Choosing between TensorFlow.js and ONNX Runtime for a studio run by measurement: both are timed on the same
 * sample, the faster is returned with both timings, its output is the generator's, the decision is cached per
 * model and backend, and a failed ONNX export leaves the run on tfjs with the reason.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/main/engine/backends';
import { getModel } from '../../../src/main/engine/models/registry';
import type { Network } from '../../../src/main/engine/network';
import { chooseEngine, clearEngineChoices } from '../../../src/main/engine/stylize/choose-engine';
import { saveCheckpoint } from '../../../src/main/engine/training/checkpoint';
import { tempDir } from '../../support/temp-dir';

const spec = getModel('animeganv2');
const WIDTH = 0.25;
const SAMPLE = { height: 32, width: 32 };
let trained: Network;

beforeAll(async () => {
  await selectBackend({ order: ['wasm'] });
  trained = spec.createGenerator({ width: WIDTH, seed: 5 });
});
afterAll(() => trained.dispose());
beforeEach(() => clearEngineChoices());

async function saveRun(): Promise<string> {
  const dir = tempDir();
  const tensors = new Map<string, tf.Tensor>([...trained.variables].map(([n, v]) => [`g:${n}`, v]));
  await saveCheckpoint(dir, 7, tensors, { config: { model: 'animeganv2', width: WIDTH, seed: 5 } });
  return dir;
}

describe('chooseEngine', () => {
  it('times both runtimes, returns the faster with the evidence, and caches the decision per model and backend', async () => {
    const dir = await saveRun();
    const { engine, choice } = await chooseEngine({ checkpointDir: dir, sample: SAMPLE, onnx: { providers: ['cpu'] } });
    try {
      expect(choice.cached).toBe(false);
      const [tfjs, onnx] = choice.measurements;
      expect(tfjs).toMatchObject({ kind: 'tfjs-wasm' });
      expect(onnx).toMatchObject({ kind: 'onnxruntime-cpu' });
      expect(tfjs!.msPerMegapixel).toBeGreaterThan(0);
      expect(onnx!.msPerMegapixel).toBeGreaterThan(0);
      const faster = tfjs!.msPerMegapixel! <= onnx!.msPerMegapixel! ? tfjs! : onnx!;
      expect(choice.chosen).toBe(faster.kind);
      expect(engine.kind).toBe(choice.chosen);
      expect(choice.reason).toMatch(new RegExp(`^${faster.kind} [\\d,]+ ms/MP vs `));
      // The exporter counted the FLOPs; whichever engine won reports them.
      expect(engine.flopsPerPixel).toBeGreaterThan(0);

      const x = Float32Array.from({ length: 32 * 48 * 3 }, (_, i) => Math.cos(i * 0.03));
      const expected = tf.tidy(() => trained.apply(tf.tensor4d(x, [1, 32, 48, 3]), false).dataSync() as Float32Array);
      const y = await engine.stylize(x, 1, 32, 48);
      let diff = 0;
      for (let i = 0; i < x.length; i++) diff = Math.max(diff, Math.abs(y[i]! - expected[i]!));
      expect(diff).toBeLessThan(1e-4);
    } finally {
      await engine.dispose();
    }

    const again = await chooseEngine({ checkpointDir: dir, sample: SAMPLE, onnx: { providers: ['cpu'] } });
    try {
      expect(again.choice).toEqual({ ...choice, cached: true });
      expect(again.engine.kind).toBe(choice.chosen);
    } finally {
      await again.engine.dispose();
    }
  });

  it('stays on tfjs and says why when the ONNX export fails', async () => {
    const exportOnnx = (): never => {
      throw new Error('this layer has no ONNX emitter');
    };
    const { engine, choice } = await chooseEngine({ generator: trained, spec, sample: SAMPLE, exportOnnx });
    try {
      expect(engine.kind).toBe('tfjs-wasm');
      expect(choice.chosen).toBe('tfjs-wasm');
      expect(choice.measurements[1]).toMatchObject({ msPerMegapixel: null, error: 'ONNX export failed: this layer has no ONNX emitter' });
      expect(choice.reason).toMatch(/ONNX Runtime could not be used: ONNX export failed/);
    } finally {
      await engine.dispose();
    }
    // The caller's generator is not the engine's to free.
    expect(trained.variables.values().next().value!.isDisposed).toBe(false);
  });
});
