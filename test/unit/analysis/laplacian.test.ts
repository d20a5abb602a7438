import { describe, expect, it } from 'vitest';
import { grayscale, laplacianVariance } from '../../../src/main/services/frames/analysis';
import { fromRgb, toRgb } from './image-io';
import { syntheticRgb } from './synthetic-images';

describe('laplacianVariance', () => {
  it('equals the hand value on a 3x3 image with one bright pixel', () => {
    // Centre: -4*9 = -36. Edge midpoints: reflect-101 folds row/column -1 onto 1, so the centre counts twice: 18.
    // Corners see only zeros: 0. Mean (−36 + 4*18) / 9 = 4; variance (36² + 4*18²) / 9 − 4² = 288 − 16 = 272.
    const gray = new Uint8Array([0, 0, 0, 0, 9, 0, 0, 0, 0]);
    expect(laplacianVariance(gray, 3, 3)).toBe(272);
  });

  it('is 0 for a flat image and for a linear ramp, whose second derivative vanishes', () => {
    expect(laplacianVariance(new Uint8Array(50).fill(77), 10, 5)).toBe(0);
    const ramp = new Uint8Array(16 * 4).map((_, i) => (i % 16) * 10);
    // Reflect-101 mirrors the ramp at the ends, so only the first and last column have a second derivative: ±20.
    // Per row: values +20, 0 x14, -20: mean 0, variance 2 * 400 / 16 = 50.
    expect(laplacianVariance(ramp, 16, 4)).toBe(50);
  });

  it('drops far below the original for a blurred copy', async () => {
    const image = { rgb: syntheticRgb(256, 192, 11), width: 256, height: 192 };
    const blurred = await toRgb(fromRgb(image).blur(2));
    const sharp = laplacianVariance(grayscale(image.rgb, 256, 192), 256, 192);
    const soft = laplacianVariance(grayscale(blurred.rgb, 256, 192), 256, 192);
    expect(soft).toBeLessThan(sharp / 10);
  });

  it('handles images one pixel wide or tall', () => {
    // 1x3 column [0, 9, 0]: the middle sees 0+0 above/below and itself mirrored left/right → -4*9 + 2*9 = -18;
    // the ends see 9 twice (reflect-101) → 18. Values 18, -18, 18: mean 6, variance 324 - 36 = 288.
    expect(laplacianVariance(new Uint8Array([0, 9, 0]), 1, 3)).toBe(288);
    expect(laplacianVariance(new Uint8Array([5]), 1, 1)).toBe(0);
  });
});
