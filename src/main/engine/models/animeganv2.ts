/**
 * AnimeGANv2 (Jie Chen, Gang Liu & Xin Chen 2020, "AnimeGANv2", https://github.com/TachibanaYoshino/AnimeGANv2),
 * the studio's default model.
 *
 * Generator, reconstructed from the official TensorFlow code (TachibanaYoshino/AnimeGANv2, net/generator.py
 * `G_net`), since the paper's Fig. 2 is not in its text:
 *   A: conv7x7 32, conv3x3/2 64, conv3x3 64          each conv + layer norm + LReLU 0.2
 *   B: conv3x3/2 128, conv3x3 128
 *   C: conv3x3 128, 4 inverted residual blocks (128->256, then 256->256; expansion 2), conv3x3 128
 *   D: resize x2 + conv3x3 128, conv3x3 128
 *   E: resize x2 + conv3x3 64, conv3x3 64, conv7x7 32
 *   out: conv1x1 3 (no bias), tanh
 * Convolutions have no bias (layer norm follows), pad by reflection (stride 2: one pixel bottom/right) and use
 * He initialisation; the depthwise convolutions have a bias. Layer norm is tf.contrib's: over H,W,C per sample
 * with per-channel scale/offset. At width 1 this is exactly 2,143,552 parameters (8.57 MB in float32: the
 * paper's "8.6 MB"). The official code has 4 IRBs; the "8 IRBs" some write-ups (Kalin & Akniyet) mention belong to
 * AnimeGAN v1, whose generator has 3,956,096 parameters (15.8 MB).
 *
 * Discriminator: the AnimeGAN patch discriminator with layer norm and spectral norm (official defaults),
 * 1,128,800 parameters at width 1. Adversarial loss: LSGAN, the official default `gan_type`.
 */
import type { BuildOptions, Network } from '../network';
import { createAnimeGanDiscriminator } from './animegan-discriminator';
import { scaled } from './build-network';
import { defineModel } from './define-model';
import {
  activation,
  type Apply,
  chain,
  conv2d,
  convBlock,
  type ConvBlockConfig,
  invertedResidual,
  type ParamScope,
  TORCH_NORM_EPS,
  upsampleBlock,
} from './layers';

/** Input sides must divide by 4: two stride-2 stages. */
const SIZE_MULTIPLE = 4;

/** Generator: x [N,H,W,3] in [-1,1] -> [N,H,W,3] in [-1,1] (H, W multiples of 4). Variables `g/...`. */
function generator(scope: ParamScope, { width, flavour = 'tf' }: BuildOptions): Apply {
  const c = (n: number): number => scaled(n, width);
  // The PyTorch port's published weights expect its norm floor and corner-aligned up-sampling.
  const torch = flavour === 'animegan2-pytorch';
  const normEps = torch ? { normEps: TORCH_NORM_EPS } : {};
  // Conv2DNormLReLU of the official code: reflect padding, no bias, layer norm, LReLU 0.2.
  const cnl = (s: ParamScope, name: string, inC: number, outC: number, kernel = 3, stride: 1 | 2 = 1): Apply =>
    convBlock(s, name, {
      inChannels: inC,
      outChannels: outC,
      kernel,
      stride,
      padding: 'reflect',
      norm: 'layer',
      act: 'lrelu',
      ...normEps,
    } satisfies ConvBlockConfig);
  const up = (s: ParamScope, name: string, inC: number, outC: number): Apply =>
    upsampleBlock(s, name, {
      inChannels: inC,
      outChannels: outC,
      kernel: 3,
      padding: 'reflect',
      norm: 'layer',
      act: 'lrelu',
      alignCorners: torch,
      ...normEps,
    });
  const irb = (s: ParamScope, name: string, inC: number): Apply =>
    invertedResidual(s, name, { inChannels: inC, outChannels: c(256), expansion: 2, norm: 'layer', ...normEps });

  const a = scope.child('A');
  const b = scope.child('B');
  const cs = scope.child('C');
  const d = scope.child('D');
  const e = scope.child('E');
  return chain(
    cnl(a, 'conv1', 3, c(32), 7),
    cnl(a, 'conv2', c(32), c(64), 3, 2),
    cnl(a, 'conv3', c(64), c(64)),
    cnl(b, 'conv1', c(64), c(128), 3, 2),
    cnl(b, 'conv2', c(128), c(128)),
    cnl(cs, 'conv1', c(128), c(128)),
    irb(cs, 'r1', c(128)),
    irb(cs, 'r2', c(256)),
    irb(cs, 'r3', c(256)),
    irb(cs, 'r4', c(256)),
    cnl(cs, 'conv2', c(256), c(128)),
    up(d, 'up', c(128), c(128)),
    cnl(d, 'conv', c(128), c(128)),
    up(e, 'up', c(128), c(64)),
    cnl(e, 'conv1', c(64), c(64)),
    cnl(e, 'conv2', c(64), c(32), 7),
    conv2d(scope, 'out', { inChannels: c(32), outChannels: 3, kernel: 1 }),
    activation('tanh'),
  );
}

/** Discriminator: x [N,H,W,3] -> logits [N,H/4,W/4,1]. */
export function createAnimeGanV2Discriminator(opts: BuildOptions): Network {
  return createAnimeGanDiscriminator(opts, { spectralNorm: true, norm: 'layer' });
}

export const animeganv2 = defineModel({
  name: 'animeganv2',
  title: 'AnimeGANv2',
  paper: 'animeganv2',
  adversarial: 'lsgan',
  losses: ['adv', 'con', 'gra', 'col', 'tv'],
  sizeMultiple: SIZE_MULTIPLE,
  spectralNorm: true,
  generator,
  createDiscriminator: createAnimeGanV2Discriminator,
});
