/**
 * A VGG19 convolution stack up to block4_conv4 (the layer the losses read once the app has downloaded its weights)
 * with seeded He-normal weights and no weights folder: at full width it costs exactly what the real one does,
 * so the GPU benchmark runs the same on a machine that has only the repository; narrower, it lets tests that
 * compare backends (where the weights' values do not matter) run small and without ../shared.
 */
import * as tf from '@tensorflow/tfjs';
import { assembleVgg19, CONTENT_LAYER, type Vgg19, type VggLayer } from '../../src/main/engine/vgg/vgg19';

/** Output channels of each block's convolutions (Keras VGG19), blocks 1-4. */
const BLOCKS: readonly (readonly number[])[] = [
  [64, 64],
  [128, 128],
  [256, 256, 256, 256],
  [512, 512, 512, 512],
];

/**
 * Builds the stack block1_conv1 .. block4_conv4 with pools between blocks, on the current backend, with
 * `width` times the real channel counts (at least 4).
 */
export function seededVgg19(seed = 1, width = 1): Vgg19 {
  const layers: VggLayer[] = [];
  let cin = 3;
  let s = seed;
  BLOCKS.forEach((filters, b) => {
    if (b > 0) layers.push({ kind: 'pool', name: `block${b}_pool`, poolSize: [2, 2], strides: [2, 2], padding: 'valid' });
    filters.forEach((full, i) => {
      const cout = Math.max(4, Math.round(full * width));
      const kernel = tf.randomNormal([3, 3, cin, cout], 0, Math.sqrt(2 / (9 * cin)), 'float32', s++) as tf.Tensor4D;
      layers.push({ kind: 'conv', name: `block${b + 1}_conv${i + 1}`, kernel, bias: tf.zeros([cout]), padding: 'same', relu: true });
      cin = cout;
    });
  });
  return assembleVgg19(layers, CONTENT_LAYER, `${CONTENT_LAYER} (seeded random weights, for benchmarks and tests)`);
}
