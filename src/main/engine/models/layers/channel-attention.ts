/**
 * Channel attention of CBAM (Woo et al. 2018), as Tan 2024 (Eq. 7) adds it to keep detail:
 * M_c(F) = sigmoid(MLP(AvgPool(F)) + MLP(MaxPool(F))), one MLP (C -> C/r -> C, ReLU between) shared by both
 * pooled vectors, output F * M_c(F). Reduction r = 16, floored at one hidden unit so narrow test widths work.
 */
import * as tf from '@tensorflow/tfjs';
import { type Apply, layer } from './apply';
import { GLOROT, HE, ZEROS } from './init';
import { type ParamScope } from './params';

export const CBAM_REDUCTION = 16;

/**
 * Variables `<name>/fc1/{kernel,bias}` [C,C/r],[C/r] and `<name>/fc2/{kernel,bias}` [C/r,C],[C].
 * Forward: x [N,H,W,C] -> [N,H,W,C].
 */
export function channelAttention(
  parent: ParamScope,
  name: string,
  channels: number,
  reduction = CBAM_REDUCTION,
): Apply {
  const scope = parent.child(name);
  const hidden = Math.max(1, Math.floor(channels / reduction));
  const w1 = scope.weight('fc1/kernel', [channels, hidden], HE, { fanIn: channels, fanOut: hidden });
  const b1 = scope.weight('fc1/bias', [hidden], ZEROS);
  const w2 = scope.weight('fc2/kernel', [hidden, channels], GLOROT, { fanIn: hidden, fanOut: channels });
  const b2 = scope.weight('fc2/bias', [channels], ZEROS);
  const mlp = (v: tf.Tensor2D): tf.Tensor2D => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(v, w1), b1)), w2), b2);

  return layer(
    (x) => {
      const [n, , , c] = x.shape;
      const avg = tf.mean(x, [1, 2]) as tf.Tensor2D;
      const max = tf.max(x, [1, 2]) as tf.Tensor2D;
      const weights = tf.sigmoid(tf.add(mlp(avg), mlp(max)));
      return tf.mul(x, tf.reshape(weights, [n, 1, 1, c]));
    },
    (ops, x) => ops.channelAttention(x, scope.path, { kernel: w1, bias: b1 }, { kernel: w2, bias: b2 }),
  );
}
