/**
 * The basic residual block (He et al. 2016): conv3x3 + norm + act, conv3x3 + norm, plus the input. With
 * `stride: 2` or a change of width the shortcut is a strided 1x1 convolution + norm (ResNet's projection
 * shortcut). With `attention`, CBAM channel attention reweights the residual branch before the sum, where
 * Woo et al. 2018 place it. Used by LWComicGAN (with LIN), the ResNet+CBAM networks and the ResNet-18 encoder.
 */
import * as tf from '@tensorflow/tfjs';
import { activation, type Activation } from './activations';
import { type Apply, chain, identity, layer } from './apply';
import { channelAttention } from './channel-attention';
import { conv2d, type Padding } from './conv2d';
import { type InitOption } from './init';
import { norm, type NormKind } from './norm';
import { type ParamScope } from './params';

export interface ResidualBlockConfig extends InitOption {
  inChannels: number;
  outChannels: number;
  /** Default 1. */
  stride?: 1 | 2;
  norm: NormKind;
  act: Activation;
  /** Default 'reflect' (generators); ResNet encoders use 'zero'. */
  padding?: Padding;
  /** Apply `act` after the sum as ResNet does (default false: the sum is returned as is, CycleGAN-style). */
  actAfterSum?: boolean;
  /** CBAM channel attention on the residual branch (variables `<name>/attention/...`). Default false. */
  attention?: boolean;
}

/**
 * Variables under `<name>/`: `conv1`, `norm1`, `conv2`, `norm2`, optionally `attention`, and, when the shape
 * changes, `shortcut/{conv,norm}`.
 * Forward: x [N,H,W,in] -> [N,H/stride,W/stride,out].
 */
export function residualBlock(parent: ParamScope, name: string, cfg: ResidualBlockConfig): Apply {
  const scope = parent.child(name);
  const stride = cfg.stride ?? 1;
  const padding = cfg.padding ?? 'reflect';
  const init = cfg.init ? { init: cfg.init } : {};
  const [inC, outC] = [cfg.inChannels, cfg.outChannels];
  const body = chain(
    conv2d(scope, 'conv1', { inChannels: inC, outChannels: outC, kernel: 3, stride, padding, ...init }),
    norm(scope, 'norm1', cfg.norm, outC),
    activation(cfg.act),
    conv2d(scope, 'conv2', { inChannels: outC, outChannels: outC, kernel: 3, padding, ...init }),
    norm(scope, 'norm2', cfg.norm, outC),
    cfg.attention ? channelAttention(scope, 'attention', outC) : identity,
  );
  const projected = stride !== 1 || inC !== outC;
  const short = scope.child('shortcut');
  const shortcut: Apply = projected
    ? chain(
        conv2d(short, 'conv', { inChannels: inC, outChannels: outC, kernel: 1, stride, ...init }),
        norm(short, 'norm', cfg.norm, outC),
      )
    : identity;
  const after = cfg.actAfterSum ? activation(cfg.act) : identity;
  return layer(
    (x, training) => after(tf.add(body(x, training), shortcut(x, training)), training),
    (ops, x) => after.emit(ops, ops.add(body.emit(ops, x), shortcut.emit(ops, x))),
  );
}
