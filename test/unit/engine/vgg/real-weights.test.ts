/**
 * loadVgg19 on the real Keras ImageNet VGG19 fixture in ../shared/weights, whose folder holds only block1..block3
 * (skipped with a message when ../shared is absent; CI=true makes that a failure). Proves the partial load, the
 * fallback feature layer, the caffe preprocessing and the convolution against a computation that shares nothing
 * with the loader: the shard's bytes read by hand and a plain loop over a real photo.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentAndStyleLoss, contentLoss } from '../../../../src/main/engine/losses';
import { loadVgg19, type Vgg19 } from '../../../../src/main/engine/vgg';
import { sharedPath } from '../../../support/shared-assets';
import { useCpuBackend } from './vgg-helpers';

useCpuBackend();

const weights = sharedPath('weights/vgg19-keras-tfjs-block1-3');
const photos = sharedPath('corpus/photos');

/** A corpus photo resized to size x size: raw RGB bytes and the [1,size,size,3] tensor in [-1,1]. */
async function photo(name: string, size: number): Promise<{ rgb: Uint8Array; x: tf.Tensor4D }> {
  const { data } = await sharp(join(photos!, name)).resize(size, size, { fit: 'cover' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const rgb = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return { rgb, x: tf.tidy(() => tf.sub(tf.div(tf.tensor4d(Float32Array.from(rgb), [1, size, size, 3]), 127.5), 1)) };
}

describe.skipIf(!weights || !photos)('VGG19 from the real partial Keras weights', () => {
  let vgg: Vgg19;
  beforeAll(async () => {
    vgg = await loadVgg19(weights!);
  });
  afterAll(() => vgg?.dispose());

  it('holds block1_conv1 .. block3_conv4 and the pools, and falls back to block3_conv4 with a note', () => {
    expect(vgg.layers).toEqual([
      'block1_conv1', 'block1_conv2', 'block1_pool',
      'block2_conv1', 'block2_conv2', 'block2_pool',
      'block3_conv1', 'block3_conv2', 'block3_conv3', 'block3_conv4', 'block3_pool',
    ]);
    expect(vgg.deepest).toBe('block3_pool');
    expect(vgg.featureLayer).toBe('block3_conv4');
    expect(vgg.note).toMatch(/^block3_conv4 stands in for block4_conv4/);
    expect(vgg.note).toMatch(/end before block4_conv1\./);
    expect(vgg.missing).toEqual(['group9-shard1of2', 'group9-shard2of2']);
  });

  it('gives [N,16,16,256] features for a 64x64 input, [N,H/8,W/8,256] at block3_pool', () => {
    const x = tf.zeros([1, 64, 64, 3]) as tf.Tensor4D;
    const small = tf.zeros([2, 16, 32, 3]) as tf.Tensor4D;
    tf.tidy(() => {
      expect(vgg.features(x).shape).toEqual([1, 16, 16, 256]);
      expect(vgg.features(small, { layer: 'block3_pool' }).shape).toEqual([2, 2, 4, 256]);
    });
    tf.dispose([x, small]);
  });

  it('computes block1_conv1 on a real photo as the shard\'s own kernel does, with caffe BGR preprocessing', async () => {
    const size = 48;
    const { rgb, x } = await photo('skimage_astronaut.jpg', size);
    // The shard, read independently: 3x3x3x64 float32 kernel (HWIO) then 64 biases, little-endian.
    const shard = readFileSync(join(weights!, 'group1-shard1of1'));
    const floats = new Float32Array(shard.buffer.slice(shard.byteOffset, shard.byteOffset + shard.byteLength));
    expect(floats.length).toBe(3 * 3 * 3 * 64 + 64);
    const kernel = floats.subarray(0, 1728);
    const bias = floats.subarray(1728);
    const mean = [103.939, 116.779, 123.68]; // B, G, R
    const bgr = (y: number, xx: number, c: number): number =>
      y < 0 || xx < 0 || y >= size || xx >= size ? 0 : rgb[(y * size + xx) * 3 + (2 - c)]! - mean[c]!;

    // A plain loop with zero 'same' padding, sharing nothing with the loader.
    const expected = new Float32Array(size * size * 64);
    for (let y = 0; y < size; y++) {
      for (let xx = 0; xx < size; xx++) {
        for (let o = 0; o < 64; o++) {
          let sum = bias[o]!;
          for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) for (let c = 0; c < 3; c++) sum += kernel[((dy * 3 + dx) * 3 + c) * 64 + o]! * bgr(y + dy - 1, xx + dx - 1, c);
          expected[(y * size + xx) * 64 + o] = sum;
        }
      }
    }
    const pre = vgg.features(x, { layer: 'block1_conv1' });
    const post = vgg.features(x, { layer: 'block1_conv1', relu: true });
    const got = pre.dataSync();
    const scale = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(scale).toBeGreaterThan(10); // a real response, not zeros
    let worst = 0;
    for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i]! - expected[i]!));
    expect(worst / scale).toBeLessThan(1e-4);
    const relu = post.dataSync();
    for (let i = 0; i < relu.length; i += 97) expect(relu[i]).toBeCloseTo(Math.max(0, expected[i]!), 2);

    // And the same as a direct tf.conv2d with that kernel on the hand-preprocessed input.
    const direct = tf.tidy(() => {
      const input = tf.tensor4d(Float32Array.from({ length: size * size * 3 }, (_, i) => bgr(Math.floor(i / 3 / size), Math.floor(i / 3) % size, i % 3)), [1, size, size, 3]);
      return tf.add(tf.conv2d(input, tf.tensor4d(kernel, [3, 3, 3, 64]), 1, 'same'), tf.tensor1d(bias));
    });
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(direct, pre))).dataSync()[0]!) / scale).toBeLessThan(1e-4);
    tf.dispose([x, pre, post, direct]);
  });

  it('answers the same input with the same features every time', async () => {
    const { x } = await photo('skimage_coffee.jpg', 32);
    const a = vgg.features(x);
    const b = vgg.features(x);
    expect(Buffer.from(a.dataSync().buffer).equals(Buffer.from(b.dataSync().buffer))).toBe(true);
    tf.dispose([x, a, b]);
  });

  it('sees a lightly noisy copy of a photo as much closer than another photo', async () => {
    const { x: cat } = await photo('skimage_chelsea.jpg', 32);
    const { x: coffee } = await photo('skimage_coffee.jpg', 32);
    const noisy = tf.tidy(() => tf.clipByValue(tf.add(cat, tf.randomNormal(cat.shape, 0, 0.03, 'float32', 4)), -1, 1)) as tf.Tensor4D;
    const near = tf.tidy(() => contentLoss(vgg, cat, noisy).dataSync()[0]!);
    const far = tf.tidy(() => contentLoss(vgg, cat, coffee).dataSync()[0]!);
    expect(near * 3).toBeLessThan(far);
    tf.dispose([cat, coffee, noisy]);
  });

  it('keeps the tensor count flat over repeated content + style loss and gradient steps through it', async () => {
    // 16x16: backpropagating through VGG on the CPU backend costs ~20x its forward pass.
    const { x: photoX } = await photo('skimage_astronaut.jpg', 16);
    const { x: style } = await photo('skimage_chelsea.jpg', 16);
    const kernel = tf.variable(tf.randomNormal([3, 3, 3, 3], 0, 0.1, 'float32', 5));
    const step = (): number =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          const out = tf.tanh(tf.add(photoX, tf.conv2d(photoX, kernel as tf.Tensor4D, 1, 'same'))) as tf.Tensor4D;
          const { con, gra } = contentAndStyleLoss(vgg, photoX, out, style);
          return tf.add(tf.mul(1.5, con), tf.mul(3, gra)) as tf.Scalar;
        }, [kernel]);
        expect(tf.norm(grads[kernel.name]!).dataSync()[0]).toBeGreaterThan(0);
        return value.dataSync()[0]!;
      });
    step();
    const before = tf.memory().numTensors;
    expect(Number.isFinite(step())).toBe(true);
    expect(Number.isFinite(step())).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([photoX, style, kernel]);
  });
});
