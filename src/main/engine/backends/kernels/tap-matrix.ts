/**
 * The im2col step of the conv2d filter gradient, as a plain copy: row (t·C + c) of the result holds, for
 * kernel tap t = i·kw + j, x[n, y·s + i·d − p, x·s + j·d − q, c] over every output pixel (n, y, x), zero where
 * that falls in the padding. Reading x transposed to [C,N,H,W] makes every row a run of contiguous (stride 1)
 * or evenly spaced (stride s) values, so the copy needs no temporaries and no slice kernels (tfjs-backend-wasm
 * copies a whole tensor out of the heap for every slice, and its strided slice is a scalar loop).
 */
import type * as tf from '@tensorflow/tfjs';
import { copyRun } from './copy-run';

/** Fills out [count·C, N·OH·OW] with taps first..first+count−1 of xt [C,N,H,W]. */
export function tapMatrix(out: Float32Array, xt: Float32Array, info: tf.backend_util.Conv2DInfo, first: number, count: number): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { filterWidth: kw, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const { top, left } = info.padInfo;
  const p = n * oh * ow;
  for (let t = first; t < first + count; t++) {
    const i = Math.floor(t / kw);
    const j = t % kw;
    const shift = j * dw - left;
    // Output columns whose input column xo·sw + shift lies inside the image.
    const lo = Math.max(0, Math.ceil(-shift / sw));
    const hi = Math.min(ow - 1, Math.floor((w - 1 - shift) / sw));
    if (lo > hi) continue;
    for (let ch = 0; ch < c; ch++) {
      const rowBase = ((t - first) * c + ch) * p;
      for (let b = 0; b < n; b++) {
        for (let y = 0; y < oh; y++) {
          const r = y * sh + i * dh - top;
          if (r < 0 || r >= h) continue;
          const src = ((ch * n + b) * h + r) * w + shift;
          const dst = rowBase + (b * oh + y) * ow;
          if (sw === 1) {
            copyRun(out, dst + lo, xt, src + lo, hi - lo + 1);
          } else {
            for (let xo = lo; xo <= hi; xo++) out[dst + xo] = xt[src + xo * sw]!;
          }
        }
      }
    }
  }
}
