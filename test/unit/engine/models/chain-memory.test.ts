/**
 * A chain frees its feature maps as it goes at inference, and only then: the output is the same as when a tidy
 * keeps everything, the peak memory is a fraction of it, no tensor is left behind, and gradients through a
 * chain (the generator in training, VGG inside the losses) are untouched.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../src/main/engine/backends';
import { getModel } from '../../../../src/main/engine/models/registry';

beforeAll(async () => {
  await selectBackend({ order: ['wasm'], wasmThreads: 1 });
});

async function peakOf(f: () => tf.Tensor): Promise<{ peak: number; values: Float32Array }> {
  const before = tf.memory().numBytes;
  const info = await tf.profile(() => tf.tidy(f));
  const y = info.result as tf.Tensor;
  const values = (await y.data()) as Float32Array;
  y.dispose();
  return { peak: info.peakBytes - before, values };
}

describe('chain at inference', () => {
  it('gives the same output in a fraction of the memory, and leaves no tensor behind', async () => {
    const g = getModel('animeganv2').createGenerator({ width: 0.25, seed: 3 });
    const x = tf.randomNormal([1, 64, 64, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
    const count = tf.memory().numTensors;
    const freeing = await peakOf(() => g.apply(x, false));
    expect(tf.memory().numTensors).toBe(count);
    // The same pass with every feature map kept: under a tape the chain frees nothing.
    const keeping = await peakOf(() => {
      let out: tf.Tensor | undefined;
      tf.grad((v: tf.Tensor) => {
        out = tf.keep(g.apply(v as tf.Tensor4D, false));
        return tf.sum(out);
      })(x).dispose();
      return out!;
    });
    expect(freeing.values).toEqual(keeping.values);
    expect(freeing.peak).toBeLessThan(keeping.peak / 5);
    tf.dispose(x);
    g.dispose();
  });

  it('keeps what the gradient needs while a tape records', () => {
    const g = getModel('lwcomic').createGenerator({ width: 0.25, seed: 2 });
    const x = tf.randomNormal([1, 32, 32, 3], 0, 1, 'float32', 9) as tf.Tensor4D;
    const grads = tf.variableGrads(() => tf.mean(tf.square(g.apply(x, false))) as tf.Scalar, [...g.variables.values()]);
    for (const v of Object.values(grads.grads)) expect(Number.isFinite(tf.tidy(() => v.sum().arraySync() as number))).toBe(true);
    tf.dispose([x, grads.value, ...Object.values(grads.grads)]);
    g.dispose();
  });
});
