/** Colour space, Huber and the YUV colour loss on colours whose values are known. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { colorLoss, grayscale3, huber, l1, rgbToYuv } from '../../../../src/main/engine/losses';
import { useCpuBackend, value } from './tensor-helpers';

useCpuBackend();

/** One pixel per colour, RGB in [-1,1]. */
const pixels = (...rgb: [number, number, number][]): tf.Tensor4D => tf.tensor4d(rgb.flat(), [1, 1, rgb.length, 3]);

describe('rgbToYuv', () => {
  it('maps white, black, red, green and blue to tf.image.rgb_to_yuv of their [0,1] values', () => {
    const yuv = Array.from(rgbToYuv(pixels([1, 1, 1], [-1, -1, -1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1])).dataSync());
    const expected = [
      [1, 0, 0], // white: Y 1, no chroma
      [0, 0, 0],
      [0.299, -0.14714119, 0.61497538],
      [0.587, -0.28886916, -0.51496512],
      [0.114, 0.43601035, -0.10001026],
    ].flat();
    yuv.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
  });
});

describe('grayscale3', () => {
  it('replicates BT.601 luma to three channels and leaves gray unchanged', () => {
    const gray = Array.from(grayscale3(pixels([1, -1, -1], [0.2, 0.2, 0.2])).dataSync());
    [-0.402, -0.402, -0.402, 0.2, 0.2, 0.2].forEach((v, i) => expect(gray[i]).toBeCloseTo(v, 5));
  });
});

describe('huber', () => {
  it('is 0.5·d² inside delta and delta·(|d| - 0.5·delta) outside, like tf.losses.huber_loss', () => {
    const zero = tf.zeros([2]);
    expect(value(huber(zero, tf.tensor1d([0.5, -0.5])))).toBeCloseTo(0.125, 6);
    expect(value(huber(zero, tf.tensor1d([3, -3])))).toBeCloseTo(2.5, 6);
    expect(value(huber(zero, tf.tensor1d([0.5, 3])))).toBeCloseTo((0.125 + 2.5) / 2, 6);
    expect(value(huber(zero, tf.tensor1d([1, -1])))).toBeCloseTo(0.5, 6); // both branches meet at delta
    expect(value(huber(zero, tf.tensor1d([2, 0]), 0.5))).toBeCloseTo((0.5 * 1.75) / 2, 6);
    const ref = tf.losses.huberLoss(zero, tf.tensor1d([0.3, 2.7]));
    expect(value(huber(zero, tf.tensor1d([0.3, 2.7])))).toBeCloseTo(value(ref), 6);
  });
});

describe('colorLoss', () => {
  it('is 0 for identical images', () => {
    expect(value(colorLoss(pixels([0.3, -0.2, 0.9]), pixels([0.3, -0.2, 0.9])))).toBeCloseTo(0, 7);
  });

  it('is L1 on Y for a pure brightness change (black vs white: Y differs by 1, U and V by 0)', () => {
    expect(value(colorLoss(pixels([-1, -1, -1]), pixels([1, 1, 1])))).toBeCloseTo(1, 5);
  });

  it('adds Huber on U and V for a hue change (red vs blue)', () => {
    const dy = 0.299 - 0.114;
    const du = -0.14714119 - 0.43601035;
    const dv = 0.61497538 + 0.10001026;
    const expected = Math.abs(dy) + 0.5 * du * du + 0.5 * dv * dv;
    expect(value(colorLoss(pixels([1, -1, -1]), pixels([-1, -1, 1])))).toBeCloseTo(expected, 5);
  });

  it('uses L1 (not Huber) on luma: a 0.2 luma step costs 0.1, not 0.02', () => {
    const a = pixels([0, 0, 0]);
    const b = pixels([0.2, 0.2, 0.2]);
    expect(value(colorLoss(a, b))).toBeCloseTo(0.1, 5);
    expect(value(l1(a, b))).toBeCloseTo(0.2, 6);
  });
});
