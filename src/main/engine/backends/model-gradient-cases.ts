/**
 * The ops our generators, discriminators, VGG and losses differentiate through, each as a small case (batch
 * 2) whose gradient a backend must get right: convolutions with the paddings and strides the models use,
 * resizes, norms, pooling, activations and losses.
 */
import * as tf from '@tensorflow/tfjs';

export interface GradientCase {
  name: string;
  /** Shape of the input the gradient is taken with respect to. */
  input: number[];
  /** The op(s) under test; constants come from `fixed`, so every backend sees the same ones. */
  run: (x: tf.Tensor) => tf.Tensor;
}

/** Deterministic values in (-1, 1) for `shape` (a cheap hash, identical on every backend). */
export function fixed(shape: number[], seed = 1): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = ((Math.sin((i + 1) * 12.9898 + seed * 78.233) * 43758.5453) % 1) * (i % 3 === 0 ? 1 : -1);
  return tf.tensor(v, shape);
}

const t4 = (t: tf.Tensor): tf.Tensor4D => t as tf.Tensor4D;
/** Reflect-pads rows and columns by `p`, as the models do before their 'valid' convolutions. */
const reflect = (x: tf.Tensor, p: number, mode: 'reflect' | 'symmetric' = 'reflect'): tf.Tensor4D =>
  tf.mirrorPad(t4(x), [
    [0, 0],
    [p, p],
    [p, p],
    [0, 0],
  ], mode);
/** conv2d of x with a fixed filter of `shape` [kh,kw,C,O]. */
const conv = (x: tf.Tensor, shape: number[], stride: number, pad: 'same' | 'valid' | number): tf.Tensor =>
  tf.conv2d(t4(x), t4(fixed(shape)), stride, pad);
/** depthwiseConv2d of x with a fixed filter of `shape` [kh,kw,C,M]. */
const depthwise = (x: tf.Tensor, shape: number[], stride: number, pad: 'same' | 'valid'): tf.Tensor =>
  tf.depthwiseConv2d(t4(x), t4(fixed(shape)), stride, pad);
const instanceNorm = (x: tf.Tensor): tf.Tensor => {
  const { mean, variance } = tf.moments(x, [1, 2], true);
  return tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5)));
};
const layerNorm = (x: tf.Tensor): tf.Tensor => {
  const centred = tf.sub(x, tf.mean(x, [1, 2, 3], true));
  return tf.div(centred, tf.sqrt(tf.add(tf.mean(tf.square(centred), [1, 2, 3], true), 1e-5)));
};
const IMG = [2, 4, 4, 3];

