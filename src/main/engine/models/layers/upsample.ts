/**
 * 2x up-sampling by bilinear resize followed by a convolution block, instead of a transposed convolution,
 * to avoid checkerboard artefacts (Odena et al. 2016, distill.pub/2016/deconv-checkerboard); AnimeGANv2's
 * `Unsample`. The resize is TF1's `resize_images` default (bilinear, no corner alignment, no half-pixel
 * centres), which tf.image.resizeBilinear reproduces with its defaults.
 */
import * as tf from '@tensorflow/tfjs';
import { type Apply, layer } from './apply';
import { type ConvBlockConfig, convBlock } from './conv-block';
import { type ParamScope } from './params';

/**
 * x [N,H,W,C] -> [N,2H,2W,C]. `alignCorners` maps the corner pixels onto each other (PyTorch's
 * `F.interpolate(..., align_corners=True)`, which animegan2-pytorch uses) instead of TF1's source = destination / 2.
 */
export function resize2x(x: tf.Tensor4D, alignCorners = false): tf.Tensor4D {
  const [, h, w] = x.shape;
  return tf.image.resizeBilinear(x, [2 * h, 2 * w], alignCorners);
}

/** {@link resize2x} as a layer (no variables): x [N,H,W,C] -> [N,2H,2W,C]. */
export const upsample2x: Apply = layer(
  (x) => resize2x(x),
  (ops, x) => ops.resize2x(x),
);

/**
 * Variables `<name>/conv/...`, `<name>/norm/...`. Forward: x [N,H,W,in] -> [N,2H,2W,out]. `alignCorners`: see
 * {@link resize2x}.
 */
export function upsampleBlock(parent: ParamScope, name: string, cfg: ConvBlockConfig & { alignCorners?: boolean }): Apply {
  const { alignCorners = false, ...conv } = cfg;
  const block = convBlock(parent, name, conv);
  return layer(
    (x, training) => block(resize2x(x, alignCorners), training),
    (ops, x) => block.emit(ops, ops.resize2x(x, alignCorners)),
  );
}
