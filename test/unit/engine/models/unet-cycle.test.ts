import { expect, it } from 'vitest';
import { unetCycle } from '../../../../src/main/engine/models/unet-cycle';
import { describeModelFamily, withNetwork } from './model-suite';

describeModelFamily(unetCycle, { size: 32, width: 0.125, patchStride: 8 }, () => {
  it('is a CycleGAN with a weight-clipped Wasserstein critic that reports the cycle image', () => {
    expect(unetCycle.cycle).toBe(true);
    expect(unetCycle.adversarial).toBe('wgan-clip');
    expect(unetCycle.losses).toContain('cycle');
    expect(unetCycle.previews).toEqual(['input', 'output', 'cycle']);
    expect(unetCycle.sizeMultiple).toBe(16);
  });

  it('has a ResNet-18 encoder: four residual layers of two blocks, 64/128/256/512 wide', () => {
    withNetwork(unetCycle.createGenerator, { width: 1, seed: 0 }, (g) => {
      const widths = [1, 2, 3, 4].map((k) => g.variables.get(`g/layer${k}/block2/conv2/kernel`)?.shape);
      expect(widths).toEqual([
        [3, 3, 64, 64],
        [3, 3, 128, 128],
        [3, 3, 256, 256],
        [3, 3, 512, 512],
      ]);
      const blockNames = [...g.variables.keys()].filter((k) => k.includes('/block'));
      const blocks = new Set(blockNames.map((k) => k.split('/').slice(1, 3).join('/')));
      expect(blocks.size).toBe(8);
    });
  });

  it('has a 70x70 PatchGAN critic of 4x4 convolutions', () => {
    withNetwork(unetCycle.createDiscriminator, { width: 1, seed: 0 }, (d) => {
      const kernels = [...d.variables].filter(([k]) => k.endsWith('kernel')).map(([, v]) => v.shape);
      expect(kernels).toEqual([
        [4, 4, 3, 64],
        [4, 4, 64, 128],
        [4, 4, 128, 256],
        [4, 4, 256, 512],
        [4, 4, 512, 1],
      ]);
      // Receptive field of k=4 layers with strides 2,2,2,1,1, computed back from one output unit.
      const strides = [2, 2, 2, 1, 1];
      const field = strides.reduceRight((r, s) => (r - 1) * s + 4, 1);
      expect(field).toBe(70);
    });
  });
});
