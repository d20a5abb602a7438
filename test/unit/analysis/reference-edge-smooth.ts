/**
 * The per-pixel sum of AnimeGANv2's tools/edge_smooth.py, rewritten directly from the script for the tests (float
 * weights, np.pad 'reflect' indexing, truncation on storing into uint8), independent of the library's integer version.
 */

/** np.pad(img, 2, mode='reflect') index: mirror without repeating the edge pixel (valid for n >= 3). */
export const reflectIndex = (i: number, n: number): number => (i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i);

/** cv2.getGaussianKernel(5, 0): for ksize 5 and sigma <= 0 OpenCV returns its fixed table, not a sampled Gaussian. */
export const GAUSS_5 = [1 / 16, 4 / 16, 6 / 16, 4 / 16, 1 / 16];

/** The script's value for channel c of pixel (x, y), and the float sum before truncation. rgb: Uint8Array of width*height*3, interleaved, row-major. */
export function scriptValue(rgb: Uint8Array, width: number, height: number, x: number, y: number, c: number): { value: number; sum: number } {
  let sum = 0;
  for (let dy = -2; dy <= 2; dy++) {
    for (let dx = -2; dx <= 2; dx++) {
      sum += rgb[(reflectIndex(y + dy, height) * width + reflectIndex(x + dx, width)) * 3 + c]! * GAUSS_5[dy + 2]! * GAUSS_5[dx + 2]!;
    }
  }
  return { value: Math.trunc(sum), sum };
}

/** Whether any non-zero pixel of `mask` lies within chessboard distance 2 of (x, y): the 5x5 dilation, stated directly. */
export function withinTwoOf(mask: Uint8Array, width: number, height: number, x: number, y: number): boolean {
  for (let v = Math.max(0, y - 2); v <= Math.min(height - 1, y + 2); v++) {
    for (let u = Math.max(0, x - 2); u <= Math.min(width - 1, x + 2); u++) if (mask[v * width + u] !== 0) return true;
  }
  return false;
}
