/**
 * The AnimeGAN patch discriminator (Chen, Liu & Chen, "AnimeGAN: A Novel Lightweight GAN for Photo Animation",
 * ISICA 2019), reused by AnimeGANv2 (Chen et al. 2020): "the same discriminator as AnimeGAN, but with layer
 * normalization instead of instance normalization".
 * Reconstructed from the official AnimeGANv2 code (net/discriminator.py `D_net` with its defaults ch=64,
 * n_dis=3, sn=True): 3x3 convolutions without bias, zero padding (stride 2 pads top/left), N(0, 0.02) init,
 * spectral norm on every kernel, LeakyReLU 0.2, two stride-2 stages, layer norm after the widening convs,
 * and a 1-channel logit map at 1/4 of the input size.
 *
 * Parameters at width 1: 1,128,800 (kernels 1,127,520 + layer-norm scales/offsets 1,280).
 */
import type { BuildOptions, Network } from '../network';
import { buildNetwork, scaled } from './build-network';
import { activation, type Apply, chain, conv2d, DCGAN_NORMAL, norm, type NormKind } from './layers';

export interface AnimeGanDiscriminatorConfig {
  /** Spectral norm on every kernel (the official default). */
  spectralNorm: boolean;
  /** 'layer' in AnimeGANv2, 'instance' in AnimeGAN v1. */
  norm: NormKind;
}

/** The official `n_dis`: the number of stages; n_dis - 1 of them halve the size. */
const N_DIS = 3;
/** The official `ch`; the first layer has ch / 2 channels. */
const CH = 64;

/** Discriminator: x [N,H,W,3] -> logits [N,H/4,W/4,1] (H, W multiples of 4). Variables `d/...`. */
export function createAnimeGanDiscriminator(opts: BuildOptions, cfg: AnimeGanDiscriminatorConfig): Network {
  return buildNetwork(
    'd',
    opts,
    (scope, { width }) => {
      const conv = (name: string, inC: number, outC: number, stride: 1 | 2): Apply =>
        conv2d(scope, name, {
          inChannels: inC,
          outChannels: outC,
          kernel: 3,
          stride,
          padding: 'zero',
          oddPad: 'start',
          init: DCGAN_NORMAL,
          spectralNorm: cfg.spectralNorm,
        });
      const lrelu = activation('lrelu');
      const layers: Apply[] = [];
      let channel = CH / 2;
      let inC = scaled(channel, width);
      layers.push(conv('conv_0', 3, inC, 1), lrelu);
      for (let i = 1; i < N_DIS; i++) {
        const mid = scaled(channel * 2, width);
        const out = scaled(channel * 4, width);
        layers.push(conv(`conv_s2_${i}`, inC, mid, 2), lrelu);
        layers.push(conv(`conv_s1_${i}`, mid, out, 1), norm(scope, `norm_${i}`, cfg.norm, out), lrelu);
        inC = out;
        channel *= 2;
      }
      const last = scaled(channel * 2, width);
      layers.push(conv('last_conv', inC, last, 1), norm(scope, 'last_norm', cfg.norm, last), lrelu);
      layers.push(conv('logit', last, 1, 1));
      return chain(...layers);
    },
    4,
  );
}
