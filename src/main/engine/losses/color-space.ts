/**
 * Colour conversions on [-1,1] RGB images, as the AnimeGANv2 code does them: `rgb2yuv` maps to [0,1] and applies
 * `tf.image.rgb_to_yuv` (BT.601 Y, U and V unshifted, so U and V are centred on 0); the grayscale style images are
 * OpenCV's BT.601 luma replicated to three channels.
 */
import * as tf from '@tensorflow/tfjs';

/** `tf.image.rgb_to_yuv`'s matrix: row = input channel (R, G, B), column = output channel (Y, U, V). */
const RGB_TO_YUV = [
  [0.299, -0.14714119, 0.61497538],
  [0.587, -0.28886916, -0.51496512],
  [0.114, 0.43601035, -0.10001026],
];

/** BT.601 luma weights (R, G, B); they sum to 1, so gray of a gray image is the same image. */
const LUMA = [0.299, 0.587, 0.114];

/** RGB in [-1,1] -> YUV with Y in [0,1], U in ±0.436, V in ±0.615. x [N,H,W,3] -> [N,H,W,3]. */
export function rgbToYuv(x: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w] = x.shape;
    const rgb01 = tf.div(tf.add(x, 1), 2);
    const yuv = tf.matMul(tf.reshape(rgb01, [-1, 3]), tf.tensor2d(RGB_TO_YUV));
    return tf.reshape(yuv, [n, h, w, 3]);
  });
}

/**
 * Grayscale (BT.601 luma) replicated to three channels, the form AnimeGANv2 feeds VGG and D for "gray" images.
 * x [N,H,W,3] RGB in [-1,1] -> [N,H,W,3] in [-1,1]; idempotent, so an already-gray image passes unchanged.
 */
export function grayscale3(x: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    // The weights sum to 1, so applying them in [-1,1] equals applying them in [0,255] and rescaling.
    const luma = tf.sum(tf.mul(x, tf.tensor1d(LUMA)), -1, true);
    return tf.tile(luma, [1, 1, 1, 3]) as tf.Tensor4D;
  });
}
