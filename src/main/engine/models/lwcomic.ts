/**
 * LWComicGAN (Yang, Chen, Cai, Liu, Liu & Wang, "LWComicGAN: A Lightweight Method for
 * Realizing Scene Animation"), a lightweight
 * AnimeGAN-style model trained with WGAN-GP (Eq. 2), VGG19 conv4_4 content loss (Eq. 3), Gram "grayscale"
 * loss (Eq. 4) and YUV colour loss (Eq. 5), weights 350 / 2.5 / 12.5 / 15.
 *
 * Generator (Sec. III.C): a 7x7 input convolution, 3x3 convolutions elsewhere, two stride-2 down-sampling
 * convolutions, four residual blocks whose normalisation is LIN (the learned instance/layer mix, Fig. 3),
 * LeakyReLU in every block, resize-convolution up-sampling and a last 3x3 convolution followed by tanh:
 *   conv7x7 48 | conv3x3/2 96 | conv3x3/2 192 | 4 x res(192) | up 96 | up 48 | conv3x3 3 + bias, tanh
 * (each conv but the last + LIN + LReLU 0.2; reflect padding; no conv bias before a normalisation).
 *
 * Parameter count. Table III gives LWComicGAN 2,796,416 parameters next to AnimeGAN 3,956,096; that AnimeGAN
 * figure is exactly the AnimeGAN v1 *generator* (we recomputed it from the official net/generator.py), so the
 * table counts generators only. The paper's figures (Fig. 2-4), which carry the layer widths, are not in its
 * text, so the widths are ours: 48/96/192 is the nearest plain progression to the paper's size with the layers
 * the text lists. Ours has 3,083,331 generator parameters (+10.3%), 2,658,816 of them in the four residual
 * blocks; the LIN layers hold 3 values per channel (scale, offset, mix). We do not invent extra layers to hit the
 * paper's number exactly.
 *
 * Discriminator (Fig. 4 is not in the text either): the paper states spectral normalisation and builds on
 * AnimeGAN's code and losses, so we use the AnimeGAN patch discriminator with spectral norm and layer norm
 * (layer norm, not batch norm, is what WGAN-GP's authors recommend in a critic): 1,128,800 parameters.
 */
import type { BuildOptions, Network } from '../network';
import { createAnimeGanV2Discriminator } from './animeganv2';
import { scaled } from './build-network';
import { defineModel } from './define-model';
import { activation, type Apply, chain, conv2d, convBlock, type ParamScope, residualBlock, upsampleBlock } from './layers';

const SIZE_MULTIPLE = 4;
const RESIDUAL_BLOCKS = 4;

/** Generator: x [N,H,W,3] in [-1,1] -> [N,H,W,3] in [-1,1] (H, W multiples of 4). Variables `g/...`. */
function generator(scope: ParamScope, { width }: BuildOptions): Apply {
  const c1 = scaled(48, width);
  const c2 = scaled(96, width);
  const c3 = scaled(192, width);
  const block = { padding: 'reflect', norm: 'lin', act: 'lrelu' } as const;
  const layers: Apply[] = [
    convBlock(scope, 'in', { inChannels: 3, outChannels: c1, kernel: 7, ...block }),
    convBlock(scope, 'down1', { inChannels: c1, outChannels: c2, kernel: 3, stride: 2, ...block }),
    convBlock(scope, 'down2', { inChannels: c2, outChannels: c3, kernel: 3, stride: 2, ...block }),
  ];
  for (let i = 1; i <= RESIDUAL_BLOCKS; i++) {
    layers.push(residualBlock(scope, `res${i}`, { inChannels: c3, outChannels: c3, norm: 'lin', act: 'lrelu' }));
  }
  layers.push(
    upsampleBlock(scope, 'up1', { inChannels: c3, outChannels: c2, kernel: 3, ...block }),
    upsampleBlock(scope, 'up2', { inChannels: c2, outChannels: c1, kernel: 3, ...block }),
    conv2d(scope, 'out', { inChannels: c1, outChannels: 3, kernel: 3, padding: 'reflect', bias: true }),
    activation('tanh'),
  );
  return chain(...layers);
}

/** Discriminator (critic): x [N,H,W,3] -> scores [N,H/4,W/4,1], AnimeGANv2's (spectral norm, layer norm). */
export function createLwComicDiscriminator(opts: BuildOptions): Network {
  return createAnimeGanV2Discriminator(opts);
}

export const lwcomic = defineModel({
  name: 'lwcomic',
  title: 'LWComicGAN',
  paper: 'lwcomicgan',
  adversarial: 'wgan-gp',
  losses: ['adv', 'con', 'gra', 'col'],
  sizeMultiple: SIZE_MULTIPLE,
  spectralNorm: true,
  generator,
  createDiscriminator: createLwComicDiscriminator,
});
