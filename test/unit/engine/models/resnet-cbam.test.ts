import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { resnetCbam } from '../../../../src/main/engine/models/resnet-cbam';
import { describeModelFamily, withNetwork } from './model-suite';

describeModelFamily(resnetCbam, { size: 16, width: 0.125, patchStride: 4 }, () => {
  it('puts channel attention on each of its 8 residual blocks, reduction 16', () => {
    withNetwork(resnetCbam.createGenerator, { width: 1, seed: 0 }, (g) => {
      const attention = [...g.variables].filter(([k]) => k.includes('/attention/fc1/kernel'));
      expect(attention).toHaveLength(8);
      for (const [, v] of attention) expect(v.shape).toEqual([256, 16]);
    });
  });

  it('trains with the BCE (log-likelihood) loss of its paper and reports adv and con', () => {
    expect(resnetCbam.adversarial).toBe('bce');
    expect(resnetCbam.losses).toEqual(['adv', 'con']);
  });

  it('floors the attention bottleneck at one unit at tiny widths', () => {
    withNetwork(resnetCbam.createGenerator, { width: 0.05, seed: 0 }, (g) => {
      expect(g.variables.get('g/res1/attention/fc1/kernel')?.shape).toEqual([13, 1]);
      const shape = tf.tidy(() => g.apply(tf.zeros([1, 8, 8, 3]), false).shape);
      expect(shape).toEqual([1, 8, 8, 3]);
    });
  });
});
