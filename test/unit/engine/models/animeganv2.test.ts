import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { animeganv2 } from '../../../../src/main/engine/models/animeganv2';
import { describeModelFamily, withNetwork } from './model-suite';

describeModelFamily(animeganv2, { size: 32, width: 0.125, patchStride: 4 }, () => {
  it('has exactly the official generator size at width 1: 2,143,552 parameters (8.6 MB)', () => {
    withNetwork(animeganv2.createGenerator, { width: 1, seed: 0 }, (g) => {
      expect(g.paramCount()).toBe(2_143_552);
      // The four IRBs of block C: 102,400 for the first (128 -> 256), 269,824 for each 256 -> 256.
      const irb = (r: string): number =>
        [...g.variables].filter(([k]) => k.startsWith(`g/C/${r}/`)).reduce((n, [, v]) => n + v.size, 0);
      expect([irb('r1'), irb('r2'), irb('r3'), irb('r4')]).toEqual([102_400, 269_824, 269_824, 269_824]);
      expect(g.state.size).toBe(0);
    });
  });

  it('has the official discriminator size at width 1: 1,128,800 parameters with spectral norm on all 7 kernels', () => {
    withNetwork(animeganv2.createDiscriminator, { width: 1, seed: 0 }, (d) => {
      expect(d.paramCount()).toBe(1_128_800);
      expect([...d.state.keys()]).toHaveLength(7);
      expect([...d.state.keys()].every((k) => k.endsWith('/u'))).toBe(true);
    });
  });

  it('uses layer norm with one scale and offset per channel and no conv biases outside the depthwise convs', () => {
    withNetwork(animeganv2.createGenerator, { width: 0.25, seed: 0 }, (g) => {
      const names = [...g.variables.keys()];
      expect(names.filter((k) => k.endsWith('/bias')).every((k) => k.includes('/dw/'))).toBe(true);
      expect(g.variables.get('g/A/conv1/norm/gamma')?.shape).toEqual([8]);
      expect(g.variables.get('g/A/conv1/conv/kernel')?.shape).toEqual([7, 7, 3, 8]);
      expect(g.variables.get('g/C/r2/dw/kernel')?.shape).toEqual([3, 3, 128, 1]);
    });
  });

  it('maps a non-square input to the same non-square shape', () => {
    withNetwork(animeganv2.createGenerator, { width: 0.125, seed: 0 }, (g) => {
      const shape = tf.tidy(() => g.apply(tf.zeros([1, 16, 24, 3]), false).shape);
      expect(shape).toEqual([1, 16, 24, 3]);
    });
  });
});
