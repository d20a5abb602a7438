/**
 * Small single-channel neighbourhood filters for the ink lines: separable Gaussian blur and a 3x3 cross dilation.
 * Borders mirror by reflect-101 (like the smoothing), so tiles that mirror the same way agree with the whole frame.
 */
import { reflect101 } from '../pixels';

/** Normalized 1-D Gaussian of `sigma` and radius ceil(3 sigma): index k + radius for offset k. */
export function gaussianKernel(sigma: number): Float32Array {
  const radius = Math.ceil(3 * sigma);
  const k = Float64Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const sum = k.reduce((a, b) => a + b, 0);
  return Float32Array.from(k, (v) => v / sum);
}

/** Separable blur of `src` (Float32Array of width*height) by the 1-D `kernel`, into `dst`; `tmp` is scratch of the same size. */
export function separableBlur(src: Float32Array, dst: Float32Array, tmp: Float32Array, width: number, height: number, kernel: Float32Array): void {
  const r = (kernel.length - 1) / 2;
  const column = new Int32Array(kernel.length);
  for (let y = 0; y < height; y++) {
    const base = y * width;
    for (let x = 0; x < width; x++) {
      let s = 0;
      if (x >= r && x < width - r) {
        for (let k = 0, q = base + x - r; k < kernel.length; k++, q++) s += kernel[k]! * src[q]!;
      } else {
        for (let k = 0; k < kernel.length; k++) s += kernel[k]! * src[base + reflect101(x + k - r, width)]!;
      }
      tmp[base + x] = s;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let k = 0; k < kernel.length; k++) column[k] = reflect101(y + k - r, height) * width;
    const base = y * width;
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let k = 0; k < kernel.length; k++) s += kernel[k]! * tmp[column[k]! + x]!;
      dst[base + x] = s;
    }
  }
}

/** dst = max of src over each pixel and its 4 neighbours (a plus-shaped dilation: lines grow ~1 px, corners stay crisp). */
export function dilateCross(src: Float32Array, dst: Float32Array, width: number, height: number): void {
  for (let y = 0; y < height; y++) {
    const up = reflect101(y - 1, height) * width;
    const down = reflect101(y + 1, height) * width;
    const base = y * width;
    for (let x = 0; x < width; x++) {
      const left = reflect101(x - 1, width);
      const right = reflect101(x + 1, width);
      dst[base + x] = Math.max(src[base + x]!, src[base + left]!, src[base + right]!, src[up + x]!, src[down + x]!);
    }
  }
}
