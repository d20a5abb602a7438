/**
 * Every model also trains on the plain cpu backend (the fallback when neither tfjs-node nor wasm loads): one
 * init step and one GAN step at the smallest size each model takes, with finite losses. The cpu backend is
 * ~50x slower than wasm here, so this is a smoke test; the wasm tests cover behaviour.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerCpuGradientFixes } from '../../../src/main/engine/backends';
import { getModel, listModels } from '../../../src/main/engine/models/registry';
import { loadImages, type TrainingImage } from '../../../src/main/engine/training/dataset';
import { loadVgg19 } from '../../../src/main/engine/vgg';
import { CURATION_FILES, makeCurationFrames } from '../../support/curation-fixtures';
import { sharedPath } from '../../support/shared-assets';
import { tempDir } from '../../support/temp-dir';
import { trainerOn } from '../../support/trainer-on';
import { join } from 'node:path';

const vggDir = sharedPath('weights/vgg19-keras-tfjs-block1-3');
const imagesBySize = new Map<number, TrainingImage[]>();

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerCpuGradientFixes();
  const dir = await makeCurationFrames(tempDir());
  const files = [CURATION_FILES.base, CURATION_FILES.other].map((f) => join(dir, f));
  for (const m of listModels()) {
    const size = Math.max(16, m.sizeMultiple);
    if (!imagesBySize.has(size)) imagesBySize.set(size, await loadImages(files, size));
  }
});

describe.skipIf(!vggDir)('trainer on the cpu backend', () => {
  for (const name of ['animeganv2', 'lwcomic', 'resnet-cbam', 'unet-cycle'] as const) {
    it(`runs an init and a GAN step of ${name}`, { timeout: 180_000 }, async () => {
      const size = Math.max(16, getModel(name).sizeMultiple);
      const t = trainerOn({
        config: { model: name, preset: 'hayao', size, steps: 2, width: 0.125, batch: 1, seed: 2, metricsEvery: 1, previewEvery: 10, checkpointEvery: 10, initSteps: 1 },
        images: imagesBySize.get(size)!,
        vgg: await loadVgg19(vggDir!),
        checkpointDir: tempDir(),
      });
      expect(tf.getBackend()).toBe('cpu');
      expect((await t.trainStep()).phase).toBe('init');
      const gan = await t.trainStep();
      expect(gan.phase).toBe('gan');
      expect(Number.isFinite(gan.gTotal!)).toBe(true);
      expect(Number.isFinite(gan.dTotal!)).toBe(true);
      t.dispose();
    });
  }
});
