/** The WGAN-GP penalty: zero for a 1-Lipschitz critic, (k-1)²·λ for a linear critic of gradient norm k. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { clipWeights, gradientPenalty } from '../../../../src/main/engine/losses';
import { image, seededRandom, useCpuBackend, value } from './tensor-helpers';

useCpuBackend();

const rand = seededRandom(7);
const real = image([3, 4, 4, 3], () => rand() * 2 - 1);
const fake = image([3, 4, 4, 3], () => rand() * 2 - 1);
/** A unit-norm direction over one image. */
const direction = tf.tidy(() => {
  const w = image([1, 4, 4, 3], () => rand() - 0.5);
  return tf.div(w, tf.norm(w));
});
/** The linear critic D(x) = k·<w, x> with a 2x2 patch-map output, whose gradient norm is k everywhere. */
const linearCritic = (w: tf.Tensor, k: number) => (x: tf.Tensor4D) =>
  tf.tidy(() => {
    const score = tf.mul(k, tf.sum(tf.mul(x, w), [1, 2, 3]));
    // Spread the score over a patch map so the gradient of the map's sum is still k·w.
    return tf.mul(tf.reshape(score, [-1, 1, 1, 1]), tf.fill([1, 2, 2, 1], 0.25));
  });

describe('gradientPenalty', () => {
  it('is ~0 for a linear critic with unit-norm gradient', () => {
    expect(value(gradientPenalty(linearCritic(direction, 1), real, fake, 10, { seed: 1 }))).toBeLessThan(1e-8);
  });

  it('is λ·(k-1)² for a linear critic with gradient norm k', () => {
    expect(value(gradientPenalty(linearCritic(direction, 3), real, fake, 10, { seed: 1 }))).toBeCloseTo(40, 3);
    expect(value(gradientPenalty(linearCritic(direction, 0.5), real, fake, 2, { seed: 1 }))).toBeCloseTo(0.5, 4);
  });

  it('is large for a critic far from 1-Lipschitz, on its random interpolates', () => {
    // D(x) = 5·Σx² has gradient 10x, whose norm depends on where between real and fake the point falls.
    const gp = value(gradientPenalty((x) => tf.mul(5, tf.sum(tf.square(x), [1, 2, 3])), real, fake, 10, { seed: 3 }));
    expect(gp).toBeGreaterThan(100);
  });

  it('can be differentiated with respect to the critic: d/dw λ(‖w‖-1)² = 2λ(‖w‖-1)·w/‖w‖', () => {
    const w = tf.variable(tf.mul(direction, 2));
    const { value: gp, grads } = tf.variableGrads(() => gradientPenalty(linearCritic(w, 1), real, fake, 10, { seed: 1 }), [w]);
    expect(value(gp)).toBeCloseTo(10, 3);
    const expected = tf.mul(2 * 10 * (2 - 1), direction);
    expect(tf.max(tf.abs(tf.sub(grads[w.name]!, expected))).dataSync()[0]).toBeLessThan(1e-4);
    tf.dispose([w, expected, ...Object.values(grads)]);
  });
});

describe('clipWeights', () => {
  it('clamps every variable to [-c, c] in place', () => {
    const a = tf.variable(tf.tensor1d([-1, -0.005, 0, 0.2]));
    const b = tf.variable(tf.tensor2d([[0.3, -0.3]]));
    clipWeights([a, b], 0.01);
    expect(Array.from(a.dataSync())).toEqual([-0.01, -0.005, 0, 0.01].map(Math.fround));
    expect(Array.from(b.dataSync())).toEqual([0.01, -0.01].map(Math.fround));
    tf.dispose([a, b]);
  });
});
