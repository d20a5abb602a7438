/**
 * Total variation loss in AnimeGANv2's form: `l2_loss(dh)/size(dh) + l2_loss(dw)/size(dw)`, where TensorFlow's
 * `l2_loss` is half the sum of squares, so this is half the mean squared neighbour difference in each direction.
 * It suppresses the high-frequency speckle that adversarial training produces.
 */
import * as tf from '@tensorflow/tfjs';

/** 0.5·mean((x[i+1,j]-x[i,j])²) + 0.5·mean((x[i,j+1]-x[i,j])²). x [N,H,W,C] with H, W >= 2 -> scalar. */
export function totalVariationLoss(x: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => {
    const [n, h, w, c] = x.shape;
    if (h < 2 || w < 2) throw new Error(`total variation needs an image of at least 2x2 pixels, got ${h}x${w}`);
    const dh = tf.sub(tf.slice(x, [0, 1, 0, 0], [n, h - 1, w, c]), tf.slice(x, [0, 0, 0, 0], [n, h - 1, w, c]));
    const dw = tf.sub(tf.slice(x, [0, 0, 1, 0], [n, h, w - 1, c]), tf.slice(x, [0, 0, 0, 0], [n, h, w - 1, c]));
    return tf.mul(0.5, tf.add(tf.mean(tf.square(dh)), tf.mean(tf.square(dw))));
  });
}
