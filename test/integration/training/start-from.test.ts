/**
 * A run that starts from an existing generator (an imported one, stored as the model store writes it): the
 * generator begins with exactly those weights and that flavour, the content-only init phase is skipped unless the
 * config asks for it, and halving the batch after a GPU failure (no checkpoint yet) goes back to them, not to
 * random weights. The discriminator starts from the seed.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TrainConfig } from '@shared/training';
import { selectBackend } from '../../../src/main/engine/backends';
import { animeganv2 } from '../../../src/main/engine/models';
import { networkStructure } from '../../../src/main/engine/models/build-network';
import { loadGeneratorFromCheckpoint } from '../../../src/main/engine/stylize/tfjs-generator';
import { loadLatestCheckpoint, saveCheckpoint } from '../../../src/main/engine/training/checkpoint';
import { loadImages, type TrainingImage } from '../../../src/main/engine/training/dataset';
import type { Trainer } from '../../../src/main/engine/training/trainer';
import { CURATION_FILES, makeCurationFrames } from '../../support/curation-fixtures';
import { seededVgg19 } from '../../support/seeded-vgg';
import { trainerOn } from '../../support/trainer-on';
import { tempDir } from '../../support/temp-dir';

const WIDTH = 0.125;
let images: TrainingImage[];
let sourceDir: string;
let source: Map<string, Float32Array>;

beforeAll(async () => {
  await selectBackend({ order: ['wasm'] });
  const dir = await makeCurationFrames(tempDir());
  images = await loadImages(readdirSync(dir).filter((f) => f !== CURATION_FILES.black && f !== CURATION_FILES.flat).map((f) => join(dir, f)), 32);
});
// Per test: temporary folders last one test.
beforeEach(async () => {
  // What `models import` stores for a state dict: the generator's variables under their own names, and its build.
  const g = animeganv2.createGenerator({ width: WIDTH, seed: 99, flavour: 'animegan2-pytorch' });
  sourceDir = join(tempDir(), 'weights');
  await saveCheckpoint(sourceDir, 0, g.variables, { model: 'animeganv2', width: WIDTH, flavour: 'animegan2-pytorch' });
  source = new Map([...g.variables].map(([k, v]) => [k, v.dataSync() as Float32Array]));
  g.dispose();
});
afterAll(() => tf.disposeVariables());

function config(extra: Partial<TrainConfig> = {}): TrainConfig {
  return {
    model: 'animeganv2',
    preset: 'hayao',
    size: 32,
    steps: 10,
    width: WIDTH,
    batch: 2,
    seed: 3,
    metricsEvery: 1,
    previewEvery: 5,
    checkpointEvery: 5,
    startFrom: { kind: 'imported', name: 'test' },
    flavour: 'animegan2-pytorch',
    ...extra,
  };
}

async function trainer(extra: Partial<TrainConfig> = {}, checkpointDir = tempDir()): Promise<Trainer> {
  const { generator } = await loadGeneratorFromCheckpoint(sourceDir);
  return trainerOn({ config: config(extra), images, vgg: seededVgg19(1, 0.25), checkpointDir, startGenerator: generator });
}

/** The generator's variables as the trainer's checkpoint holds them (`g:<name>`). */
async function savedGenerator(t: Trainer, dir: string): Promise<Map<string, Float32Array>> {
  await t.checkpoint();
  const ckpt = (await loadLatestCheckpoint(dir))!;
  const out = new Map<string, Float32Array>();
  for (const [k, v] of ckpt.tensors) {
    if (k.startsWith('g:') && !k.startsWith('g:state:')) out.set(k.slice(2), v.dataSync() as Float32Array);
    v.dispose();
  }
  return out;
}

describe('a run that starts from an existing generator', () => {
  it('starts with its weights and flavour, and goes straight to the GAN phase', async () => {
    const dir = tempDir();
    const t = await trainer({}, dir);
    try {
      const at0 = await savedGenerator(t, dir);
      expect([...at0.keys()].sort()).toEqual([...source.keys()].sort());
      for (const [k, v] of source) expect(Array.from(at0.get(k)!), k).toEqual(Array.from(v));
      const first = await t.trainStep();
      expect(first.phase).toBe('gan');
      expect(Number.isFinite(first.dTotal!)).toBe(true);
      // The run's checkpoint rebuilds with the same flavour (what conversion and ONNX export of the run use).
      const rebuilt = await loadGeneratorFromCheckpoint(dir);
      expect(rebuilt.flavour).toBe('animegan2-pytorch');
      expect(networkStructure(rebuilt.generator)?.opts.flavour).toBe('animegan2-pytorch');
      rebuilt.generator.dispose();
    } finally {
      t.dispose();
    }
  });

  it('has no init phase when it resumes from its own checkpoint either (the start generator no longer passed)', async () => {
    const t = trainerOn({ config: config(), images, vgg: seededVgg19(1, 0.25), checkpointDir: tempDir() });
    try {
      expect(t.initPhaseSteps).toBe(0);
      expect((await t.trainStep()).phase).toBe('gan');
    } finally {
      t.dispose();
    }
  });

  it('keeps an init phase when the config asks for one', async () => {
    const t = await trainer({ initSteps: 1 });
    try {
      expect((await t.trainStep()).phase).toBe('init');
      expect((await t.trainStep()).phase).toBe('gan');
    } finally {
      t.dispose();
    }
  });

  it('goes back to the start weights, not random ones, when the batch is halved before any checkpoint', async () => {
    const dir = tempDir();
    const t = await trainer({}, dir);
    try {
      await t.trainStep();
      expect(await t.shrinkBatch()).toEqual({ batch: 1, step: 0 });
      const back = await savedGenerator(t, dir);
      for (const [k, v] of source) expect(Array.from(back.get(k)!), k).toEqual(Array.from(v));
    } finally {
      t.dispose();
    }
  });
});
