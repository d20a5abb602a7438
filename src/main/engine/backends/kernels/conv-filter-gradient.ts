/**
 * The filter gradient of conv2d as one big matrix product, im2col style:
 *   dw[(i,j,c), o] = Σ_{n,y,x} x[n, y·s + i·d − p, x·s + j·d − q, c] · dy[n,y,x,o]
 * The left operand is the tap matrix [kh·kw·C, N·OH·OW] (tap-matrix.ts), the right one dy reshaped for free
 * to [N·OH·OW, O]. The product runs as a 1x1 convolution (pixels = tap rows, channels = N·OH·OW) rather
 * than matMul: both reach XNNPACK's GEMM, but tfjs-backend-wasm gives only convolutions the thread pool.
 * Taps go in groups that keep the tap matrix under TAP_MATRIX_FLOATS. Call inside a tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';
import { hostOp } from './host-arrays';
import { tapMatrix } from './tap-matrix';

/** 64 MB of float32: the most a group of taps may copy at once. */
const TAP_MATRIX_FLOATS = 16 * 1024 * 1024;

/** dw [kh,kw,C,O] of conv2d(x [N,H,W,C], w) from dy [N,OH,OW,O]; `maxFloats` bounds each group's tap matrix. */
export function conv2dFilterGradient(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  info: tf.backend_util.Conv2DInfo,
  maxFloats = TAP_MATRIX_FLOATS,
): tf.Tensor4D {
  const { filterHeight: kh, filterWidth: kw, inChannels: c, outChannels: o, batchSize: n, outHeight: oh, outWidth: ow } = info;
  const p = n * oh * ow;
  const xt = tf.transpose(x, [3, 0, 1, 2]);
  const right = tf.reshape(dy, [1, 1, p, o]) as tf.Tensor4D;
  const taps = kh * kw;
  const group = Math.max(1, Math.min(taps, Math.floor(maxFloats / (c * p))));
  const parts: tf.Tensor[] = [];
  for (let first = 0; first < taps; first += group) {
    const count = Math.min(group, taps - first);
    const left = hostOp([xt], [1, 1, count * c, p], (out, xv) => tapMatrix(out, xv!, info, first, count));
    parts.push(tf.conv2d(left as tf.Tensor4D, right, 1, 'valid'));
  }
  const all = parts.length === 1 ? parts[0]! : tf.concat(parts, 2);
  return tf.reshape(all, [kh, kw, c, o]);
}
