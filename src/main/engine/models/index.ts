/** The engine's model families: the registry and each model's spec and builders. */
export { animeganv2, createAnimeGanV2Discriminator } from './animeganv2';
export { defineModel, type ModelFamily } from './define-model';
export { createAnimeGanDiscriminator } from './animegan-discriminator';
export { buildNetwork, countParams, networkStructure, type NetworkStructure, scaled } from './build-network';
export { createLwComicDiscriminator, lwcomic } from './lwcomic';
export {
  DEFAULT_MODEL,
  FULL_WIDTH_PARAMS,
  fullWidthParams,
  getModel,
  listModels,
  measureParams,
  type ModelName,
  type ParamCounts,
} from './registry';
export { resnetCbam } from './resnet-cbam';
export { unetCycle } from './unet-cycle';
