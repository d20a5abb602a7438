/** KID (unbiased MMD² under the cubic polynomial kernel) against a plain double-loop reference, and its pooling. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { featureRms, kid, meanPool } from '../../../../src/main/engine/losses';
import { image, seededRandom, useCpuBackend, value } from './tensor-helpers';

useCpuBackend();

type Rows = number[][];

/** `n` rows of `d` values from `f` (called once per value, row by row). */
const rows = (n: number, d: number, f: () => number): Rows => Array.from({ length: n }, () => Array.from({ length: d }, f));

/** Equation (4) of Bińkowski et al. 2018 written out in float64, one kernel evaluation at a time. */
function referenceKid(x: Rows, y: Rows): number {
  const d = x[0]!.length;
  const k = (a: number[], b: number[]) => (a.reduce((s, v, i) => s + v * b[i]!, 0) / d + 1) ** 3;
  const within = (s: Rows) => {
    let sum = 0;
    for (let i = 0; i < s.length; i++) for (let j = 0; j < s.length; j++) if (i !== j) sum += k(s[i]!, s[j]!);
    return sum / (s.length * (s.length - 1));
  };
  let cross = 0;
  for (const a of x) for (const b of y) cross += k(a, b);
  return within(x) + within(y) - (2 * cross) / (x.length * y.length);
}

const kidOf = (x: Rows, y: Rows): number => value(kid(tf.tensor2d(x), tf.tensor2d(y)));

describe('kid', () => {
  const rand = seededRandom(11);
  const uniform = () => rand() * 2 - 1;

  it('matches a double-loop float64 reference to 1e-4 relative on random features of unequal set sizes', () => {
    for (const shift of [0.3, 1, -0.7]) {
      const x = rows(7, 12, uniform);
      const y = rows(5, 12, () => uniform() + shift);
      const want = referenceKid(x, y);
      expect(Math.abs(kidOf(x, y) - want)).toBeLessThanOrEqual(1e-4 * Math.abs(want));
    }
  });

  it('is about 0 on average for two samples of one distribution, and clearly positive for a shifted one', () => {
    const same: number[] = [];
    const shifted: number[] = [];
    for (let trial = 0; trial < 40; trial++) {
      same.push(kidOf(rows(16, 8, uniform), rows(16, 8, uniform)));
      shifted.push(kidOf(rows(16, 8, uniform), rows(16, 8, () => uniform() + 0.5)));
    }
    const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
    // Unbiased: single estimates scatter on both sides of 0, their mean sits near it.
    expect(Math.min(...same)).toBeLessThan(0);
    expect(Math.abs(mean(same))).toBeLessThan(0.05 * mean(shifted));
    expect(Math.min(...shifted)).toBeGreaterThan(0);
  });

  it('is symmetric and leaves no tensors behind', () => {
    const x = tf.tensor2d(rows(4, 6, uniform));
    const y = tf.tensor2d(rows(3, 6, () => uniform() + 0.2));
    const before = tf.memory().numTensors;
    const xy = value(kid(x, y));
    const yx = value(kid(y, x));
    expect(tf.memory().numTensors).toBe(before);
    expect(yx).toBeCloseTo(xy, 5);
    tf.dispose([x, y]);
  });

  it('refuses a set of fewer than 2 vectors and vectors of different lengths', () => {
    const one = tf.zeros([1, 4]) as tf.Tensor2D;
    const two = tf.zeros([2, 4]) as tf.Tensor2D;
    const other = tf.zeros([2, 5]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    expect(() => kid(one, two)).toThrow(/at least 2 feature vectors in each set.*got 1 and 2/);
    expect(() => kid(two, one)).toThrow(/got 2 and 1/);
    expect(() => kid(two, other)).toThrow(/one length: got 4 and 5/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([one, two, other]);
  });
});

describe('featureRms', () => {
  const rand = seededRandom(12);

  it('is the root mean square of every entry', () => {
    expect(value(featureRms(tf.tensor2d([[3, -4], [0, 0]])))).toBeCloseTo(2.5, 6);
  });

  it('makes KID independent of the features\' scale when both sets are divided by one set\'s RMS', () => {
    const x = rows(5, 10, () => rand() * 2 - 1);
    const y = rows(6, 10, () => rand() * 2 - 0.5);
    const scaled = (k: number) =>
      value(
        tf.tidy(() => {
          const [a, b] = [tf.mul(tf.tensor2d(x), k) as tf.Tensor2D, tf.mul(tf.tensor2d(y), k) as tf.Tensor2D];
          const s = featureRms(a);
          return kid(tf.div(a, s), tf.div(b, s));
        }),
      );
    // VGG's caffe-scaled features are in the hundreds: unscaled, the cubic kernel there reaches ~1e18.
    expect(scaled(1000)).toBeCloseTo(scaled(1), 4);
    expect(scaled(1)).toBeGreaterThan(0);
  });
});

describe('meanPool', () => {
  it('averages each channel over height and width: [N,H,W,C] -> [N,C]', () => {
    const features = image([2, 3, 4, 2], (n, y, x, c) => n * 100 + c * 10 + y * 4 + x);
    const before = tf.memory().numTensors;
    const pooled = meanPool(features);
    expect(pooled.shape).toEqual([2, 2]);
    // The mean of y·4 + x over a 3x4 grid is 5.5.
    expect(Array.from(pooled.dataSync())).toEqual([5.5, 15.5, 105.5, 115.5]);
    pooled.dispose();
    expect(tf.memory().numTensors).toBe(before);
    features.dispose();
  });
});
