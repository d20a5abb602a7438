/** Copying runs of numbers between typed arrays, the fastest way for their length. */
import type * as tf from '@tensorflow/tfjs';

/**
 * Copies src[from, from + length) to dst[to, ...): a plain loop for short runs (each subarray view is an
 * allocation, which costs more than copying a few dozen numbers), set() for long ones.
 */
export function copyRun(dst: tf.TypedArray, to: number, src: tf.TypedArray, from: number, length: number): void {
  if (length >= 256) {
    dst.set(src.subarray(from, from + length), to);
    return;
  }
  for (let k = 0; k < length; k++) dst[to + k] = src[from + k]!;
}
