/** The weighted generator objective, and that a full loss + gradient step leaks no tensors. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  adversarialLosses,
  colorLoss,
  contentAndStyleLoss,
  generatorLoss,
  gradientPenalty,
  psnr,
  ssim,
  totalVariationLoss,
  type FeatureExtractor,
} from '../../../../src/main/engine/losses';
import { image, seededRandom, useCpuBackend, value } from './tensor-helpers';

useCpuBackend();

describe('generatorLoss', () => {
  it('returns each term unweighted and Σ weight·term as the total', () => {
    const terms = { adv: tf.scalar(2), con: tf.scalar(0.5), gra: tf.scalar(4), col: tf.scalar(1), tv: tf.scalar(3) };
    const r = generatorLoss({ adv: 300, con: 1.5, gra: 3, col: 10, tv: 1 }, terms);
    expect(value(r.total)).toBeCloseTo(300 * 2 + 1.5 * 0.5 + 3 * 4 + 10 * 1 + 1 * 3, 4);
    expect(r.terms.gra).toBe(terms.gra);
    expect(value(r.terms.adv!)).toBe(2);
  });

  it('sums only the terms given, and needs a weight for each', () => {
    const r = generatorLoss({ adv: 1, con: 2, gra: 0, col: 0, tv: 0, cycle: 10 }, { con: tf.scalar(1), cycle: tf.scalar(0.5) });
    expect(value(r.total)).toBeCloseTo(7, 6);
    expect(() => generatorLoss({ adv: 1, con: 1, gra: 1, col: 1, tv: 1 }, { cycle: tf.scalar(1) })).toThrow(/cycle.*without a weight/);
    expect(() => generatorLoss({ adv: 1, con: 1, gra: 1, col: 1, tv: 1 }, {})).toThrow(/at least one term/);
  });
});

describe('a full AnimeGAN step of losses and gradients', () => {
  it('leaves the number of live tensors unchanged after repeated calls', () => {
    const rand = seededRandom(3);
    const gKernel = tf.variable(tf.randomNormal([3, 3, 3, 3], 0, 0.2, 'float32', 1));
    const dKernel = tf.variable(tf.randomNormal([3, 3, 3, 1], 0, 0.2, 'float32', 2));
    const vggKernel = tf.randomNormal([3, 3, 3, 4], 0, 0.5, 'float32', 3) as tf.Tensor4D;
    const vgg: FeatureExtractor = { features: (x) => tf.tidy(() => tf.relu(tf.conv2d(x, vggKernel, 1, 'same'))) };
    const G = (x: tf.Tensor4D): tf.Tensor4D => tf.tanh(tf.conv2d(x, gKernel as tf.Tensor4D, 1, 'same'));
    const D = (x: tf.Tensor4D): tf.Tensor4D => tf.conv2d(x, dKernel as tf.Tensor4D, 2, 'same');
    const photo = image([2, 16, 16, 3], () => rand() * 2 - 1);
    const style = image([2, 16, 16, 3], () => rand() * 2 - 1);

    const step = (): void => {
      tf.tidy(() => {
        const gGrads = tf.variableGrads(() => {
          const out = G(photo);
          const adv = adversarialLosses('lsgan', { real: D(style), fake: D(out) }).g;
          const { con, gra } = contentAndStyleLoss(vgg, photo, out, style);
          const terms = { adv, con, gra, col: colorLoss(photo, out), tv: totalVariationLoss(out) };
          return generatorLoss({ adv: 300, con: 1.5, gra: 3, col: 10, tv: 1 }, terms).total;
        }, [gKernel]);
        const dGrads = tf.variableGrads(() => {
          const fake = G(photo);
          const d = adversarialLosses('wgan-gp', { real: D(style), fake: D(fake), gray: D(style), smooth: D(style) }).d;
          return tf.add(d, gradientPenalty(D, style, fake, 10, { seed: 2 }));
        }, [dKernel]);
        psnr(photo, G(photo)).dataSync();
        ssim(photo, G(photo)).dataSync();
        expect(Number.isFinite(gGrads.value.dataSync()[0])).toBe(true);
        expect(Number.isFinite(dGrads.value.dataSync()[0])).toBe(true);
      });
    };

    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([gKernel, dKernel, vggKernel, photo, style]);
  });
});
