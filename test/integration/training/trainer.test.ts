/**
 * The trainer in-process on real tensors: each model trains a few steps at a tiny size on the wasm backend with a
 * small VGG19 of seeded weights (so it runs without ../shared); the live tensor count is flat across steps; a
 * checkpoint restores to exactly the same continuation; a weight change changes the loss from the next step.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LossWeights, TrainConfig } from '@shared/training';
import { loadImages, type TrainingImage } from '../../../src/main/engine/training/dataset';
import { getPreset } from '../../../src/main/engine/training/presets';
import { releaseSpentGradients } from '../../../src/main/engine/training/release-spent-gradients';
import type { Trainer } from '../../../src/main/engine/training/trainer';
import { selectBackend } from '../../../src/main/engine/backends';
import { seededVgg19 } from '../../support/seeded-vgg';
import { trainerOn } from '../../support/trainer-on';
import { listModels } from '../../../src/main/engine/models/registry';
import { CURATION_FILES, makeCurationFrames } from '../../support/curation-fixtures';
import { tempDir } from '../../support/temp-dir';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

let images: TrainingImage[];

beforeAll(async () => {
  // The wasm backend with the engine's own gradient kernels: what a run trains on here (cpu is ~50x slower).
  await selectBackend({ order: ['wasm'] });
  const dir = await makeCurationFrames(tempDir());
  // Pictures with detail; the featureless black and grey frames are left to the curation tests.
  const detailed = readdirSync(dir).filter((f) => f !== CURATION_FILES.black && f !== CURATION_FILES.flat);
  images = await loadImages(detailed.map((f) => join(dir, f)), 32);
});
afterAll(() => tf.disposeVariables());

function config(model: TrainConfig['model'], extra: Partial<TrainConfig> = {}): TrainConfig {
  return {
    model,
    preset: 'hayao',
    size: 32,
    steps: 10,
    width: 0.125,
    batch: 2,
    seed: 3,
    metricsEvery: 1,
    previewEvery: 5,
    checkpointEvery: 5,
    initSteps: 1,
    ...extra,
  };
}

async function trainer(model: TrainConfig['model'], extra: Partial<TrainConfig> = {}, checkpointDir = tempDir()): Promise<Trainer> {
  // A small VGG19 with seeded weights: these tests check the training loop, not what real features see.
  return trainerOn({ config: config(model, extra), images, vgg: seededVgg19(1, 0.125), checkpointDir });
}

describe('trainer', () => {
  for (const name of ['animeganv2', 'lwcomic', 'resnet-cbam', 'unet-cycle'] as const) {
    it(`trains ${name} through the init and GAN phases with finite losses and a flat tensor count`, async () => {
      const untouched = tf.memory().numTensors;
      const t = await trainer(name);
      const first = await t.trainStep();
      expect(first.phase).toBe('init');
      expect(first.con).toBeGreaterThan(0);
      const second = await t.trainStep();
      expect(second.phase).toBe('gan');
      const before = tf.memory().numTensors;
      const third = await t.trainStep();
      expect(tf.memory().numTensors).toBe(before);
      for (const term of listModels().find((m) => m.name === name)!.losses) {
        expect(third[term], term).not.toBeNull();
        expect(Number.isFinite(third[term]!), term).toBe(true);
      }
      expect(Number.isFinite(third.dTotal!)).toBe(true);
      const v = await t.validate();
      expect(v.psnr).toBeGreaterThan(0);
      expect(v.ssim).toBeLessThanOrEqual(1);
      // The style distance of the outputs to the style set: a finite, positive L1 between mean Gram matrices.
      expect(v.styleDist).toBeGreaterThan(0);
      expect(Number.isFinite(v.styleDist)).toBe(true);
      // KID of the colour outputs to the style images on pooled VGG features: unbiased, so any finite number.
      expect(v.kid).not.toBeNull();
      expect(Number.isFinite(v.kid!)).toBe(true);
      expect(Object.keys(await t.preview()).sort()).toEqual([...listModels().find((m) => m.name === name)!.previews].sort());
      expect(tf.memory().numTensors).toBe(before);
      t.dispose();
      // VGG, the networks and the style set's precomputed Gram matrix and pooled features all go with the trainer.
      expect(tf.memory().numTensors).toBe(untouched);
    });
  }

  // The trainer frees backward-pass tensors early by patching tfjs (release-spent-gradients): on the backend and
  // kernels runs use, with a plain GAN and with WGAN-GP's gradient inside the loss, it must change no number.
  for (const name of ['animeganv2', 'lwcomic'] as const) {
    it(`trains ${name} to the same losses with and without freeing backprop tensors early`, async () => {
      const steps = async (release: boolean) => {
        const t = await trainer(name);
        if (!release) releaseSpentGradients()(); // the trainer installed it: undo
        const points = [await t.trainStep(), await t.trainStep(), await t.trainStep()];
        t.dispose();
        return points;
      };
      const plain = await steps(false);
      const released = await steps(true);
      expect(released).toEqual(plain);
      expect(plain.map((p) => p.phase)).toEqual(['init', 'gan', 'gan']);
    });
  }

  // lwcomic too: its gradient penalty draws random interpolation weights, which must come from (seed, step).
  for (const name of ['animeganv2', 'lwcomic'] as const) {
    it(`continues ${name} from a checkpoint exactly as an uninterrupted run would`, async () => {
      const dir = tempDir();
      const a = await trainer(name, {}, dir);
      for (let i = 0; i < 3; i++) await a.trainStep();
      await a.checkpoint();
      const expected = [await a.trainStep(), await a.trainStep()];
      a.dispose();

      const b = await trainer(name, {}, dir);
      expect(await b.restore()).toBe(true);
      expect(b.step).toBe(3);
      const got = [await b.trainStep(), await b.trainStep()];
      for (let i = 0; i < 2; i++) {
        expect(got[i]!.step).toBe(expected[i]!.step);
        // Same data, same weights, same optimiser state: equal up to float rounding of threaded reductions.
        expect(Math.abs(got[i]!.gTotal! - expected[i]!.gTotal!)).toBeLessThanOrEqual(1e-5 * Math.abs(expected[i]!.gTotal!));
        expect(Math.abs(got[i]!.dTotal! - expected[i]!.dTotal!)).toBeLessThanOrEqual(1e-5 * Math.abs(expected[i]!.dTotal!));
      }
      b.dispose();
    });
  }

  it('halves the batch after a failed GPU step, back at the newest checkpoint, and keeps it halved on resume', async () => {
    const dir = tempDir();
    const a = await trainer('animeganv2', { batch: 4 }, dir);
    for (let i = 0; i < 2; i++) await a.trainStep();
    await a.checkpoint();
    await a.trainStep();
    expect(await a.shrinkBatch()).toEqual({ batch: 2, step: 2 });
    const next = await a.trainStep();
    expect(next.step).toBe(3);
    expect(Number.isFinite(next.gTotal!)).toBe(true);
    await a.checkpoint();
    a.dispose();

    const b = await trainer('animeganv2', { batch: 4 }, dir);
    expect(await b.restore()).toBe(true);
    expect(b.batch).toBe(2);
    b.dispose();

    // With no checkpoint yet it starts over from the seed's weights.
    const c = await trainer('animeganv2', { batch: 2 }, tempDir());
    const first = await c.trainStep();
    await c.trainStep();
    expect(await c.shrinkBatch()).toEqual({ batch: 1, step: 0 });
    expect((await c.trainStep()).step).toBe(1);
    expect(first.step).toBe(1);
    c.dispose();
  });

  it('applies a weight change from the next step', async () => {
    const t = await trainer('animeganv2');
    await t.trainStep();
    const total = (p: Awaited<ReturnType<Trainer['trainStep']>>, w: LossWeights) =>
      w.adv * p.adv! + w.con * p.con! + w.gra * p.gra! + w.col * p.col! + w.tv * p.tv!;
    const hayao = getPreset('hayao').weights;
    const base = await t.trainStep();
    expect(base.gTotal!).toBeCloseTo(total(base, hayao), 2);
    const heavier = { ...hayao, col: 1000 };
    t.setWeights(heavier);
    const next = await t.trainStep();
    // G's total is the weighted sum of its terms under the new weights, from this very step.
    expect(next.gTotal!).toBeCloseTo(total(next, heavier), 2);
    expect(Math.abs(next.gTotal! - total(next, hayao))).toBeGreaterThan(100 * next.col!);
    t.dispose();
  });
});
