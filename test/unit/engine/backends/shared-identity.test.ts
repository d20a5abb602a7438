import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectWasmMatchesCpu, random, relativeError, useWasm } from './kernel-harness';

/** Gradients of a small conv/tanh/mul net: every saved tensor goes through Identity. */
async function netGradients(backend: string): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const x = tf.tensor4d(random([2, 9, 9, 4], 1).values, [2, 9, 9, 4]);
    const w1 = tf.tensor4d(random([3, 3, 4, 6], 2).values, [3, 3, 4, 6]);
    const w2 = tf.tensor4d(random([3, 3, 6, 3], 3).values, [3, 3, 6, 3]);
    const f = (xv: tf.Tensor, a: tf.Tensor, b: tf.Tensor): tf.Scalar => {
      const h = tf.tanh(tf.conv2d(xv as tf.Tensor4D, a as tf.Tensor4D, 2, 'same'));
      const y = tf.conv2d(tf.mul(h, h) as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid');
      return tf.sum(tf.mul(y, tf.sigmoid(y)));
    };
    return tf.grads(f)([x, w1, w2]).map((g) => Float32Array.from(g.dataSync()));
  });
}

describe('Identity on wasm (a shared reference, not a copy)', () => {
  beforeAll(useWasm);

  it('equals the cpu backend', async () => {
    await expectWasmMatchesCpu('Identity', { x: random([2, 5, 7, 3], 4) }, {}, 1e-12);
  });

  it('allocates no heap buffer, and the clone outlives its source', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor(random([64, 64, 8], 5).values, [64, 64, 8]);
    const want = Float32Array.from(x.dataSync());
    const buffers = tf.memory().numDataBuffers;
    const clones = Array.from({ length: 10 }, () => tf.clone(x));
    expect(tf.memory().numDataBuffers).toBe(buffers);
    x.dispose();
    expect(relativeError(clones[9]!.dataSync() as Float32Array, want)).toBe(0);
    tf.dispose(clones);
    expect(tf.memory().numDataBuffers).toBe(buffers - 1);
  });

  it('still clones string tensors', async () => {
    await tf.setBackend('wasm');
    const s = tf.tensor(['a', 'bc'], [2]);
    const c = tf.clone(s);
    s.dispose();
    expect(c.dataSync()).toEqual(['a', 'bc']);
    c.dispose();
  });

  it('leaves gradients (which save tensors through Identity) equal to the cpu backend', async () => {
    const cpu = await netGradients('cpu');
    const wasm = await netGradients('wasm');
    cpu.forEach((want, i) => expect(relativeError(wasm[i]!, want)).toBeLessThan(1e-5));
  });
});
