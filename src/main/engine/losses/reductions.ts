/**
 * The elementwise reductions the AnimeGAN losses are built from, matched to the TensorFlow 1 calls of the official
 * AnimeGANv2 code (`tools/ops.py`): L1 is `reduce_mean(abs)`, Huber is `tf.losses.huber_loss` (delta 1, mean over
 * all elements).
 */
import * as tf from '@tensorflow/tfjs';

/** Mean absolute difference over every element: a, b same shape -> scalar. */
export function l1(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.abs(tf.sub(a, b))));
}

/** Mean squared difference over every element: a, b same shape -> scalar. */
export function mse(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(a, b)));
}

/**
 * Huber loss averaged over every element: 0.5·d² where |d| <= delta, else delta·(|d| - 0.5·delta).
 * a, b same shape -> scalar. Delta 1 is `tf.losses.huber_loss`'s default, which AnimeGANv2 uses.
 */
export function huber(a: tf.Tensor, b: tf.Tensor, delta = 1): tf.Scalar {
  return tf.tidy(() => {
    const d = tf.abs(tf.sub(a, b));
    const quadratic = tf.minimum(d, delta);
    // 0.5·q² + delta·(d - q) equals both branches and has no branch in its gradient.
    return tf.mean(tf.add(tf.mul(0.5, tf.square(quadratic)), tf.mul(delta, tf.sub(d, quadratic))));
  });
}
