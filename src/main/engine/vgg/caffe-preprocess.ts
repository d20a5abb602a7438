/**
 * Keras 'caffe' preprocessing, which the ImageNet VGG19 weights were trained with (and which AnimeGANv2's VGG
 * applies too): pixels in 0..255, channels in BGR order, each channel's ImageNet mean subtracted.
 */
import * as tf from '@tensorflow/tfjs';

/** ImageNet channel means in B, G, R order. */
export const CAFFE_BGR_MEAN = [103.939, 116.779, 123.68] as const;

/** RGB in [-1,1] -> BGR in 0..255 minus the means. x [N,H,W,3] -> [N,H,W,3]. */
export function caffePreprocess(x: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const bgr = tf.reverse(x, -1);
    // (v + 1)·127.5 - mean, folded into one multiply and one add.
    const offset = tf.tensor1d(CAFFE_BGR_MEAN.map((m) => 127.5 - m));
    return tf.add(tf.mul(bgr, 127.5), offset);
  });
}
