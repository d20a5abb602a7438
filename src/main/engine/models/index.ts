/** The engine's model families: the registry and each model's spec and builders. */
export { animeganv2, createAnimeGanV2Discriminator, createAnimeGanV2Generator } from './animeganv2';
export { createAnimeGanDiscriminator } from './animegan-discriminator';
export { buildNetwork, countParams, networkStructure, type NetworkStructure, scaled } from './build-network';
export { createLwComicDiscriminator, createLwComicGenerator, lwcomic } from './lwcomic';
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
export { createResnetCbamDiscriminator, createResnetCbamGenerator, resnetCbam } from './resnet-cbam';
export { createUnetCycleDiscriminator, createUnetCycleGenerator, unetCycle } from './unet-cycle';
