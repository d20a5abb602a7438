/**
 * Real data, real weights: AnimeGANv2 at reduced width trains at 64x64 on corpus photos against corpus style
 * frames with the real (partial) VGG19, and learns: the content loss falls during the init phase, and the
 * Gram distance of its outputs to the style set falls during the GAN phase.
 */
import * as tf from '@tensorflow/tfjs';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/main/engine/backends';
import { grayStyleLoss } from '../../../src/main/engine/losses';
import { centreCrops, loadImages, type TrainingImage } from '../../../src/main/engine/training/dataset';
import { loadVgg19, type Vgg19 } from '../../../src/main/engine/vgg';
import { sharedPath } from '../../support/shared-assets';
import { tempDir } from '../../support/temp-dir';
import { trainerOn } from '../../support/trainer-on';

const vggDir = sharedPath('weights/vgg19-keras-tfjs-block1-3');
const photoDir = sharedPath('corpus/photos');
const styleDir = sharedPath('corpus/style');
const SIZE = 64;
const INIT = 30;
const STEPS = 100;

function pick(dir: string, prefix: string, n: number): string[] {
  return readdirSync(dir).filter((f) => f.startsWith(prefix)).sort().slice(0, n).map((f) => join(dir, f));
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe.skipIf(!vggDir || !photoDir || !styleDir)('training on real data', () => {
  let vgg: Vgg19;
  let photos: TrainingImage[];
  let style: TrainingImage[];
  beforeAll(async () => {
    await selectBackend({ order: ['wasm'] });
    vgg = await loadVgg19(vggDir!);
    photos = await loadImages(pick(photoDir!, 'scratch_', 12), SIZE);
    style = await loadImages(pick(styleDir!, 'blupi_', 12), SIZE);
  });

  it('lowers the content loss, then the Gram distance to the style set', { timeout: 900_000 }, async () => {
    const trainer = trainerOn({
      config: { model: 'animeganv2', preset: 'hayao', size: SIZE, steps: STEPS, width: 0.25, batch: 1, seed: 11, metricsEvery: 1, previewEvery: 1000, checkpointEvery: 1000, initSteps: INIT },
      images: style,
      content: photos,
      vgg,
      checkpointDir: tempDir(),
    });
    const val = centreCrops(photos.slice(0, 4), SIZE);
    const styleBatch = centreCrops(style.slice(0, 8), SIZE);
    /** Mean gray-Gram L1 of G(validation photos) against every style frame. */
    const gramDistance = (): number =>
      tf.tidy(() => {
        const out = (trainer as unknown as { nets: { g: { apply: (x: tf.Tensor4D, t: boolean) => tf.Tensor4D } } }).nets.g.apply(val, false);
        const ds = [];
        for (let i = 0; i < styleBatch.shape[0]; i++) {
          const s = tf.tile(tf.slice(styleBatch, [i, 0, 0, 0], [1, SIZE, SIZE, 3]), [out.shape[0], 1, 1, 1]) as tf.Tensor4D;
          ds.push(grayStyleLoss(vgg, out, s).dataSync()[0]!);
        }
        return mean(ds);
      });

    const con: number[] = [];
    for (let i = 0; i < INIT; i++) con.push((await trainer.trainStep()).con!);
    expect(mean(con.slice(-10))).toBeLessThan(0.8 * mean(con.slice(0, 10)));

    const before = gramDistance();
    for (let i = INIT; i < STEPS; i++) await trainer.trainStep();
    const after = gramDistance();
    expect(after).toBeLessThan(before);
    tf.dispose([val, styleBatch]);
    trainer.dispose();
  });
});
