/**
 * 3x3 depthwise convolution with reflection padding and a bias, as the `dwise_conv` of the official
 * AnimeGANv2 generator (net/generator.py), used inside its inverted residual blocks.
 */
import * as tf from '@tensorflow/tfjs';
import { type Apply, layer } from './apply';
import { HE, type InitOption, ZEROS } from './init';
import { type ParamScope } from './params';

export interface DepthwiseConfig extends InitOption {
  channels: number;
  /** Default 3. */
  kernel?: number;
  /** Default true, as the official code. */
  bias?: boolean;
}

/** Variables `<name>/kernel` [k,k,C,1] and `<name>/bias` [C]. Forward: x [N,H,W,C] -> [N,H,W,C]. */
export function depthwiseConv2d(parent: ParamScope, name: string, cfg: DepthwiseConfig): Apply {
  const scope = parent.child(name);
  const k = cfg.kernel ?? 3;
  const kernel = scope.weight('kernel', [k, k, cfg.channels, 1], cfg.init ?? HE, { fanIn: k * k, fanOut: k * k });
  const bias = (cfg.bias ?? true) ? scope.weight('bias', [cfg.channels], ZEROS) : undefined;
  const p = (k - 1) / 2;
  const pads: Array<[number, number]> = [
    [0, 0],
    [p, p],
    [p, p],
    [0, 0],
  ];
  return layer(
    (x) => {
      const y = tf.depthwiseConv2d(tf.mirrorPad(x, pads, 'reflect'), kernel as tf.Tensor4D, 1, 'valid');
      return bias ? tf.add(y, bias) : y;
    },
    (ops, x) =>
      ops.conv(x, {
        name: scope.path,
        kernel,
        ...(bias ? { bias } : {}),
        stride: 1,
        pads: [p, p],
        padMode: 'reflect',
        depthwise: true,
      }),
  );
}
