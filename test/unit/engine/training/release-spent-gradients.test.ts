import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { releaseSpentGradients } from '../../../../src/main/engine/training/release-spent-gradients';

const values = (shape: number[], seed: number): tf.Tensor => {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + seed) * 0.8), shape);
};

/** A net with what backprop must get right: a tensor used by two ops, one op using a tensor twice, a norm. */
function net(x: tf.Tensor4D, w: tf.Tensor4D): tf.Scalar {
  const h = tf.conv2d(x, w, 1, 'same');
  const mean = tf.mean(h, [1, 2], true);
  const centred = tf.sub(h, mean);
  const normed = tf.div(centred, tf.sqrt(tf.add(tf.mean(tf.square(centred), [1, 2], true), 1e-5)));
  const y = tf.add(tf.mul(normed, normed), tf.tanh(h));
  return tf.sum(tf.mul(y, tf.sigmoid(normed)));
}

/** Gradients of `net` for x [2,8,8,3], w [3,3,3,4]; with a gradient penalty (a gradient inside f) if asked. */
function gradientsOf(penalty: boolean, dy?: tf.Scalar): Float32Array[] {
  return tf.tidy(() => {
    const x = values([2, 8, 8, 3], 1) as tf.Tensor4D;
    const w = values([3, 3, 3, 4], 2) as tf.Tensor4D;
    const f = (xv: tf.Tensor, wv: tf.Tensor): tf.Scalar => {
      const loss = net(xv as tf.Tensor4D, wv as tf.Tensor4D);
      if (!penalty) return loss;
      const inner = tf.grad((xi: tf.Tensor) => net(xi as tf.Tensor4D, wv as tf.Tensor4D))(xv);
      return tf.add(loss, tf.sum(tf.square(inner)));
    };
    return tf.grads(f)([x, w], dy).map((g) => Float32Array.from(g.dataSync()));
  });
}

/** numBytes of live tensors at the moment backprop reaches the first op of a chain of `depth` tanh ops. */
function bytesAtEndOfBackprop(depth: number): number {
  let seen = 0;
  const probe = tf.customGrad((x) => ({
    value: tf.clone(x as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => {
      seen = tf.memory().numBytes;
      return tf.clone(dy);
    },
  }));
  const x = tf.ones([64, 64, 16]);
  const before = tf.memory().numBytes;
  tf.tidy(() =>
    tf.grad((v: tf.Tensor) => {
      let h = probe(v) as tf.Tensor;
      for (let i = 0; i < depth; i++) h = tf.tanh(h);
      return tf.sum(h);
    })(x),
  );
  x.dispose();
  return seen - before;
}

describe('releaseSpentGradients', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterEach(() => releaseSpentGradients()());

  it('leaves gradients exactly as tfjs computes them, with and without a gradient inside f', () => {
    for (const penalty of [false, true]) {
      const want = gradientsOf(penalty);
      releaseSpentGradients();
      const got = gradientsOf(penalty);
      got.forEach((g, i) => expect(Array.from(g)).toEqual(Array.from(want[i]!)));
      releaseSpentGradients()();
    }
  });

  it("never frees the caller's dy and leaks no tensor", () => {
    releaseSpentGradients();
    const dy = tf.scalar(2);
    const before = tf.memory().numTensors;
    gradientsOf(false, dy);
    expect(tf.memory().numTensors).toBe(before);
    expect(dy.isDisposed).toBe(false);
    expect(dy.dataSync()[0]).toBe(2);
    dy.dispose();
  });

  it('bounds backprop memory by a few tensors instead of two per op', () => {
    const tensor = 64 * 64 * 16 * 4;
    const kept = bytesAtEndOfBackprop(24);
    releaseSpentGradients();
    const released = bytesAtEndOfBackprop(24);
    // tfjs alone: each tanh's saved output and its gradient; released: the last gradients only.
    expect(kept).toBeGreaterThan(40 * tensor);
    expect(released).toBeLessThanOrEqual(4 * tensor);
  });

  it('is idempotent and can be undone', () => {
    const undo = releaseSpentGradients();
    expect(releaseSpentGradients()).toBe(undo);
    undo();
    expect(releaseSpentGradients()).not.toBe(undo);
  });
});
