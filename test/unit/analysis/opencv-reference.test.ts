/**
 * Whole-output comparisons with real OpenCV (4.6.0) on integer-built images; fixtures/opencv_reference.py records
 * the numbers. Masks are compared pixel by pixel so a failure names the pixels, not just a checksum.
 */
import { describe, expect, it } from 'vitest';
import { cannyEdges, dilate, edgeSmooth, grayscale, laplacianVariance, lumaStats } from '../../../src/main/services/frames/analysis';
import { OPENCV_REFERENCE } from './fixtures/opencv-reference';
import { fnv1a, maskToHex, syntheticRgb } from './synthetic-images';

/** Indices where two equal-length hex masks disagree, decoded to pixel indices (4 pixels a digit). */
function differingPixels(a: string, b: string): number[] {
  const out: number[] = [];
  for (let d = 0; d < Math.max(a.length, b.length); d++) {
    const x = parseInt(a[d] ?? '0', 16) ^ parseInt(b[d] ?? '0', 16);
    for (let k = 0; k < 4; k++) if (x & (8 >> k)) out.push(d * 4 + k);
  }
  return out;
}

describe.each(OPENCV_REFERENCE)('OpenCV reference, syntheticRgb($width, $height, seed $seed)', (ref) => {
  const { width, height } = ref;
  const rgb = syntheticRgb(width, height, ref.seed);
  const gray = grayscale(rgb, width, height);

  it('rebuilds the same input pixels as the Python generator', () => {
    expect(fnv1a(rgb)).toBe(ref.rgb);
  });

  it('matches cvtColor, meanStdDev and Laplacian().var()', () => {
    expect(fnv1a(gray)).toBe(ref.gray);
    const stats = lumaStats(gray);
    expect(stats.mean).toBeCloseTo(ref.mean, 10);
    expect(stats.std).toBeCloseTo(ref.std, 10);
    expect(laplacianVariance(gray, width, height)).toBeCloseTo(ref.laplacianVariance, 8);
  });

  it('matches cv2.Canny pixel for pixel at (100, 200) and (50, 150)', () => {
    const strict = cannyEdges(gray, width, height, 100, 200);
    expect(differingPixels(maskToHex(strict), ref.canny100_200)).toEqual([]);
    expect(differingPixels(maskToHex(cannyEdges(gray, width, height, 50, 150)), ref.canny50_150)).toEqual([]);
    expect(fnv1a(dilate(strict, width, height, 5))).toBe(ref.dilated);
  });

  it("matches AnimeGANv2's edge_smooth.py byte for byte", () => {
    const out = edgeSmooth(rgb, width, height);
    let changed = 0;
    for (let p = 0; p < width * height; p++) {
      if (out[p * 3] !== rgb[p * 3] || out[p * 3 + 1] !== rgb[p * 3 + 1] || out[p * 3 + 2] !== rgb[p * 3 + 2]) changed++;
    }
    expect(changed).toBe(ref.edgeSmoothChanged);
    expect(fnv1a(out)).toBe(ref.edgeSmooth);
  });
});
