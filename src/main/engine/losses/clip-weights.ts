/**
 * Weight clipping of the original WGAN (Arjovsky et al. 2017; Sang & Xu train with it): after each critic update
 * every weight is clamped to [-c, c], a crude way to keep the critic Lipschitz.
 */
import * as tf from '@tensorflow/tfjs';

/** Clamps every variable in place to [-c, c]; call after the critic's optimiser step. */
export function clipWeights(vars: Iterable<tf.Variable>, c = 0.01): void {
  if (!(c > 0)) throw new Error(`the clipping bound must be positive, got ${c}`);
  tf.tidy(() => {
    for (const v of vars) v.assign(tf.clipByValue(v, -c, c));
  });
}
