/**
 * MaxPoolGrad as plain loops. tfjs-backend-wasm's kernel starts each window's maximum at FLT_MIN (the
 * smallest positive float) instead of -infinity, so windows whose values are all ≤ 0 (common after a
 * leaky ReLU or in a normalised input) lose their gradient. This follows the cpu backend: the gradient goes
 * to the first maximum of each window in row-major order.
 */
import type * as tf from '@tensorflow/tfjs';

/** Fills dx [N,H,W,C] with dy [N,OH,OW,C] routed to each window's maximum of x [N,H,W,C]. */
export function maxPoolGradient(dx: Float32Array, dy: Float32Array, x: Float32Array, info: tf.backend_util.Conv2DInfo): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dwd } = info;
  const { effectiveFilterHeight: fh, effectiveFilterWidth: fw } = info;
  const { top, left } = info.padInfo;
  const best = new Float32Array(c);
  const where = new Int32Array(c);
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      const r0 = y * sh - top;
      for (let xo = 0; xo < ow; xo++) {
        const c0 = xo * sw - left;
        best.fill(Number.NEGATIVE_INFINITY);
        where.fill(-1);
        for (let r = Math.max(0, r0); r < Math.min(h, r0 + fh); r += dh) {
          for (let col = Math.max(0, c0); col < Math.min(w, c0 + fw); col += dwd) {
            const at = ((b * h + r) * w + col) * c;
            for (let k = 0; k < c; k++) {
              const v = x[at + k]!;
              if (v > best[k]!) {
                best[k] = v;
                where[k] = at + k;
              }
            }
          }
        }
        const dyAt = ((b * oh + y) * ow + xo) * c;
        for (let k = 0; k < c; k++) {
          const to = where[k]!;
          if (to >= 0) dx[to]! += dy[dyAt + k]!;
        }
      }
    }
  }
}