export const MODEL_GRADIENT_CASES: GradientCase[] = [
  { name: 'conv2d 3x3 s1 same', input: [2, 8, 6, 4], run: (x) => conv(x, [3, 3, 4, 5], 1, 'same') },
  { name: 'conv2d 3x3 s2 reflect+valid', input: [2, 9, 8, 4], run: (x) => conv(reflect(x, 1), [3, 3, 4, 6], 2, 'valid') },
  { name: 'conv2d 4x4 s2 pad 1', input: [2, 8, 8, 3], run: (x) => conv(x, [4, 4, 3, 4], 2, 1) },
  { name: 'conv2d 7x7 reflect', input: [2, 8, 7, 3], run: (x) => conv(reflect(x, 3), [7, 7, 3, 4], 1, 'valid') },
  { name: 'conv2d 1x1 s2', input: [2, 8, 7, 4], run: (x) => conv(x, [1, 1, 4, 6], 2, 'valid') },
  { name: 'conv2d filter s1', input: [3, 3, 4, 5], run: (w) => tf.conv2d(t4(fixed([2, 7, 6, 4])), t4(w), 1, 'same') },
  { name: 'conv2d filter s2', input: [3, 3, 4, 5], run: (w) => tf.conv2d(t4(fixed([2, 9, 8, 4])), t4(w), 2, 'same') },
  {
    name: 'fused conv2d bias relu',
    input: [2, 6, 6, 3],
    run: (x) =>
      tf.fused.conv2d({ x: t4(x), filter: t4(fixed([3, 3, 3, 4])), strides: 1, pad: 'same', bias: fixed([4]), activation: 'relu' }),
  },
  { name: 'depthwise 3x3 reflect+valid', input: [2, 8, 6, 4], run: (x) => depthwise(reflect(x, 1), [3, 3, 4, 1], 1, 'valid') },
  { name: 'depthwise 3x3 s2 same', input: [2, 9, 8, 4], run: (x) => depthwise(x, [3, 3, 4, 2], 2, 'same') },
  { name: 'depthwise filter', input: [3, 3, 4, 1], run: (w) => tf.depthwiseConv2d(t4(fixed([2, 7, 6, 4])), t4(w), 1, 'same') },
  { name: 'mirrorPad reflect', input: [2, 5, 4, 3], run: (x) => reflect(x, 1) },
  { name: 'mirrorPad symmetric', input: [2, 5, 4, 3], run: (x) => reflect(x, 1, 'symmetric') },
  { name: 'pad', input: [2, 5, 4, 3], run: (x) => tf.pad(x, [[0, 0], [1, 2], [2, 1], [0, 0]]) },
  { name: 'resizeBilinear 2x', input: [2, 4, 3, 3], run: (x) => tf.image.resizeBilinear(t4(x), [8, 6]) },
  { name: 'resizeBilinear 2x halfPixel', input: [2, 4, 3, 3], run: (x) => tf.image.resizeBilinear(t4(x), [8, 6], false, true) },
  { name: 'resizeBilinear alignCorners', input: [2, 4, 3, 3], run: (x) => tf.image.resizeBilinear(t4(x), [7, 5], true) },
  { name: 'resizeNearestNeighbor 2x', input: [2, 4, 3, 3], run: (x) => tf.image.resizeNearestNeighbor(t4(x), [8, 6]) },
  { name: 'leakyRelu', input: IMG, run: (x) => tf.leakyRelu(x, 0.2) },
  { name: 'relu', input: IMG, run: (x) => tf.relu(x) },
  { name: 'tanh', input: IMG, run: (x) => tf.tanh(x) },
  { name: 'sigmoid', input: IMG, run: (x) => tf.sigmoid(x) },
  { name: 'instance norm (mean, sub, rsqrt)', input: IMG, run: instanceNorm },
  { name: 'layer norm (mean, square, sqrt, div)', input: IMG, run: layerNorm },
  { name: 'sum', input: IMG, run: (x) => tf.sum(tf.mul(x, fixed(IMG, 2)), [1, 2]) },
  { name: 'matMul (attention MLP)', input: [2, 6], run: (x) => tf.matMul(tf.relu(tf.matMul(x, fixed([6, 3]))), fixed([3, 6])) },
  { name: 'matMul transposed (Gram, spectral norm)', input: [2, 5, 3], run: (x) => tf.matMul(x, x, true, false) },
  { name: 'matMul transposeB', input: [4, 6], run: (x) => tf.matMul(x, fixed([5, 6]), false, true) },
  { name: 'maxPool 2x2 s2 (VGG)', input: [2, 6, 6, 3], run: (x) => tf.maxPool(t4(x), 2, 2, 'valid') },
  { name: 'maxPool 3x3 s2 same, negative', input: [2, 7, 6, 3], run: (x) => tf.maxPool(tf.neg(tf.abs(t4(x))), 3, 2, 'same') },
  { name: 'avgPool 2x2 s2', input: [2, 6, 6, 3], run: (x) => tf.avgPool(t4(x), 2, 2, 'valid') },
  { name: 'avgPool 3x3 s1 same', input: [2, 5, 6, 3], run: (x) => tf.avgPool(t4(x), 3, 1, 'same') },
  { name: 'global pools (CBAM)', input: IMG, run: (x) => tf.add(tf.mean(x, [1, 2]), tf.max(x, [1, 2])) },
  { name: 'concat', input: IMG, run: (x) => tf.concat([x, tf.square(x)], 3) },
  { name: 'square, abs', input: IMG, run: (x) => tf.add(tf.square(x), tf.abs(x)) },
  { name: 'exp, log', input: IMG, run: (x) => tf.add(tf.exp(x), tf.log(tf.add(tf.abs(x), 1))) },
  { name: 'maximum, minimum, clip', input: IMG, run: (x) => tf.add(tf.maximum(x, 0.1), tf.clipByValue(tf.minimum(x, 0.5), -0.3, 0.3)) },
  { name: 'pow, neg, reciprocal', input: IMG, run: (x) => tf.add(tf.pow(tf.add(tf.abs(x), 1), 1.5), tf.reciprocal(tf.sub(2, x))) },
  {
    name: 'BCE with logits (softplus)',
    input: [2, 4, 4, 1],
    run: (x) => tf.losses.sigmoidCrossEntropy(tf.greater(fixed(x.shape, 3), 0), x),
  },
  {
    name: 'huber, squared difference',
    input: IMG,
    run: (x) => tf.add(tf.losses.huberLoss(fixed(IMG, 4), x), tf.sum(tf.squaredDifference(x, 0.2))),
  },
  {
    name: 'reverse, transpose, slice, tile',
    input: IMG,
    run: (x) => tf.tile(tf.slice(tf.transpose(tf.reverse(x, 2), [0, 2, 1, 3]), [0, 1, 0, 0], [2, 2, 4, 3]), [1, 2, 1, 1]),
  },
  {
    name: 'stack, expandDims, reshape',
    input: IMG,
    run: (x) => tf.reshape(tf.stack([x, tf.tile(tf.expandDims(tf.sum(x, 3), 3), [1, 1, 1, 3])]), [4, 48]),
  },
];
