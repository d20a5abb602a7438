/** Shared by the VGG tests: the CPU backend, writing the generated model to a folder, and a reference forward pass. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll } from 'vitest';
import type { TinyConv, TinyVgg } from './tiny-vgg';

/** Runs the file's tests on the CPU backend. */
export function useCpuBackend(): void {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });
}

/** Writes model.json and the shards of `model` into `dir`, leaving out the files named in `skip`. */
export function writeModel(model: TinyVgg, dir: string, skip: string[] = []): void {
  writeFileSync(join(dir, 'model.json'), model.modelJson);
  for (const [name, data] of model.files) {
    if (skip.includes(name)) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
}

/**
 * The generated VGG's output at `layer` computed from its raw weights with unfused tf ops, pools after each block,
 * caffe preprocessing written out by hand. x [N,H,W,3] in [-1,1].
 */
export function referenceForward(convs: TinyConv[], x: tf.Tensor4D, layer: string, reluLast: boolean): tf.Tensor4D {
  return tf.tidy(() => {
    const rgb255 = tf.mul(tf.add(x, 1), 127.5);
    const [r, g, b] = tf.split(rgb255, 3, 3);
    let h = tf.concat([tf.sub(b!, 103.939), tf.sub(g!, 116.779), tf.sub(r!, 123.68)], 3) as tf.Tensor4D;
    for (const c of convs) {
      const kernel = tf.tensor4d(c.kernel, [3, 3, c.cin, c.cout]);
      h = tf.add(tf.conv2d(h, kernel, 1, 'same'), tf.tensor1d(c.bias));
      const last = c.name === layer;
      if (!last || reluLast) h = tf.relu(h);
      if (last) return h;
      if (/conv2$/.test(c.name) && /^block[12]_/.test(c.name)) h = tf.maxPool(h, 2, 2, 'valid');
      if (/conv4$/.test(c.name)) h = tf.maxPool(h, 2, 2, 'valid');
    }
    throw new Error(`no layer ${layer}`);
  });
}
