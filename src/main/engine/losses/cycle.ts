/**
 * Cycle-consistency loss (CycleGAN, used by Sang & Xu's unpaired model): an image taken to the other domain and
 * back should come back unchanged.
 */
import type * as tf from '@tensorflow/tfjs';
import { l1 } from './reductions';

/** Mean |x - F(G(x))|. x, reconstructed [N,H,W,3] in [-1,1] -> scalar. */
export function cycleLoss(x: tf.Tensor4D, reconstructed: tf.Tensor4D): tf.Scalar {
  return l1(x, reconstructed);
}
