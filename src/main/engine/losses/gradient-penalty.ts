/**
 * WGAN-GP gradient penalty (Gulrajani et al. 2017; LWComicGAN trains with it): the critic's gradient norm should be 1
 * on random points between real and generated images. It is computed with tf.grad inside the caller's loss, so the
 * critic's optimiser differentiates through it (tfjs records the inner backward pass on the outer tape).
 */
import * as tf from '@tensorflow/tfjs';

/** Options of {@link gradientPenalty}. */
export interface GradientPenaltyOptions {
  /** Seed of the interpolation weights, for reproducible tests; random when absent. */
  seed?: number;
}

/**
 * λ·mean_i((‖∇x D(x̂_i)‖₂ - 1)²) with x̂ = real + α·(fake - real), α ~ U[0,1] per image. The gradient is of the
 * sum of D's outputs for that image (a patch map), as TensorFlow's tf.gradients takes it in AnimeGANv2's code.
 * dApply: x [N,H,W,C] -> logits of any shape with batch first; real, fake [N,H,W,C] -> scalar.
 */
export function gradientPenalty(
  dApply: (x: tf.Tensor4D) => tf.Tensor,
  real: tf.Tensor4D,
  fake: tf.Tensor4D,
  lambda = 10,
  opts: GradientPenaltyOptions = {},
): tf.Scalar {
  return tf.tidy(() => {
    const n = real.shape[0];
    const alpha = tf.randomUniform([n, 1, 1, 1], 0, 1, 'float32', opts.seed);
    const interpolated = tf.add(real, tf.mul(alpha, tf.sub(fake, real))) as tf.Tensor4D;
    // Images do not interact inside D, so the gradient of the batch's sum gives each image its own gradient.
    const grad = tf.grad((x: tf.Tensor) => tf.sum(dApply(x as tf.Tensor4D)))(interpolated);
    const norms = tf.norm(tf.reshape(grad, [n, -1]), 'euclidean', 1);
    return tf.mul(lambda, tf.mean(tf.square(tf.sub(norms, 1))));
  });
}
