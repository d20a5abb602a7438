/**
 * Turns what a model file states into the ModelSpec the trainer, the registry and the exporters read, deriving
 * what follows from it, so no model file repeats a fact or the generator's wrapping.
 */
import type { BuildOptions, ModelSpec } from '../network';
import { buildNetwork } from './build-network';
import type { Apply, ParamScope } from './layers';

/** What a model file states. Spectral norm is off unless stated. */
export type ModelFamily = Omit<ModelSpec, 'cycle' | 'previews' | 'spectralNorm' | 'createGenerator'> & {
  spectralNorm?: boolean;
  /** Builds the generator's variables under its scope and returns its forward x [N,H,W,3] -> [N,H,W,3]. */
  generator: (scope: ParamScope, opts: BuildOptions) => Apply;
};

/**
 * A ModelSpec from what its file states:
 * - the generator is built under `g/` and checks that H and W divide by `sizeMultiple`;
 * - a model that trains with the cycle loss is a CycleGAN (two generators, two discriminators) and also previews
 *   the photo taken there and back ('cycle').
 */
export function defineModel({ generator, ...family }: ModelFamily): ModelSpec {
  const cycle = family.losses.includes('cycle');
  return {
    spectralNorm: false,
    ...family,
    cycle,
    previews: cycle ? ['input', 'output', 'cycle'] : ['input', 'output'],
    createGenerator: (opts) => buildNetwork('g', opts, generator, family.sizeMultiple),
  };
}
