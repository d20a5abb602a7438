/** Activations used by the papers' networks. */
import * as tf from '@tensorflow/tfjs';
import type { Apply } from './apply';

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
      return (x) => tf.add(tf.mul(x, (1 + LRELU_SLOPE) / 2), tf.mul(tf.abs(x), (1 - LRELU_SLOPE) / 2));
    case 'relu':
      return (x) => tf.relu(x);
    case 'tanh':
      // Generators end in tanh so images lie in [-1, 1], the range the data pipeline uses.
      return (x) => tf.tanh(x);
    case 'none':
      return (x) => x;
  }
}
