/** The shape every layer and block shares: a forward function over NHWC feature maps. */
import type * as tf from '@tensorflow/tfjs';

/**
 * A forward pass: x [N,H,W,C] -> [N,H',W',C']. `training` matters only to layers that change state while
 * training (spectral norm's power iteration); the rest ignore it. Call inside tf.tidy.
 */
export type Apply = (x: tf.Tensor4D, training: boolean) => tf.Tensor4D;

/** Runs layers one after another. */
export function chain(...layers: readonly Apply[]): Apply {
  return (x, training) => layers.reduce((h, layer) => layer(h, training), x);
}
