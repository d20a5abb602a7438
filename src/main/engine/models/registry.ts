/**
 * The models on offer, found by name (the pytorch-CycleGAN-and-pix2pix pattern: adding a model is one new
 * file plus one line here). Full-width parameter counts are constants, so listing models never builds 30M
 * parameters; test/unit/engine/models/registry.test.ts rebuilds every model at width 1 and checks them.
 */
import { StudioError } from '@shared/errors';
import type { ModelSpec } from '../network';
import { animeganv2 } from './animeganv2';
import { lwcomic } from './lwcomic';
import { resnetCbam } from './resnet-cbam';
import { unetCycle } from './unet-cycle';

export type ModelName = ModelSpec['name'];

/** Trainable parameters of one generator and one discriminator. */
export interface ParamCounts {
  generator: number;
  discriminator: number;
}

/** The default model, AnimeGANv2. */
export const DEFAULT_MODEL: ModelName = 'animeganv2';

const MODELS: readonly ModelSpec[] = [animeganv2, lwcomic, resnetCbam, unetCycle];

/** Parameter counts at width 1, per network (a CycleGAN trains two of each). */
export const FULL_WIDTH_PARAMS: Readonly<Record<ModelName, ParamCounts>> = {
  animeganv2: { generator: 2_143_552, discriminator: 1_128_800 },
  lwcomic: { generator: 3_083_331, discriminator: 1_128_800 },
  'resnet-cbam': { generator: 11_193_219, discriminator: 586_881 },
  'unet-cycle': { generator: 11_363_075, discriminator: 2_765_633 },
};

/** Every model, default first. */
export function listModels(): ModelSpec[] {
  return [...MODELS];
}

/** The model called `name`; a BAD_INPUT StudioError listing the valid names otherwise. */
export function getModel(name: string): ModelSpec {
  const spec = MODELS.find((m) => m.name === name);
  if (!spec) {
    const valid = MODELS.map((m) => m.name).join(', ');
    throw new StudioError('BAD_INPUT', `unknown model "${name}"; the models are ${valid}`, 'model');
  }
  return spec;
}

/** Parameter counts of `name` at width 1 (cached constants; see measureParams). */
export function fullWidthParams(name: string): ParamCounts {
  return { ...FULL_WIDTH_PARAMS[getModel(name).name] };
}

/**
 * Builds a model's generator and discriminator on the active tfjs backend, counts their trainable
 * parameters and frees them. Slow at width 1 (up to ~12M values drawn); used to verify FULL_WIDTH_PARAMS.
 */
export function measureParams(spec: ModelSpec, width = 1, seed = 0): ParamCounts {
  const g = spec.createGenerator({ width, seed });
  try {
    const d = spec.createDiscriminator({ width, seed });
    try {
      return { generator: g.paramCount(), discriminator: d.paramCount() };
    } finally {
      d.dispose();
    }
  } finally {
    g.dispose();
  }
}
