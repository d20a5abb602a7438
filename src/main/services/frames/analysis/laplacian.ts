/**
 * Sharpness as the variance of the Laplacian: `cv2.Laplacian(gray, cv2.CV_64F).var()`, the usual blur score. A blurred
 * or defocused frame has few strong second derivatives, so its Laplacian is small everywhere and the variance drops.
 * OpenCV's ksize=1 kernel [[0,1,0],[1,-4,1],[0,1,0]] with its default BORDER_REFLECT_101; the result is the
 * population variance (numpy's .var()).
 */
import { reflect101 } from './borders';

/** Variance of the 3x3 Laplacian of `gray`. gray: Uint8Array of width*height, row-major. */
export function laplacianVariance(gray: Uint8Array, width: number, height: number): number {
  const n = width * height;
  if (n === 0) return 0;
  if (gray.length < n) throw new RangeError(`laplacianVariance: gray has ${gray.length} bytes, ${width}x${height} needs ${n}`);
  // Every Laplacian value is an integer in -1020..1020, so both sums stay exact in a double up to ~2^53 / 1020^2 pixels.
  let sum = 0;
  let sumSq = 0;
  const at = (row: number, up: number, down: number, x: number): number =>
    gray[up + x]! + gray[down + x]! + gray[row + reflect101(x - 1, width)]! + gray[row + reflect101(x + 1, width)]! - 4 * gray[row + x]!;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const up = reflect101(y - 1, height) * width;
    const down = reflect101(y + 1, height) * width;
    // The first and last columns fold their missing neighbour back inside the row; the rest run without checks.
    const first = at(row, up, down, 0);
    sum += first;
    sumSq += first * first;
    if (width > 1) {
      const last = at(row, up, down, width - 1);
      sum += last;
      sumSq += last * last;
    }
    for (let x = 1; x < width - 1; x++) {
      const i = row + x;
      const v = gray[up + x]! + gray[down + x]! + gray[i - 1]! + gray[i + 1]! - 4 * gray[i]!;
      sum += v;
      sumSq += v * v;
    }
  }
  const mean = sum / n;
  return Math.max(0, sumSq / n - mean * mean);
}
