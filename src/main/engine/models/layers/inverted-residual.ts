/**
 * Inverted residual block (IRB) of AnimeGANv2 (Chen et al. 2020, Fig. 2; official net/generator.py
 * `InvertedRes_block`), after MobileNetV2 (Sandler et al. 2018): 1x1 expansion (ratio 2) + LN + LReLU,
 * 3x3 depthwise (with bias) + LN + LReLU, linear 1x1 projection + LN, and a residual sum when the shapes agree.
 * The bottleneck keeps the generator small (8.6 MB for AnimeGANv2 versus 15.8 MB for AnimeGAN).
 */
import * as tf from '@tensorflow/tfjs';
import { activation } from './activations';
import { type Apply, chain, layer } from './apply';
import { conv2d } from './conv2d';
import { depthwiseConv2d } from './depthwise-conv2d';
import { type InitOption } from './init';
import { norm, type NormKind } from './norm';
import { type ParamScope } from './params';

export interface InvertedResidualConfig extends InitOption {
  inChannels: number;
  outChannels: number;
  /** Bottleneck width = round(expansion * inChannels); 2 in AnimeGANv2. */
  expansion: number;
  /** 'layer' in AnimeGANv2 (AnimeGAN v1 used 'instance'). */
  norm: NormKind;
  /** Layer norm's variance floor, when not the studio's own (imported PyTorch weights). */
  normEps?: number;
}

/**
 * Variables under `<name>/`: `expand/{conv,norm}`, `dw/{kernel,bias}`, `dw_norm`, `project/{conv,norm}`.
 * Forward: x [N,H,W,in] -> [N,H,W,out].
 */
export function invertedResidual(parent: ParamScope, name: string, cfg: InvertedResidualConfig): Apply {
  const scope = parent.child(name);
  const hidden = Math.max(1, Math.round(cfg.expansion * cfg.inChannels));
  const lrelu = activation('lrelu');
  const init = cfg.init ? { init: cfg.init } : {};
  const pointwise = (s: ParamScope, inC: number, outC: number): Apply => {
    const c = conv2d(s, 'conv', { inChannels: inC, outChannels: outC, kernel: 1, ...init });
    return chain(c, norm(s, 'norm', cfg.norm, outC, cfg.normEps));
  };
  const body = chain(
    pointwise(scope.child('expand'), cfg.inChannels, hidden),
    lrelu,
    depthwiseConv2d(scope, 'dw', { channels: hidden, ...init }),
    norm(scope, 'dw_norm', cfg.norm, hidden, cfg.normEps),
    lrelu,
    // Linear projection: no activation, so the block does not destroy information in the narrow output.
    pointwise(scope.child('project'), hidden, cfg.outChannels),
  );
  const residual = cfg.inChannels === cfg.outChannels;
  return layer(
    (x, training) => {
      const y = body(x, training);
      return residual ? tf.add(x, y) : y;
    },
    (ops, x) => {
      const y = body.emit(ops, x);
      return residual ? ops.add(x, y) : y;
    },
  );
}
