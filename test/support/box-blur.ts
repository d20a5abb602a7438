/** The box blur the conversion and tiling tests' stand-in engines run: real arithmetic with a known receptive field. */
import { reflect101 } from '../../src/main/engine/stylize/pixels';

/** Brings index `i` of a line of `size` pixels inside it. */
export type Border = (i: number, size: number) => number;

/** The edge pixel repeated outwards. */
export const clampToEdge: Border = (i, size) => Math.min(size - 1, Math.max(0, i));

/**
 * A (2 radius + 1)^2 box blur per channel of an NHWC float batch x [n,height,width,3], reading past the edges through
 * `border` (reflect-101 by default); summed in a fixed order, so the same inputs give the same bits.
 */
export function boxBlur(x: Float32Array, n: number, height: number, width: number, radius = 2, border: Border = reflect101): Float32Array {
  const out = new Float32Array(x.length);
  const taps = (2 * radius + 1) ** 2;
  for (let k = 0; k < n; k++) {
    const base = k * height * width * 3;
    for (let y = 0; y < height; y++) {
      for (let xx = 0; xx < width; xx++) {
        for (let c = 0; c < 3; c++) {
          let s = 0;
          for (let dy = -radius; dy <= radius; dy++) {
            const row = border(y + dy, height) * width;
            for (let dx = -radius; dx <= radius; dx++) s += x[base + (row + border(xx + dx, width)) * 3 + c]!;
          }
          out[base + (y * width + xx) * 3 + c] = s / taps;
        }
      }
    }
  }
  return out;
}
