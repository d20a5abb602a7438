/**
 * Colour loss (AnimeGANv2 / LWComicGAN): keeps the photo's colours in the output by comparing them in YUV,
 * L1 on luma and Huber on the two chroma channels, so brightness follows the photo closely while chroma may drift
 * a little towards the style.
 */
import * as tf from '@tensorflow/tfjs';
import { rgbToYuv } from './color-space';
import { huber, l1 } from './reductions';

/**
 * L1(Y) + Huber(U) + Huber(V), delta 1, each a mean over its channel's elements.
 * photo, generated [N,H,W,3] RGB in [-1,1] -> scalar.
 */
export function colorLoss(photo: tf.Tensor4D, generated: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => {
    const [yp, up, vp] = tf.split(rgbToYuv(photo), 3, -1);
    const [yg, ug, vg] = tf.split(rgbToYuv(generated), 3, -1);
    return tf.addN([l1(yp!, yg!), huber(up!, ug!), huber(vp!, vg!)]);
  });
}
