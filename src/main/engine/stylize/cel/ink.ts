/**
 * Ink lines from a difference of Gaussians of the smoothed luma (Winnemöller et al. 2006, "Real-time video
 * abstraction"): the DoG is negative just on the dark side of a luma step, so thresholding it draws one line along
 * each outline, on the side a cel artist would ink, and nothing in flat or gently shaded areas. A soft tanh
 * threshold keeps lines anti-aliased; a cross dilation thickens them by about a pixel.
 */
import { dilateCross, gaussianKernel, separableBlur } from './blur';

/** Inner Gaussian of the DoG (px); the outer one is EDGE_K times wider. */
export const EDGE_SIGMA = 1;
export const EDGE_K = 1.6;

/** Settings of the ink threshold, in luma units (0..1). */
export interface InkSettings {
  /** DoG values above -threshold draw nothing. */
  threshold: number;
  /** Steepness of the soft threshold: ink = tanh(sharpness * (-dog - threshold)). */
  sharpness: number;
}

/** Pixels the ink at a pixel depends on, each side: the outer Gaussian's radius plus the dilation. */
export function inkReach(): number {
  return gaussianKernel(EDGE_SIGMA * EDGE_K).length / 2 - 0.5 + 1;
}

/** Scratch planes for inkFromLuma, each Float32Array of width*height. */
export interface InkScratch {
  a: Float32Array;
  b: Float32Array;
  c: Float32Array;
}

/** Ink darkness in [0, 1] for each pixel of `luma` (Float32Array of width*height, 0..1), written to `ink`. */
export function inkFromLuma(luma: Float32Array, ink: Float32Array, width: number, height: number, settings: InkSettings, scratch: InkScratch): void {
  const { a, b, c } = scratch;
  separableBlur(luma, a, c, width, height, gaussianKernel(EDGE_SIGMA));
  separableBlur(luma, b, c, width, height, gaussianKernel(EDGE_SIGMA * EDGE_K));
  const { threshold, sharpness } = settings;
  for (let i = 0; i < a.length; i++) {
    const t = -(a[i]! - b[i]!) - threshold;
    c[i] = t > 0 ? Math.tanh(sharpness * t) : 0;
  }
  dilateCross(c, ink, width, height);
}

/** Multiply-adds x 2 per pixel of inkFromLuma: two separable blurs, the threshold and the dilation. */
export function inkFlops(): number {
  const taps = gaussianKernel(EDGE_SIGMA).length + gaussianKernel(EDGE_SIGMA * EDGE_K).length;
  return 2 * 2 * taps + 10 + 5;
}
