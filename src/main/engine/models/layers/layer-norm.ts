/**
 * Layer normalisation as AnimeGANv2 uses it (Chen et al. 2020): the official code calls
 * tf.contrib.layers.layer_norm with its defaults, which normalise each sample over all of H, W and C
 * (begin_norm_axis=1) and learn one scale and one offset per channel (begin_params_axis=-1). Normalising across
 * channels is what gives every channel the same statistics and removes AnimeGAN's high-frequency artefacts.
 */
import * as tf from '@tensorflow/tfjs';
import { type Apply, layer } from './apply';
import { ONES, ZEROS } from './init';
import { type ParamScope } from './params';

/**
 * Variance floor of layer, instance and LIN normalisation: 1e-3, the Keras LayerNormalization and TF-Addons
 * InstanceNormalization default, rather than tf.contrib's 1e-12 or PyTorch's 1e-5. On features of roughly unit
 * variance the difference is negligible, but on a spatially flat map (a frame faded to black) instance norm's
 * variance is exactly 0 and its backward gain is 1/sqrt(eps) per layer: 316 at 1e-5, compounding to overflow
 * over a dozen layers (measured: LWComicGAN's gradients reach 1e27 on a black frame at 1e-5, 1e15 at 1e-3).
 */
export const NORM_EPS = 1e-3;

/**
 * PyTorch's GroupNorm/LayerNorm variance floor, for networks imported from PyTorch (animegan2-pytorch's
 * `GroupNorm(1, C)` is this layer norm): their weights were trained with it, so a faithful import uses it too.
 */
export const TORCH_NORM_EPS = 1e-5;

/** x [N,H,W,C] -> x normalised over H,W,C per sample ([N,H,W,C]); shared by layer norm and LIN. */
export function layerNormalize(x: tf.Tensor4D, eps = NORM_EPS): tf.Tensor4D {
  const { mean, variance } = tf.moments(x, [1, 2, 3], true);
  return tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
}

/**
 * Variables `<name>/gamma`, `<name>/beta` [C]. Forward: x [N,H,W,C] -> [N,H,W,C]. `eps` is the variance floor
 * ({@link NORM_EPS} unless the weights come from elsewhere).
 */
export function layerNorm(parent: ParamScope, name: string, channels: number, eps = NORM_EPS): Apply {
  const scope = parent.child(name);
  const gamma = scope.weight('gamma', [channels], ONES);
  const beta = scope.weight('beta', [channels], ZEROS);
  return layer(
    (x) => tf.add(tf.mul(layerNormalize(x, eps), gamma), beta),
    (ops, x) => ops.layerNorm(x, { name: scope.path, gamma, beta, eps }),
  );
}
