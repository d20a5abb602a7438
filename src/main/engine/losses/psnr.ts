/**
 * Peak signal-to-noise ratio for the metrics stream (Tan 2024 reports it for style transfer). Images are in
 * [-1,1], a range of 2, so PSNR = 10·log10(4 / MSE): the same number as on [0,1] images with peak 1.
 */
import * as tf from '@tensorflow/tfjs';

/** PSNR of identical images is infinite; the metrics stream carries this ceiling instead. */
export const PSNR_CEILING_DB = 100;

/** Mean over the batch of each image's PSNR in dB, capped at {@link PSNR_CEILING_DB}. a, b [N,H,W,C] in [-1,1] -> scalar. */
export function psnr(a: tf.Tensor4D, b: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => {
    const perImageMse = tf.mean(tf.squaredDifference(a, b), [1, 2, 3]);
    // Clamping the MSE at the level of the ceiling keeps log10 finite for identical images.
    const floor = 4 / 10 ** (PSNR_CEILING_DB / 10);
    const db = tf.mul(10, tf.div(tf.log(tf.div(4, tf.maximum(perImageMse, floor))), Math.LN10));
    return tf.mean(db);
  });
}
