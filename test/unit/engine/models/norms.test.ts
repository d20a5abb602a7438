import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { instanceNorm, layerNorm, lin, ParamScope } from '../../../../src/main/engine/models/layers';
import { useCpuBackend } from './model-suite';

/** A batch whose samples and channels have very different scales, so the normalisations disagree. */
function skewed(): tf.Tensor4D {
  return tf.tidy(() => {
    const x = tf.randomNormal([2, 4, 5, 3], 0, 1, 'float32', 11);
    return tf.add(tf.mul(x, tf.tensor1d([1, 20, 1])), tf.tensor4d([0, 10], [2, 1, 1, 1]));
  });
}

const stats = (y: tf.Tensor4D, axes: number[]): { mean: number[]; variance: number[] } =>
  tf.tidy(() => {
    const m = tf.moments(y, axes);
    return { mean: [...m.mean.dataSync()], variance: [...m.variance.dataSync()] };
  });

describe('normalisations', () => {
  beforeAll(useCpuBackend);

  it('layer norm (AnimeGANv2) normalises each sample over H, W and C together, scale and offset per channel', () => {
    const scope = ParamScope.root('t', 0);
    const apply = layerNorm(scope, 'ln', 3);
    expect([...scope.variables.keys()]).toEqual(['t/ln/gamma', 't/ln/beta']);
    expect(scope.variables.get('t/ln/gamma')?.shape).toEqual([3]);
    const y = tf.tidy(() => apply(skewed(), false));
    const perSample = stats(y, [1, 2, 3]);
    perSample.mean.forEach((m) => expect(m).toBeCloseTo(0, 5));
    // 1 up to the variance floor NORM_EPS = 1e-3.
    perSample.variance.forEach((v) => expect(v).toBeCloseTo(1, 2));
    // Channels keep their relative scales: layer norm does not equalise them (that is instance norm's job).
    const perChannel = stats(y, [0, 1, 2]).variance;
    expect(perChannel[1]! / perChannel[2]!).toBeGreaterThan(20);
    y.dispose();
    scope.disposeAll();
  });

  it('instance norm zero-means every sample and channel over H, W', () => {
    const scope = ParamScope.root('t', 0);
    const apply = instanceNorm(scope, 'in', 3);
    // One row per (sample, channel) pair, so moments over the rest are per-instance statistics.
    const y = tf.tidy(() => {
      const perInstance = tf.transpose(apply(skewed(), false), [0, 3, 1, 2]);
      return tf.reshape(perInstance, [6, 20, 1, 1]) as tf.Tensor4D;
    });
    const s = stats(y, [1, 2, 3]);
    s.mean.forEach((m) => expect(m).toBeCloseTo(0, 5));
    s.variance.forEach((v) => expect(v).toBeCloseTo(1, 2));
    y.dispose();
    scope.disposeAll();
  });

  it('LIN starts as the even mix of instance and layer norm, and its mix stays within [0, 1]', () => {
    const scope = ParamScope.root('t', 0);
    const apply = lin(scope, 'lin', 3);
    const inScope = ParamScope.root('i', 0);
    const lnScope = ParamScope.root('l', 0);
    const [inNorm, lnNorm] = [instanceNorm(inScope, 'n', 3), layerNorm(lnScope, 'n', 3)];
    const x = skewed();
    const gap = (rhoLogit: number): number =>
      tf.tidy(() => {
        scope.variables.get('t/lin/rho_logit')!.assign(tf.fill([3], rhoLogit));
        const rho = 1 / (1 + Math.exp(-rhoLogit));
        const expected = tf.add(tf.mul(rho, inNorm(x, false)), tf.mul(1 - rho, lnNorm(x, false)));
        return tf.max(tf.abs(tf.sub(apply(x, false), expected))).dataSync()[0]!;
      });
    expect(gap(0)).toBeLessThan(1e-5);
    // Far out logits give pure instance norm and pure layer norm: the mix cannot leave [0, 1].
    expect(gap(40)).toBeLessThan(1e-5);
    expect(gap(-40)).toBeLessThan(1e-5);
    x.dispose();
    [scope, inScope, lnScope].forEach((s) => s.disposeAll());
  });
});
