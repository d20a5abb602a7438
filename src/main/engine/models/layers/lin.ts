/**
 * LIN, the adaptive instance/layer normalisation of LWComicGAN (Yang et al., Sec. III.C): instance
 * norm avoids the colour-cast artefacts of layer norm, layer norm keeps content and the average style better,
 * so each layer learns how much of each to use. The paper describes the choice but not its parameterisation; we
 * use U-GAT-IT's form (Kim et al. 2020, ILN): y = gamma * (rho * IN(x) + (1 - rho) * LN(x)) + beta with a
 * per-channel rho in [0, 1]. rho is stored as a logit and passed through a sigmoid, so it stays inside [0, 1]
 * without the clipping hook U-GAT-IT runs after each optimiser step, and can never stick at a bound.
 */
import * as tf from '@tensorflow/tfjs';
import { type Apply, layer } from './apply';
import { ONES, ZEROS } from './init';
import { instanceNormalize } from './instance-norm';
import { layerNormalize } from './layer-norm';
import { type ParamScope } from './params';

/**
 * Variables `<name>/gamma`, `<name>/beta`, `<name>/rho_logit` [C] (rho starts at 0.5: an even mix).
 * Forward: x [N,H,W,C] -> [N,H,W,C].
 */
export function lin(parent: ParamScope, name: string, channels: number): Apply {
  const scope = parent.child(name);
  const gamma = scope.weight('gamma', [channels], ONES);
  const beta = scope.weight('beta', [channels], ZEROS);
  const rhoLogit = scope.weight('rho_logit', [channels], ZEROS);
  return layer(
    (x) => {
      const rho = tf.sigmoid(rhoLogit);
      const mixed = tf.add(tf.mul(rho, instanceNormalize(x)), tf.mul(tf.sub(1, rho), layerNormalize(x)));
      return tf.add(tf.mul(mixed, gamma), beta);
    },
    (ops, x) => {
      const rho = tf.sigmoid(rhoLogit);
      try {
        return ops.lin(x, { name: scope.path, gamma, beta }, rho);
      } finally {
        rho.dispose();
      }
    },
  );
}

