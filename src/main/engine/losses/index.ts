/**
 * The losses and metrics of the engine: pure functions on tensors, each wrapped in tf.tidy, matched to the official
 * AnimeGANv2 code where the papers leave details open.
 */
export { l1, mse, huber } from './reductions';
export { rgbToYuv, grayscale3 } from './color-space';
export { colorLoss } from './color';
export { totalVariationLoss } from './total-variation';
export { cycleLoss } from './cycle';
export type { FeatureExtractor } from './feature-extractor';
export { contentLoss, featureL1 } from './content';
export { gram, gramL1, grayStyleLoss, contentAndStyleLoss, meanGram } from './gram';
export {
  adversarialLosses,
  generatorAdversarialLoss,
  ANIMEGANV2_D_TERM_WEIGHTS,
  UNIT_D_TERM_WEIGHTS,
  type AdversarialLosses,
  type DiscriminatorLogits,
  type DiscriminatorTermWeights,
} from './adversarial';
export { gradientPenalty, type GradientPenaltyOptions } from './gradient-penalty';
export { clipWeights } from './clip-weights';
export { psnr, PSNR_CEILING_DB } from './psnr';
export { ssim } from './ssim';
export { featureRms, kid, meanPool } from './kid';
export { generatorLoss, type GeneratorLoss, type GeneratorLossWeights } from './generator-loss';
