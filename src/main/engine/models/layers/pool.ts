/** Max pooling with TF's 'same' padding, the max-pool of the ResNet stem. */
import * as tf from '@tensorflow/tfjs';
import { type Apply, layer } from './apply';

/** No variables. x [N,H,W,C] -> [N,ceil(H/stride),ceil(W/stride),C]. */
export function maxPool2d(kernel: number, stride: 1 | 2): Apply {
  return layer(
    (x) => tf.maxPool(x, kernel, stride, 'same'),
    (ops, x) => ops.maxPool(x, kernel, stride),
  );
}
