/**
 * Structural similarity (Wang et al. 2004) as the standard implementations compute it (tf.image.ssim,
 * skimage with gaussian_weights): an 11x11 Gaussian window with sigma 1.5, valid positions only, K1 0.01, K2 0.03,
 * per channel, averaged over positions and channels per image, then over the batch. Images are in [-1,1], so the
 * dynamic range L is 2.
 */
import * as tf from '@tensorflow/tfjs';

const WINDOW = 11;
const SIGMA = 1.5;
const RANGE = 2;
const C1 = (0.01 * RANGE) ** 2;
const C2 = (0.03 * RANGE) ** 2;

/** The normalised 11x11 Gaussian window as a depthwise filter for `channels` channels: [11,11,C,1]. */
function gaussianWindow(channels: number): tf.Tensor4D {
  const half = (WINDOW - 1) / 2;
  const g = Array.from({ length: WINDOW }, (_, i) => Math.exp(-((i - half) ** 2) / (2 * SIGMA * SIGMA)));
  const total = g.reduce((s, v) => s + v, 0);
  const values: number[] = [];
  for (let y = 0; y < WINDOW; y++) {
    for (let x = 0; x < WINDOW; x++) {
      const v = (g[y]! * g[x]!) / (total * total);
      for (let c = 0; c < channels; c++) values.push(v);
    }
  }
  return tf.tensor4d(values, [WINDOW, WINDOW, channels, 1]);
}

/** Mean over the batch of each image's SSIM. a, b [N,H,W,C] in [-1,1] with H, W >= 11 -> scalar in [-1,1]. */
export function ssim(a: tf.Tensor4D, b: tf.Tensor4D): tf.Scalar {
  const [, h, w, c] = a.shape;
  if (h < WINDOW || w < WINDOW) throw new Error(`SSIM needs images of at least ${WINDOW}x${WINDOW} pixels, got ${h}x${w}`);
  return tf.tidy(() => {
    const window = gaussianWindow(c);
    const blur = (x: tf.Tensor4D): tf.Tensor4D => tf.depthwiseConv2d(x, window, 1, 'valid');
    const muA = blur(a);
    const muB = blur(b);
    const muAB = tf.mul(muA, muB);
    const muA2 = tf.square(muA);
    const muB2 = tf.square(muB);
    const varA = tf.sub(blur(tf.square(a)), muA2);
    const varB = tf.sub(blur(tf.square(b)), muB2);
    const cov = tf.sub(blur(tf.mul(a, b)), muAB);
    const numerator = tf.mul(tf.add(tf.mul(2, muAB), C1), tf.add(tf.mul(2, cov), C2));
    const denominator = tf.mul(tf.add(tf.add(muA2, muB2), C1), tf.add(tf.add(varA, varB), C2));
    return tf.mean(tf.mean(tf.div(numerator, denominator), [1, 2, 3]));
  });
}
