/**
 * Instance normalisation (Ulyanov et al. 2016): each sample and channel normalised over H, W, with a learned
 * per-channel scale and offset (tf.contrib.layers.instance_norm, epsilon 1e-5, as AnimeGAN and CycleGAN).
 */
import * as tf from '@tensorflow/tfjs';
import { type Apply, layer } from './apply';
import { ONES, ZEROS } from './init';
import { NORM_EPS } from './layer-norm';
import { type ParamScope } from './params';

/** x [N,H,W,C] -> x normalised over H,W per sample and channel ([N,H,W,C]); shared by instance norm and LIN. */
export function instanceNormalize(x: tf.Tensor4D): tf.Tensor4D {
  const { mean, variance } = tf.moments(x, [1, 2], true);
  return tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, NORM_EPS)));
}

/** Variables `<name>/gamma`, `<name>/beta` [C]. Forward: x [N,H,W,C] -> [N,H,W,C]. */
export function instanceNorm(parent: ParamScope, name: string, channels: number): Apply {
  const scope = parent.child(name);
  const gamma = scope.weight('gamma', [channels], ONES);
  const beta = scope.weight('beta', [channels], ZEROS);
  return layer(
    (x) => tf.add(tf.mul(instanceNormalize(x), gamma), beta),
    (ops, x) => ops.instanceNorm(x, { name: scope.path, gamma, beta }),
  );
}
