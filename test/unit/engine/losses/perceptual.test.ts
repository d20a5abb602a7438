/** Gram matrices, content and grayscale style losses with small extractors whose outputs are known. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { contentAndStyleLoss, contentLoss, gram, gramL1, grayStyleLoss, type FeatureExtractor } from '../../../../src/main/engine/losses';
import { image, seededRandom, useCpuBackend, value } from './tensor-helpers';

useCpuBackend();

/** Features = the image itself: the losses then act on pixels, which are easy to reason about. */
const identity: FeatureExtractor = { features: (x) => tf.clone(x) };

describe('gram', () => {
  it('is Fᵀ·F / (H·W·C) per image', () => {
    // H=1, W=2, C=2: F = [[1,2],[3,4]], FᵀF = [[10,14],[14,20]], divided by 4.
    const g = gram(tf.tensor4d([1, 2, 3, 4], [1, 1, 2, 2]));
    expect(g.shape).toEqual([1, 2, 2]);
    expect(Array.from(g.dataSync())).toEqual([2.5, 3.5, 3.5, 5]);
  });

  it('keeps images of a batch apart', () => {
    const g = gram(tf.tensor4d([1, 0, 0, 2], [2, 1, 1, 2]));
    expect(Array.from(g.dataSync())).toEqual([0.5, 0, 0, 0, 0, 0, 0, 2]);
  });

  it('gramL1 is the mean absolute difference of the Gram matrices', () => {
    const a = tf.tensor4d([1, 2, 3, 4], [1, 1, 2, 2]);
    const b = tf.tensor4d([1, 2, 3, 2], [1, 1, 2, 2]); // FᵀF = [[10,8],[8,8]] / 4
    expect(value(gramL1(a, b))).toBeCloseTo((0 + 1.5 + 1.5 + 3) / 4, 6);
    expect(() => gramL1(a, tf.concat([b, b]) as tf.Tensor4D)).toThrow(/batch sizes differ/);
  });
});

describe('contentLoss', () => {
  it('is L1 between the feature maps of photo and output', () => {
    const photo = tf.fill([1, 2, 2, 3], 0.5) as tf.Tensor4D;
    const out = tf.fill([1, 2, 2, 3], -0.25) as tf.Tensor4D;
    expect(value(contentLoss(identity, photo, out))).toBeCloseTo(0.75, 6);
  });
});

describe('grayStyleLoss', () => {
  const rand = seededRandom(11);
  const generated = image([1, 4, 4, 3], () => rand() * 2 - 1);

  it('compares with the style image in grayscale, so its colours do not count', () => {
    const red = tf.tensor4d(new Array(16).fill([1, -1, -1]).flat(), [1, 4, 4, 3]);
    const grayOfRed = tf.fill([1, 4, 4, 3], 0.299 - 0.587 - 0.114) as tf.Tensor4D;
    expect(value(grayStyleLoss(identity, generated, red))).toBeCloseTo(value(grayStyleLoss(identity, generated, grayOfRed)), 6);
  });

  it('is 0 when the output has the gray style image\'s texture statistics', () => {
    const gray = image([1, 4, 4, 3], (_n, y, x) => ((x + y) % 2 ? 0.5 : -0.5));
    const shifted = image([1, 4, 4, 3], (_n, y, x) => ((x + y + 1) % 2 ? 0.5 : -0.5)); // same Gram, other layout
    expect(value(grayStyleLoss(identity, shifted, gray))).toBeCloseTo(0, 7);
  });

  it('contentAndStyleLoss gives the same numbers as the separate losses', () => {
    const photo = image([2, 4, 4, 3], () => rand() * 2 - 1);
    const out = image([2, 4, 4, 3], () => rand() * 2 - 1);
    const style = image([2, 4, 4, 3], () => rand() * 2 - 1);
    const both = contentAndStyleLoss(identity, photo, out, style);
    expect(value(both.con)).toBeCloseTo(value(contentLoss(identity, photo, out)), 6);
    expect(value(both.gra)).toBeCloseTo(value(grayStyleLoss(identity, out, style)), 6);
  });
});
