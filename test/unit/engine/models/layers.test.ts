import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  activation,
  channelAttention,
  conv2d,
  initialValues,
  invertedResidual,
  padAmounts,
  ParamScope,
  residualBlock,
  stopGradient,
  upsampleBlock,
} from '../../../../src/main/engine/models/layers';
import { useCpuBackend } from './model-suite';

const run = (f: () => tf.Tensor): number[] => tf.tidy(() => [...f().dataSync()]);

describe('layers', () => {
  beforeAll(useCpuBackend);

  it('pads stride-2 convolutions so H/2 comes out, with the odd pixel where each source puts it', () => {
    expect(padAmounts(3, 1, 'end')).toEqual([1, 1]);
    expect(padAmounts(7, 1, 'end')).toEqual([3, 3]);
    expect(padAmounts(3, 2, 'end')).toEqual([0, 1]); // AnimeGANv2 generator: bottom/right
    expect(padAmounts(3, 2, 'start')).toEqual([1, 0]); // AnimeGAN discriminator: top/left
    expect(padAmounts(4, 2, 'end')).toEqual([1, 1]); // PatchGAN
    expect(padAmounts(1, 2, 'end')).toEqual([0, 0]);
  });

  it('reflect padding repeats the image inside the border; zero padding does not', () => {
    const scope = ParamScope.root('t', 0);
    const ones = { inChannels: 1, outChannels: 1, kernel: 3, init: { kind: 'constant', value: 1 } } as const;
    const reflect = conv2d(scope, 'r', { ...ones, padding: 'reflect' });
    const zero = conv2d(scope, 'z', { ...ones, padding: 'zero' });
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    // Top-left output: the 3x3 sum around pixel 1 with the border mirrored (5 2 5 / 4 1 4 / 5 2 5) or zeroed.
    expect(run(() => reflect(x, false))[0]).toBe(5 + 2 + 5 + 4 + 1 + 4 + 5 + 2 + 5);
    expect(run(() => zero(x, false))[0]).toBe(1 + 2 + 4 + 5);
    x.dispose();
    scope.disposeAll();
  });

  it('adds a bias only when asked and names variables under the scope path', () => {
    const scope = ParamScope.root('g', 0).child('A');
    conv2d(scope, 'c1', { inChannels: 3, outChannels: 8, kernel: 3 });
    conv2d(scope, 'c2', { inChannels: 8, outChannels: 3, kernel: 1, bias: true });
    expect([...scope.variables.keys()]).toEqual(['g/A/c1/kernel', 'g/A/c2/kernel', 'g/A/c2/bias']);
    expect(() => conv2d(scope, 'c1', { inChannels: 3, outChannels: 8, kernel: 3 })).toThrow(/defined twice/);
    scope.disposeAll();
  });

  it('draws He weights with the right spread, reproducibly per seed and name', () => {
    const a = initialValues({ kind: 'he' }, 20_000, { fanIn: 50, fanOut: 50 }, 1, 'x');
    const std = Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
    expect(std).toBeCloseTo(Math.sqrt(2 / 50), 2);
    expect(Math.max(...a.map(Math.abs))).toBeLessThanOrEqual((2 * Math.sqrt(2 / 50)) / 0.8796256610342398 + 1e-6);
    expect(initialValues({ kind: 'he' }, 100, { fanIn: 50, fanOut: 50 }, 1, 'x')).toEqual(a.slice(0, 100));
    expect(initialValues({ kind: 'he' }, 100, { fanIn: 50, fanOut: 50 }, 1, 'y')).not.toEqual(a.slice(0, 100));
    expect(initialValues({ kind: 'he' }, 100, { fanIn: 50, fanOut: 50 }, 2, 'x')).not.toEqual(a.slice(0, 100));
  });

  it('LeakyReLU has slope 0.2 below zero, and tanh bounds the output', () => {
    const x = tf.tensor4d([-2, -0.5, 0, 3], [1, 1, 4, 1]);
    run(() => activation('lrelu')(x, false)).forEach((v, i) => expect(v).toBeCloseTo([-0.4, -0.1, 0, 3][i]!, 6));
    expect(run(() => activation('tanh')(tf.mul(x, 100), false))).toEqual([-1, -1, 0, 1]);
    x.dispose();
  });

  it('stopGradient passes values and blocks gradients', () => {
    const x = tf.scalar(3);
    const g = tf.grad((v: tf.Tensor) => tf.add(tf.mul(v, v), stopGradient(tf.mul(v, v))))(x);
    expect(g.dataSync()[0]).toBe(6);
    tf.dispose([x, g]);
  });

  it('channel attention scales each channel by sigmoid(MLP(avg) + MLP(max)) and floors the bottleneck at 1', () => {
    const scope = ParamScope.root('t', 0);
    const attend = channelAttention(scope, 'ca', 8);
    expect(scope.variables.get('t/ca/fc1/kernel')?.shape).toEqual([8, 1]);
    const x = tf.randomNormal([2, 4, 4, 8], 0, 1, 'float32', 1) as tf.Tensor4D;
    const ratio = tf.tidy(() => tf.div(attend(x, false), x));
    const r = ratio.arraySync() as number[][][][];
    // One weight per sample and channel, the same at every pixel, inside (0, 1).
    for (const [n, c] of [[0, 0], [1, 5]] as const) {
      const w = r[n]![0]![0]![c]!;
      expect(w).toBeGreaterThan(0);
      expect(w).toBeLessThan(1);
      expect(r[n]![3]![2]![c]!).toBeCloseTo(w, 5);
    }
    tf.dispose([x, ratio]);
    scope.disposeAll();
  });

  it('inverted residual block expands by 2 and adds its input only when the width is kept', () => {
    const scope = ParamScope.root('t', 0);
    const widen = invertedResidual(scope, 'r1', { inChannels: 4, outChannels: 8, expansion: 2, norm: 'layer' });
    const keep = invertedResidual(scope, 'r2', { inChannels: 8, outChannels: 8, expansion: 2, norm: 'layer' });
    expect(scope.variables.get('t/r1/dw/kernel')?.shape).toEqual([3, 3, 8, 1]);
    expect(scope.variables.get('t/r2/expand/conv/kernel')?.shape).toEqual([1, 1, 8, 16]);
    const x = tf.randomNormal([1, 8, 8, 4], 0, 1, 'float32', 2) as tf.Tensor4D;
    const shapes = tf.tidy(() => {
      const y = widen(x, false);
      // Zeroing the projection's layer-norm scale and offset silences the body: only the skip remains.
      scope.variables.get('t/r2/project/norm/gamma')!.assign(tf.zeros([8]));
      const z = keep(y, false);
      return [y.shape, tf.max(tf.abs(tf.sub(z, y))).dataSync()[0]] as const;
    });
    expect(shapes[0]).toEqual([1, 8, 8, 8]);
    expect(shapes[1]).toBe(0);
    x.dispose();
    scope.disposeAll();
  });

  it('residual blocks project the shortcut when they halve the size or change the width', () => {
    const scope = ParamScope.root('t', 0);
    const down = residualBlock(scope, 'b', { inChannels: 4, outChannels: 8, stride: 2, norm: 'instance', act: 'relu', padding: 'zero' });
    expect(scope.variables.get('t/b/shortcut/conv/kernel')?.shape).toEqual([1, 1, 4, 8]);
    const same = residualBlock(scope, 's', { inChannels: 4, outChannels: 4, norm: 'lin', act: 'lrelu' });
    expect([...scope.variables.keys()].some((k) => k.startsWith('t/s/shortcut'))).toBe(false);
    const x = tf.zeros([1, 8, 8, 4]) as tf.Tensor4D;
    expect(tf.tidy(() => down(x, false).shape)).toEqual([1, 4, 4, 8]);
    expect(tf.tidy(() => same(x, false).shape)).toEqual([1, 8, 8, 4]);
    x.dispose();
    scope.disposeAll();
  });

  it('up-samples 2x by resize then convolution', () => {
    const scope = ParamScope.root('t', 0);
    const up = upsampleBlock(scope, 'u', { inChannels: 4, outChannels: 2, kernel: 3, padding: 'reflect', norm: 'layer', act: 'lrelu' });
    const x = tf.randomNormal([1, 3, 5, 4]) as tf.Tensor4D;
    expect(tf.tidy(() => up(x, false).shape)).toEqual([1, 6, 10, 2]);
    x.dispose();
    scope.disposeAll();
  });
});
