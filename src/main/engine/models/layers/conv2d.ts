/**
 * 2-D convolution over NHWC maps with explicit padding. AnimeGANv2's generator pads by reflection (no
 * border darkening) and, for stride 2, puts the single extra pixel at the bottom/right; its discriminator pads
 * with zeros and puts it top/left. Both are options here so each network matches its source.
 */
import * as tf from '@tensorflow/tfjs';
import { type Apply, layer } from './apply';
import { HE, type InitOption, ZEROS } from './init';
import { type ParamScope } from './params';
import { spectralNorm } from './spectral-norm';

export type Padding = 'reflect' | 'zero' | 'valid';

export interface Conv2dConfig extends InitOption {
  inChannels: number;
  outChannels: number;
  kernel: number;
  /** Default 1. */
  stride?: 1 | 2;
  /** Default 'zero'. 'reflect' and 'zero' pad by kernel - stride in total, so H' = H / stride for even H. */
  padding?: Padding;
  /** Where an odd total padding puts its extra pixel: 'end' (TF 'SAME', AnimeGANv2 G) or 'start'. Default 'end'. */
  oddPad?: 'start' | 'end';
  /** Default false: most convolutions here feed a normalisation, which would cancel a bias. */
  bias?: boolean;
  /** Divide the kernel by its spectral norm (discriminators). Default false. */
  spectralNorm?: boolean;
}

/** Padding [before, after] for one spatial axis. */
export function padAmounts(kernel: number, stride: number, oddPad: 'start' | 'end'): [number, number] {
  const total = Math.max(kernel - stride, 0);
  const small = Math.floor(total / 2);
  return oddPad === 'end' ? [small, total - small] : [total - small, small];
}

/**
 * A convolution layer with variables `<name>/kernel` [k,k,in,out] and optionally `<name>/bias` [out].
 * Forward: x [N,H,W,in] -> [N,H/stride,W/stride,out] (H even, or stride 1; 'valid' shrinks by k - 1).
 */
export function conv2d(parent: ParamScope, name: string, cfg: Conv2dConfig): Apply {
  const scope = parent.child(name);
  const { inChannels, outChannels, kernel: k } = cfg;
  const stride = cfg.stride ?? 1;
  const padding = cfg.padding ?? 'zero';
  const fan = { fanIn: k * k * inChannels, fanOut: k * k * outChannels };
  const kernel = scope.weight('kernel', [k, k, inChannels, outChannels], cfg.init ?? HE, fan);
  const bias = cfg.bias ? scope.weight('bias', [outChannels], ZEROS) : undefined;
  const normalised = cfg.spectralNorm ? spectralNorm(scope, kernel) : undefined;
  const [before, after] = padAmounts(k, stride, cfg.oddPad ?? 'end');
  const pads: Array<[number, number]> = [
    [0, 0],
    [before, after],
    [before, after],
    [0, 0],
  ];

  const forward = (x: tf.Tensor4D, training: boolean): tf.Tensor4D => {
    let h = x;
    if (padding !== 'valid' && before + after > 0) {
      h = padding === 'reflect' ? tf.mirrorPad(h, pads, 'reflect') : tf.pad(h, pads);
    }
    const w = (normalised ? normalised(training) : kernel) as tf.Tensor4D;
    let y = tf.conv2d(h, w, stride, 'valid');
    if (bias) y = tf.add(y, bias);
    return y;
  };
  return layer(forward, (ops, x) => {
    // Spectral norm at inference divides by the stored estimate (no power-iteration step), as forward(x, false).
    const w = normalised ? tf.tidy(() => normalised(false)) : kernel;
    try {
      return ops.conv(x, {
        name: scope.path,
        kernel: w,
        ...(bias ? { bias } : {}),
        stride,
        pads: padding === 'valid' ? [0, 0] : [before, after],
        padMode: padding === 'reflect' ? 'reflect' : 'zero',
      });
    } finally {
      if (w !== kernel) w.dispose();
    }
  });
}
