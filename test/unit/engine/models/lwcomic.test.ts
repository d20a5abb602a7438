import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { lwcomic } from '../../../../src/main/engine/models/lwcomic';
import { describeModelFamily, withNetwork } from './model-suite';

describeModelFamily(lwcomic, { size: 32, width: 0.125, patchStride: 4 }, () => {
  it('normalises its four residual blocks with LIN (scale, offset and a mix per channel)', () => {
    withNetwork(lwcomic.createGenerator, { width: 0.25, seed: 0 }, (g) => {
      const mixes = [...g.variables.keys()].filter((k) => k.endsWith('/rho_logit'));
      // in, down1, down2, 4 blocks x 2, up1, up2.
      expect(mixes).toHaveLength(13);
      expect(mixes.filter((k) => k.startsWith('g/res'))).toHaveLength(8);
    });
  });

  it('is a WGAN-GP model whose critic supports the double backpropagation the gradient penalty needs', () => {
    expect(lwcomic.adversarial).toBe('wgan-gp');
    withNetwork(lwcomic.createDiscriminator, { width: 0.125, seed: 0 }, (d) => {
      const kernels = [...d.variables].filter(([name]) => name.endsWith('/kernel'));
      const withoutGradient = tf.tidy(() => {
        const x = tf.randomUniform([2, 16, 16, 3], -1, 1, 'float32', 1);
        const { grads } = tf.variableGrads(
          () => {
            // The WGAN-GP penalty: (|dD/dx| - 1)^2, differentiated again with respect to the critic's weights.
            const dx = tf.grad((input: tf.Tensor) => tf.sum(d.apply(input as tf.Tensor4D, true)))(x);
            const norms = tf.sqrt(tf.sum(tf.square(dx), [1, 2, 3]));
            return tf.mean(tf.square(tf.sub(norms, 1))) as tf.Scalar;
          },
          kernels.map(([, v]) => v),
        );
        return kernels.filter(([, v]) => !grads[v.name] || tf.max(tf.abs(grads[v.name]!)).dataSync()[0] === 0);
      });
      expect(withoutGradient.map(([name]) => name)).toEqual([]);
    });
  });
});
