/**
 * Convolution, normalisation, activation: AnimeGANv2's `Conv2DNormLReLU` and the conv-norm-ReLU unit of
 * CartoonGAN/CycleGAN/ResNet, in one configurable block.
 */
import { activation, type Activation } from './activations';
import { type Apply, chain } from './apply';
import { type Conv2dConfig, conv2d } from './conv2d';
import { norm, type NormKind } from './norm';
import { type ParamScope } from './params';

export interface ConvBlockConfig extends Conv2dConfig {
  norm: NormKind;
  act: Activation;
  /** Layer norm's variance floor, when not the studio's own (imported PyTorch weights). */
  normEps?: number;
}

/**
 * Variables `<name>/conv/...` and `<name>/norm/...`.
 * Forward: x [N,H,W,in] -> [N,H/stride,W/stride,out].
 */
export function convBlock(parent: ParamScope, name: string, cfg: ConvBlockConfig): Apply {
  const scope = parent.child(name);
  return chain(conv2d(scope, 'conv', cfg), norm(scope, 'norm', cfg.norm, cfg.outChannels, cfg.normEps), activation(cfg.act));
}
