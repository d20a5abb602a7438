/**
 * Spectral normalisation (Miyato et al. 2018, "Spectral Normalization for GANs"): divides a weight by an
 * estimate of its largest singular value so the discriminator stays roughly 1-Lipschitz. As in the AnimeGAN
 * code (tools/ops.py), the kernel is viewed as a matrix [kh*kw*in, out] and refined by one power-iteration step
 * per training forward pass. The vector `u` [1, out] is state, not a trainable variable: it is kept in the
 * checkpoint but never given a gradient. Outside training the stored `u` is used as is (PyTorch's eval mode),
 * so inference does not change the network.
 */
import * as tf from '@tensorflow/tfjs';
import { type ParamScope } from './params';
import { stopGradient } from './stop-gradient';

/** Norm floor of the power iteration, as the AnimeGAN code's l2_norm. */
const EPS = 1e-12;

function l2Normalize(v: tf.Tensor2D): tf.Tensor2D {
  return tf.div(v, tf.add(tf.norm(v), EPS));
}

/**
 * Wraps a kernel (any rank, last axis = output units) in spectral normalisation; the returned function gives
 * the normalised kernel, same shape. Its state vector is named `<scope>/u`.
 */
export function spectralNorm(scope: ParamScope, kernel: tf.Variable): (training: boolean) => tf.Tensor {
  const out = kernel.shape[kernel.shape.length - 1] ?? 1;
  const u = scope.stateVariable('u', [1, out], { kind: 'normal', std: 1 });
  return (training) => {
    const w = tf.reshape(kernel, [-1, out]) as tf.Tensor2D;
    // u and v are treated as constants (Miyato et al., Alg. 1): only sigma = v W u^T is differentiated.
    let uHat = u as tf.Tensor as tf.Tensor2D;
    const vHat = stopGradient(l2Normalize(tf.matMul(uHat, w, false, true)));
    if (training) {
      uHat = stopGradient(l2Normalize(tf.matMul(vHat, w)));
      u.assign(uHat);
    }
    const sigma = tf.sum(tf.mul(tf.matMul(vHat, w), uHat));
    return tf.div(kernel, sigma);
  };
}
