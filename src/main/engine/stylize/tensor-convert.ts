/**
 * Converting image batches between the engine interface's convention (float32 NHWC in [-1,1]) and what a model
 * wants (NCHW, [0,1], [0,255]). One pass each way, always into a new array, so callers' buffers are never
 * written or kept.
 */
import { RANGE_BOUNDS, type ValueRange } from './onnx-value-range';
import type { Layout } from './onnx-inspect';

/** The affine map scale*x + offset taking `from` onto `to` (identity when equal). */
export function rangeMap(from: ValueRange, to: ValueRange): { scale: number; offset: number } {
  const [a0, a1] = RANGE_BOUNDS[from];
  const [b0, b1] = RANGE_BOUNDS[to];
  const scale = (b1 - b0) / (a1 - a0);
  return { scale, offset: b0 - a0 * scale };
}

/**
 * Reorders and rescales an image batch. x: float32 [n,h,w,c] (NHWC) or [n,c,h,w] (NCHW) per `from.layout` with
 * values in `from.range` -> a new float32 array in `to.layout` / `to.range`, same n, h, w, c.
 */
export function convertBatch(
  x: Float32Array,
  dims: { n: number; h: number; w: number; c: number },
  from: { layout: Layout; range: ValueRange },
  to: { layout: Layout; range: ValueRange },
): Float32Array {
  const { n, h, w, c } = dims;
  const { scale, offset } = rangeMap(from.range, to.range);
  const out = new Float32Array(n * h * w * c);
  if (from.layout === to.layout) {
    for (let i = 0; i < out.length; i++) out[i] = x[i]! * scale + offset;
    return out;
  }
  const plane = h * w;
  const image = plane * c;
  const toNchw = to.layout === 'NCHW';
  for (let b = 0; b < n; b++) {
    const base = b * image;
    for (let p = 0; p < plane; p++) {
      for (let k = 0; k < c; k++) {
        const nhwc = base + p * c + k;
        const nchw = base + k * plane + p;
        if (toNchw) out[nchw] = x[nhwc]! * scale + offset;
        else out[nhwc] = x[nchw]! * scale + offset;
      }
    }
  }
  return out;
}
