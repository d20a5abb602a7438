/**
 * Kernel Inception Distance (Bińkowski, Sutherland, Arbel & Gretton 2018, "Demystifying MMD GANs",
 * https://arxiv.org/abs/1801.01401): the unbiased estimate of the squared maximum mean discrepancy between two sets
 * of feature vectors under the cubic polynomial kernel k(a,b) = (a·b/d + 1)³. Unlike FID it has an unbiased
 * estimator, so it means the same at the handful of images a training run validates on (only noisier); 0 is "same
 * distribution", and the estimate can dip slightly below 0 by chance. The paper uses Inception pool3 features; the
 * studio feeds it VGG19 features pooled to one vector per image ({@link meanPool}) and rescaled ({@link featureRms}),
 * so values compare between runs of the studio, not with published KID numbers.
 */
import * as tf from '@tensorflow/tfjs';

/** Global average pooling: one feature vector per image. features [N,H,W,C] -> [N,C]. */
export function meanPool(features: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => tf.mean(features, [1, 2]) as tf.Tensor2D);
}

/**
 * Root mean square of a feature set's entries, never below 1e-12. The cubic kernel's `+ 1` assumes roughly unit-scale
 * features (as Inception's pool3 ones are); VGG's caffe-scaled features run to the hundreds, where the kernel's values
 * reach 1e18 and a KID falls below float32's resolution of them. Dividing both sets by one set's RMS puts them on
 * that scale. x [n,d] -> scalar.
 */
export function featureRms(x: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.maximum(tf.sqrt(tf.mean(tf.square(x))), 1e-12) as tf.Scalar);
}

/** The cubic polynomial kernel between every row of a and every row of b: a [n,d], b [m,d] -> [n,m]. */
function cubicKernel(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const d = a.shape[1];
  const t = tf.add(tf.div(tf.matMul(a, b, false, true), d), 1);
  // t·t·t rather than pow(t, 3): some backends compute pow through log and give NaN for a negative base.
  return tf.mul(tf.square(t), t) as tf.Tensor2D;
}

/** Mean of a square kernel matrix's off-diagonal entries (the within-set term leaves out k(xᵢ,xᵢ)). k [n,n] -> scalar. */
function offDiagonalMean(k: tf.Tensor2D): tf.Scalar {
  const n = k.shape[0];
  return tf.div(tf.sum(tf.mul(k, tf.sub(1, tf.eye(n)))), n * (n - 1)) as tf.Scalar;
}

/**
 * Unbiased MMD² with the cubic polynomial kernel (KID), equation (4) of the paper:
 * mean_{i≠j} k(xᵢ,xⱼ) + mean_{i≠j} k(yᵢ,yⱼ) − 2·mean_{i,j} k(xᵢ,yⱼ). x [n,d], y [m,d] with n, m ≥ 2 -> scalar.
 * Lower is closer; ~0 for two samples of one distribution.
 */
export function kid(x: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
  const [n, d] = x.shape;
  const [m, dy] = y.shape;
  if (n < 2 || m < 2) {
    throw new Error(`KID needs at least 2 feature vectors in each set to leave out the diagonal: got ${n} and ${m}`);
  }
  if (d !== dy) throw new Error(`KID compares feature vectors of one length: got ${d} and ${dy}`);
  return tf.tidy(() => {
    const within = tf.add(offDiagonalMean(cubicKernel(x, x)), offDiagonalMean(cubicKernel(y, y)));
    return tf.sub(within, tf.mul(2, tf.mean(cubicKernel(x, y)))) as tf.Scalar;
  });
}
