/** Computes the stored scores of an image from its pixels. */
import type { ComputedScores } from '../library/image-scores-table';
import { grayscale, hashToHex, laplacianVariance, lumaStats, pHash } from './analysis';

/**
 * Sharpness, brightness, contrast and perceptual hash of an RGB24 image.
 * @param rgb Uint8Array of width*height*3, row-major RGB.
 */
export function scoreFrame(rgb: Uint8Array, width: number, height: number): ComputedScores {
  const gray = grayscale(rgb, width, height);
  const { mean, std } = lumaStats(gray);
  return {
    sharpness: laplacianVariance(gray, width, height),
    brightness: mean,
    contrast: std,
    phash: hashToHex(pHash(gray, width, height)),
  };
}
