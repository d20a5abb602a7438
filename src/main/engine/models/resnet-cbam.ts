/**
 * ResNet + channel-attention GAN (Tan 2024, "AI Digital Anime Style Generation Algorithm Based on
 * Adversarial Generative Network", ICCSIE 2024, https://doi.org/10.1145/3689236.3689257).
 *
 * The paper builds on CartoonGAN (Chen et al. 2018) and states: residual blocks in G and D against vanishing
 * gradients (Sec. 2.2, Eq. 4-5), a 7x7 block to extract features, 3x3 blocks to reduce the size, 7x7/3x3
 * up-sampling blocks, ReLU in the generator, CBAM channel attention (Eq. 7) to keep detail, an L1 content loss
 * (Eq. 6), and a discriminator with a 5x5 encoder, 3x3 residual blocks and sigmoid output. Its Fig. 2 (the
 * widths) is not in the text, so the generator follows CartoonGAN's layout and widths:
 *   conv7x7 64 | conv3x3/2 128, conv3x3 128 | conv3x3/2 256, conv3x3 256 | 8 x res(256) with channel attention
 *   | up 128, conv3x3 128 | up 64, conv3x3 64 | conv7x7 3 + bias, tanh
 * with a normalisation + ReLU after every convolution but the last, reflect padding, resize-convolution
 * up-sampling instead of transposed convolutions, and CBAM channel attention on each residual branch before the
 * sum (CBAM's own placement).
 * The paper does not name its normalisation; we use AnimeGANv2's layer norm rather than CartoonGAN's instance
 * norm, for three reasons: AnimeGANv2 (Chen et al. 2020) finds instance norm causes high-frequency artefacts; after an
 * instance norm every channel's spatial mean is the norm's learned offset, which would leave CBAM's average-pool
 * branch blind; and a flat frame (a fade to black) gives instance norm zero variance in every layer, whose
 * backward gain 1/sqrt(eps) compounds over this generator's 25 normalised layers until the gradients overflow
 * (the trainer saw NaN weights after one step on such a frame). Layer norm spans the channels too, so a flat
 * frame still has variance.
 *
 * Discriminator: conv5x5 32 + LReLU | res/2 64 | res/2 128 | res 128 | conv3x3 1 (the "full connection" applied
 * per patch, so it still returns a patch map), layer norm and LeakyReLU 0.2 in the residual blocks. LeakyReLU
 * rather than the paper's ReLU, as in CartoonGAN and every AnimeGAN-family discriminator, so units cannot die.
 *
 * Adversarial loss: BCE. The paper's objective (Eq. 1, 3) is the original log-likelihood GAN / cGAN loss with a
 * sigmoid discriminator output, as CartoonGAN's; the sigmoid lives in the loss (logits here).
 * Parameters at width 1: G 11,193,219 (8 blocks with attention: 9,513,088), D 586,881.
 */
import type { BuildOptions } from '../network';
import { buildNetwork, scaled } from './build-network';
import { defineModel } from './define-model';
import { activation, type Apply, chain, conv2d, convBlock, type ParamScope, residualBlock, upsampleBlock } from './layers';

const SIZE_MULTIPLE = 4;
const RESIDUAL_BLOCKS = 8;

/** Generator: x [N,H,W,3] in [-1,1] -> [N,H,W,3] in [-1,1] (H, W multiples of 4). Variables `g/...`. */
function generator(scope: ParamScope, { width }: BuildOptions): Apply {
  const [c1, c2, c3] = [scaled(64, width), scaled(128, width), scaled(256, width)];
  const block = { padding: 'reflect', norm: 'layer', act: 'relu' } as const;
  const layers: Apply[] = [
    convBlock(scope, 'in', { inChannels: 3, outChannels: c1, kernel: 7, ...block }),
    convBlock(scope, 'down1a', { inChannels: c1, outChannels: c2, kernel: 3, stride: 2, ...block }),
    convBlock(scope, 'down1b', { inChannels: c2, outChannels: c2, kernel: 3, ...block }),
    convBlock(scope, 'down2a', { inChannels: c2, outChannels: c3, kernel: 3, stride: 2, ...block }),
    convBlock(scope, 'down2b', { inChannels: c3, outChannels: c3, kernel: 3, ...block }),
  ];
  for (let i = 1; i <= RESIDUAL_BLOCKS; i++) {
    layers.push(residualBlock(scope, `res${i}`, { inChannels: c3, outChannels: c3, attention: true, ...block }));
  }
  layers.push(
    upsampleBlock(scope, 'up1a', { inChannels: c3, outChannels: c2, kernel: 3, ...block }),
    convBlock(scope, 'up1b', { inChannels: c2, outChannels: c2, kernel: 3, ...block }),
    upsampleBlock(scope, 'up2a', { inChannels: c2, outChannels: c1, kernel: 3, ...block }),
    convBlock(scope, 'up2b', { inChannels: c1, outChannels: c1, kernel: 3, ...block }),
    conv2d(scope, 'out', { inChannels: c1, outChannels: 3, kernel: 7, padding: 'reflect', bias: true }),
    activation('tanh'),
  );
  return chain(...layers);
}

function discriminator(scope: ParamScope, { width }: BuildOptions): Apply {
  const [c1, c2, c3] = [scaled(32, width), scaled(64, width), scaled(128, width)];
  const res = { norm: 'layer', act: 'lrelu', padding: 'zero', actAfterSum: true } as const;
  return chain(
    conv2d(scope, 'in', { inChannels: 3, outChannels: c1, kernel: 5, bias: true }),
    activation('lrelu'),
    residualBlock(scope, 'res1', { inChannels: c1, outChannels: c2, stride: 2, ...res }),
    residualBlock(scope, 'res2', { inChannels: c2, outChannels: c3, stride: 2, ...res }),
    residualBlock(scope, 'res3', { inChannels: c3, outChannels: c3, ...res }),
    conv2d(scope, 'logit', { inChannels: c3, outChannels: 1, kernel: 3, bias: true }),
  );
}

export const resnetCbam = defineModel({
  name: 'resnet-cbam',
  title: 'ResNet + channel attention',
  paper: 'tan-2024',
  adversarial: 'bce',
  losses: ['adv', 'con'],
  sizeMultiple: SIZE_MULTIPLE,
  generator,
  /** Discriminator: x [N,H,W,3] -> logits [N,H/4,W/4,1]. Variables `d/...`. */
  createDiscriminator: (opts) => buildNetwork('d', opts, discriminator, SIZE_MULTIPLE),
});
