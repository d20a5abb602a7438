/** Building blocks of the model files: each creates named variables in a scope and returns a forward function. */
export { activation, type Activation, LRELU_SLOPE } from './activations';
export { type Apply, chain, type Emit, type Forward, identity, layer } from './apply';
export { channelAttention, CBAM_REDUCTION } from './channel-attention';
export { convBlock, type ConvBlockConfig } from './conv-block';
export { conv2d, type Conv2dConfig, type Padding, padAmounts } from './conv2d';
export { depthwiseConv2d, type DepthwiseConfig } from './depthwise-conv2d';
export { DCGAN_NORMAL, type Fan, GLOROT, HE, type Init, initialValues, ONES, ZEROS } from './init';
export { instanceNorm, instanceNormalize } from './instance-norm';
export { invertedResidual, type InvertedResidualConfig } from './inverted-residual';
export { layerNorm, layerNormalize, NORM_EPS, TORCH_NORM_EPS } from './layer-norm';
export { lin } from './lin';
export { norm, type NormKind } from './norm';
export { ParamScope } from './params';
export { maxPool2d } from './pool';
export { residualBlock, type ResidualBlockConfig } from './residual-block';
export { spectralNorm } from './spectral-norm';
export { stopGradient } from './stop-gradient';
export { resize2x, upsample2x, upsampleBlock } from './upsample';
