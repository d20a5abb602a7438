import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ParamScope, spectralNorm } from '../../../../src/main/engine/models/layers';
import { useCpuBackend } from './model-suite';

/** Largest singular value of a small matrix by many power iterations in float64. */
function largestSingularValue(w: number[][]): number {
  let v = w[0]!.map(() => 1);
  for (let it = 0; it < 500; it++) {
    const u = w.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0));
    const next = v.map((_, j) => w.reduce((s, row, i) => s + row[j]! * u[i]!, 0));
    const n = Math.hypot(...next);
    v = next.map((x) => x / n);
  }
  return Math.hypot(...w.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0)));
}

describe('spectral norm', () => {
  beforeAll(useCpuBackend);

  it('keeps its vector u [1, out] as state, not as a trainable variable', () => {
    const scope = ParamScope.root('d', 3);
    const kernel = scope.weight('k', [3, 3, 2, 4], { kind: 'normal', std: 1 });
    spectralNorm(scope, kernel);
    expect([...scope.state.keys()]).toEqual(['d/u']);
    expect(scope.state.get('d/u')?.trainable).toBe(false);
    expect(scope.state.get('d/u')?.shape).toEqual([1, 4]);
    scope.disposeAll();
  });

  it('does one power-iteration step per training call and converges to the largest singular value', () => {
    const scope = ParamScope.root('d', 3);
    const kernel = scope.weight('k', [2, 2, 2, 3], { kind: 'normal', std: 1 });
    const normalised = spectralNorm(scope, kernel);
    const u = scope.state.get('d/u')!;
    const sigma = (training: boolean): number =>
      tf.tidy(() => tf.div(tf.max(tf.abs(kernel)), tf.max(tf.abs(normalised(training)))).dataSync()[0]!);
    const w = tf.tidy(() => tf.reshape(kernel, [8, 3]).arraySync() as number[][]);

    const u0 = [...u.dataSync()];
    sigma(false);
    expect([...u.dataSync()]).toEqual(u0);
    sigma(true);
    const u1 = [...u.dataSync()];
    expect(u1).not.toEqual(u0);
    expect(Math.hypot(...u1)).toBeCloseTo(1, 5);
    for (let i = 0; i < 50; i++) sigma(true);
    expect(sigma(false)).toBeCloseTo(largestSingularValue(w), 3);
    scope.disposeAll();
  });

  it('passes gradients to the kernel but not through the power-iteration vectors', () => {
    const scope = ParamScope.root('d', 3);
    const kernel = scope.weight('k', [1, 1, 3, 2], { kind: 'normal', std: 1 });
    const normalised = spectralNorm(scope, kernel);
    for (let i = 0; i < 100; i++) tf.tidy(() => normalised(true));
    // With u, v held fixed, d sigma / dW = v^T u (Miyato et al.), so for L = sum(W / sigma):
    // dL/dW = 1 / sigma - sum(W) / sigma^2 * v^T u. A gradient through u and v would add more terms.
    const u = scope.state.get('d/u')!;
    const { grads } = tf.variableGrads(() => tf.sum(normalised(false)) as tf.Scalar, [kernel]);
    const gap = tf.tidy(() => {
      const w = tf.reshape(kernel, [3, 2]) as tf.Tensor2D;
      const v = tf.div(tf.matMul(u, w, false, true), tf.norm(tf.matMul(u, w, false, true)));
      const sigma = tf.sum(tf.mul(tf.matMul(v, w), u));
      const outer = tf.matMul(v, u, true, false);
      const expected = tf.sub(tf.div(tf.onesLike(w), sigma), tf.mul(tf.div(tf.sum(w), tf.square(sigma)), outer));
      return tf.max(tf.abs(tf.sub(tf.reshape(grads[kernel.name]!, [3, 2]), expected))).dataSync()[0]!;
    });
    expect(gap).toBeLessThan(1e-5);
    tf.dispose(Object.values(grads));
    scope.disposeAll();
  });
});
