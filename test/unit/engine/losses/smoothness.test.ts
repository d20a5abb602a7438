/** Total variation and cycle losses on images whose values are known. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { cycleLoss, totalVariationLoss } from '../../../../src/main/engine/losses';
import { image, useCpuBackend, value } from './tensor-helpers';

useCpuBackend();

describe('totalVariationLoss', () => {
  it('is 0 on a flat image', () => {
    expect(value(totalVariationLoss(tf.fill([2, 5, 5, 3], 0.3)))).toBe(0);
  });

  it('is 0.5·mean(dw²) = 1/6 on a 4x4 vertical step from 0 to 1 (one jump in each row of 3 differences)', () => {
    expect(value(totalVariationLoss(image([1, 4, 4, 1], (_n, _y, x) => (x < 2 ? 0 : 1))))).toBeCloseTo(1 / 6, 6);
  });

  it('is symmetric in rows and columns and scales with the square of the step', () => {
    const horizontal = image([1, 4, 4, 3], (_n, y) => (y < 2 ? -1 : 1));
    expect(value(totalVariationLoss(horizontal))).toBeCloseTo((0.5 * 4) / 3, 5);
  });
});

describe('cycleLoss', () => {
  it('is mean |x - F(G(x))|', () => {
    const x = tf.tensor4d([0, 0.5, -1, 1], [1, 2, 2, 1]);
    const back = tf.tensor4d([0.1, 0.5, -0.5, 0], [1, 2, 2, 1]);
    expect(value(cycleLoss(x, back))).toBeCloseTo((0.1 + 0 + 0.5 + 1) / 4, 6);
  });
});
