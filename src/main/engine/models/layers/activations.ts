/** Activations used by the papers' networks. */
import * as tf from '@tensorflow/tfjs';
import { type Apply, identity, layer } from './apply';

/** LeakyReLU slope of every AnimeGAN-family network (AnimeGAN/AnimeGANv2 code, LWComicGAN, Kalin & Akniyet). */
export const LRELU_SLOPE = 0.2;

export type Activation = 'lrelu' | 'relu' | 'tanh' | 'none';

/** x [N,H,W,C] -> same shape. */
export function activation(kind: Activation): Apply {
  switch (kind) {
    case 'lrelu':
      // Written as ((1 + a) x + (1 - a) |x|) / 2 rather than tf.leakyRelu or max(x, a x): the gradients of those
      // kernels use Greater/Less masks that tfjs cannot differentiate again, and WGAN-GP's penalty
      // differentiates the critic's input gradient (double backpropagation). |x|'s gradient uses Step, which can.
      // Exported as ONNX LeakyRelu, the same function (no double backpropagation at inference).
      return layer(
        (x) => tf.add(tf.mul(x, (1 + LRELU_SLOPE) / 2), tf.mul(tf.abs(x), (1 - LRELU_SLOPE) / 2)),
        (ops, x) => ops.activation(x, 'lrelu', LRELU_SLOPE),
      );
    case 'relu':
      return layer(
        (x) => tf.relu(x),
        (ops, x) => ops.activation(x, 'relu'),
      );
    case 'tanh':
      // Generators end in tanh so images lie in [-1, 1], the range the data pipeline uses.
      return layer(
        (x) => tf.tanh(x),
        (ops, x) => ops.activation(x, 'tanh'),
      );
    case 'none':
      return identity;
  }
}
