/** PSNR and SSIM on images whose values are known. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { psnr, PSNR_CEILING_DB, ssim } from '../../../../src/main/engine/losses';
import { image, seededRandom, useCpuBackend, value } from './tensor-helpers';

useCpuBackend();

describe('psnr', () => {
  it('is 10·log10(4 / MSE) on [-1,1] images: MSE 0.01 gives 26.02 dB', () => {
    expect(value(psnr(tf.zeros([1, 8, 8, 3]), tf.fill([1, 8, 8, 3], 0.1)))).toBeCloseTo(10 * Math.log10(400), 4);
  });

  it('averages per-image PSNRs over the batch (not the PSNR of the batch MSE)', () => {
    const a = tf.zeros([2, 4, 4, 1]) as tf.Tensor4D;
    const b = tf.concat([tf.fill([1, 4, 4, 1], 0.1), tf.fill([1, 4, 4, 1], 0.2)]) as tf.Tensor4D;
    const expected = (10 * Math.log10(4 / 0.01) + 10 * Math.log10(4 / 0.04)) / 2;
    expect(value(psnr(a, b))).toBeCloseTo(expected, 4);
  });

  it('gives the ceiling for identical images', () => {
    const a = tf.fill([1, 4, 4, 3], 0.4) as tf.Tensor4D;
    expect(value(psnr(a, a))).toBeCloseTo(PSNR_CEILING_DB, 3);
  });
});

describe('ssim', () => {
  const rand = seededRandom(5);
  const photo = image([1, 24, 24, 3], (_n, y, x, c) => Math.sin(x / 3 + c) * Math.cos(y / 4) * 0.8);

  it('is 1 for identical images', () => {
    expect(value(ssim(photo, photo))).toBeCloseTo(1, 5);
  });

  it('is below 1 for a noisy copy, and lower the more noise', () => {
    const noisy = (amount: number): tf.Tensor4D =>
      tf.clipByValue(tf.add(photo, image([1, 24, 24, 3], () => (rand() - 0.5) * amount)), -1, 1) as tf.Tensor4D;
    const light = value(ssim(photo, noisy(0.2)));
    const heavy = value(ssim(photo, noisy(1)));
    expect(light).toBeLessThan(1);
    expect(heavy).toBeLessThan(light);
    expect(heavy).toBeGreaterThan(0);
  });

  it('is (2·a·b + C1) / (a² + b² + C1) for flat images a and b, with C1 = (0.01·2)²', () => {
    const c1 = 0.02 ** 2;
    const flat = (v: number): tf.Tensor4D => tf.fill([1, 12, 12, 1], v) as tf.Tensor4D;
    expect(value(ssim(flat(0.5), flat(0)))).toBeCloseTo(c1 / (0.25 + c1), 6);
    expect(value(ssim(flat(0.5), flat(0.25)))).toBeCloseTo((2 * 0.125 + c1) / (0.25 + 0.0625 + c1), 5);
  });

  it('matches an independent numpy/scipy computation of the standard SSIM on a known pattern', () => {
    // Reference: numpy + scipy.signal.correlate2d (valid) with the 11x11 sigma-1.5 Gaussian, K1 0.01, K2 0.03, L 2,
    // on a(y,x) = sin(x/3)·cos(y/4)·0.8 and b = a + 0.1·cos(x·y/7), 20x20, one channel.
    const a = image([1, 20, 20, 1], (_n, y, x) => Math.sin(x / 3) * Math.cos(y / 4) * 0.8);
    const b = image([1, 20, 20, 1], (_n, y, x) => Math.sin(x / 3) * Math.cos(y / 4) * 0.8 + 0.1 * Math.cos((x * y) / 7));
    expect(value(ssim(a, b))).toBeCloseTo(REFERENCE_SSIM, 4);
  });

  it('refuses images smaller than the window', () => {
    expect(() => ssim(tf.zeros([1, 8, 8, 3]), tf.zeros([1, 8, 8, 3]))).toThrow(/at least 11x11/);
  });
});

/** Printed by the numpy/scipy script described in the test above (float64). */
const REFERENCE_SSIM = 0.9424218389471034;
