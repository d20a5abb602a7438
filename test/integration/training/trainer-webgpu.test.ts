/**
 * Training on the webgpu backend: every model family (WGAN-GP's double backprop included) trains a few steps
 * at a tiny size on the GPU adapter and on the cpu backend from the same seed, and the losses agree; the live
 * tensor count and the GPU bytes in use stay flat over steps; a step the GPU cannot run is detected.
 * Here the adapter is a software one (lavapipe): it proves correctness, not speed.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrainConfig } from '@shared/training';
import { auditGradients, registerCpuGradientFixes, releaseWebgpu, takeGpuError, tryWebgpu } from '../../../src/main/engine/backends';
import { getModel } from '../../../src/main/engine/models/registry';
import { loadImages, type TrainingImage } from '../../../src/main/engine/training/dataset';
import type { Trainer } from '../../../src/main/engine/training/trainer';
import { exportGeneratorOnnx } from '../../../src/main/engine/onnx';
import { CURATION_FILES, makeCurationFrames } from '../../support/curation-fixtures';
import { gpuAdapterForTests } from '../../support/gpu';
import { seededVgg19 } from '../../support/seeded-vgg';
import { tempDir } from '../../support/temp-dir';
import { trainerOn } from '../../support/trainer-on';
import { join } from 'node:path';

const adapter = await gpuAdapterForTests();
const MODELS = ['animeganv2', 'lwcomic', 'resnet-cbam', 'unet-cycle'] as const;
const STEPS = 3;
const imagesBySize = new Map<number, TrainingImage[]>();

type Losses = Awaited<ReturnType<Trainer['trainStep']>>;

function sizeOf(model: TrainConfig['model']): number {
  return Math.max(16, getModel(model).sizeMultiple);
}

async function makeTrainer(model: TrainConfig['model']): Promise<Trainer> {
  const size = sizeOf(model);
  return trainerOn({
    config: { model, preset: 'hayao', size, steps: STEPS, width: 0.125, batch: 2, seed: 5, metricsEvery: 1, previewEvery: 10, checkpointEvery: 10, initSteps: 1 },
    images: imagesBySize.get(size)!,
    // Seeded weights: the backends are compared, not the losses' meaning, and no ../shared is needed (a lent GPU
    // machine has only the repository).
    vgg: seededVgg19(3, 0.125),
    checkpointDir: tempDir(),
  });
}

async function train(model: TrainConfig['model']): Promise<Losses[]> {
  const t = await makeTrainer(model);
  try {
    const out: Losses[] = [];
    for (let i = 0; i < STEPS; i++) out.push(await t.trainStep());
    return out;
  } finally {
    t.dispose();
  }
}

const reference = new Map<string, Losses[]>();

beforeAll(async () => {
  if (!adapter) return;
  const dir = await makeCurationFrames(tempDir());
  const files = [CURATION_FILES.base, CURATION_FILES.other].map((f) => join(dir, f));
  for (const m of MODELS) if (!imagesBySize.has(sizeOf(m))) imagesBySize.set(sizeOf(m), await loadImages(files, sizeOf(m)));
  await tf.setBackend('cpu');
  registerCpuGradientFixes();
  for (const m of MODELS) reference.set(m, await train(m));
  const got = await tryWebgpu({ forced: true });
  if (!got.ok) throw new Error(got.reason);
}, 600_000);

afterAll(() => releaseWebgpu());

describe.skipIf(!adapter)(`training on webgpu (${adapter?.name ?? 'no adapter'})`, () => {
  it('computes the gradient of every op the models use as the cpu backend does', { timeout: 300_000 }, async () => {
    const results = await auditGradients('webgpu', 'cpu');
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(tf.getBackend()).toBe('webgpu');
  });

  for (const model of MODELS) {
    it(`trains ${model} to the cpu backend's losses (relative error < 1e-3 after ${STEPS} steps)`, { timeout: 300_000 }, async () => {
      expect(tf.getBackend()).toBe('webgpu');
      const got = await train(model);
      const want = reference.get(model)!;
      expect(got.map((p) => p.phase)).toEqual(want.map((p) => p.phase));
      for (let i = 0; i < STEPS; i++) {
        for (const term of ['gTotal', 'dTotal', 'adv', 'con', 'gra', 'col', 'tv', 'cycle'] as const) {
          const [a, b] = [got[i]![term], want[i]![term]];
          expect(a === null, `${term} at step ${i + 1}`).toBe(b === null);
          if (a === null || b === null) continue;
          const rel = Math.abs(a - b) / Math.max(Math.abs(b), 1e-3);
          // Adam's first update moves every weight by ±lr, the sign of its gradient: a few gradients within
          // float error of zero (measured: 1 in ~1,000 of unet-cycle's, each moving 2·lr apart) come out with
          // the other sign, and a WGAN critic's unbounded loss shows it at step 2 (1.1e-3). Kernels match to
          // ~1e-7 (the gradient audit above); the target holds for the losses after the 3 steps.
          const tolerance = i === STEPS - 1 ? 1e-3 : 2e-3;
          expect(rel, `${model} ${term} at step ${i + 1}: webgpu ${a} vs cpu ${b}`).toBeLessThan(tolerance);
        }
      }
    });
  }

  it('keeps the tensor count and the GPU bytes in use flat over steps', { timeout: 300_000 }, async () => {
    const t = await makeTrainer('lwcomic');
    try {
      await t.trainStep();
      await t.trainStep();
      const before = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
      for (let i = 0; i < 2; i++) await t.trainStep();
      const after = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
      expect(after.numTensors).toBe(before.numTensors);
      expect(after.numBytesInGPU).toBe(before.numBytesInGPU);
    } finally {
      t.dispose();
    }
  });

  it('exports a generator that lives on the GPU to the same ONNX file as on the cpu backend', async () => {
    const spec = getModel('resnet-cbam');
    const onGpu = spec.createGenerator({ width: 0.125, seed: 9 });
    const a = await exportGeneratorOnnx(spec, onGpu);
    onGpu.dispose();
    await tf.setBackend('cpu');
    const onCpu = spec.createGenerator({ width: 0.125, seed: 9 });
    const b = await exportGeneratorOnnx(spec, onCpu);
    onCpu.dispose();
    await tf.setBackend('webgpu');
    expect(a.bytes.length).toBeGreaterThan(10_000);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it('reports a step the GPU could not run (a binding over the device limit) instead of its garbage', async () => {
    const limit = (tf.backend() as unknown as { device: GPUDevice }).device.limits.maxStorageBufferBindingSize;
    const x = tf.fill([Math.ceil(limit / 4) + 1024], 1);
    const y = tf.add(x, 1);
    await y.data();
    tf.dispose([x, y]);
    expect(takeGpuError()).toMatch(/larger than the maximum storage buffer binding size/);
    expect(takeGpuError()).toBeUndefined();
  });
});
