/**
 * Weight initialisers, drawn from a seeded stream (see rng.ts) so a seed reproduces a network exactly.
 * - `he`: He et al. 2015 for (leaky) ReLU nets, as TF's variance_scaling_initializer that the official
 *   AnimeGANv2 generator uses: truncated normal, std sqrt(2 / fanIn) corrected for the truncation.
 * - `glorot`: Glorot & Bengio 2010 uniform, for layers followed by sigmoid/linear outputs.
 * - `normal`: N(0, std), the DCGAN/CycleGAN/AnimeGAN-discriminator convention (std 0.02).
 * - `constant`: biases, normalisation scales and offsets.
 */
import { createRng, normal, streamSeed, truncatedNormal } from './rng';

export type Init =
  | { kind: 'he' }
  | { kind: 'glorot' }
  | { kind: 'normal'; std: number }
  | { kind: 'constant'; value: number };

/** The option every layer with weights takes: how they start (default He, with the layer's true fan-in). */
export interface InitOption {
  init?: Init;
}

/** How many inputs and outputs feed one unit; variance-scaling initialisers need them. */
export interface Fan {
  fanIn: number;
  fanOut: number;
}

export const HE: Init = { kind: 'he' };
export const GLOROT: Init = { kind: 'glorot' };
export const DCGAN_NORMAL: Init = { kind: 'normal', std: 0.02 };
export const ZEROS: Init = { kind: 'constant', value: 0 };
export const ONES: Init = { kind: 'constant', value: 1 };

// Standard deviation of a unit normal truncated to [-2, 2]; dividing by it restores the intended variance.
const TRUNCATED_STD = 0.8796256610342398;

/**
 * Draws `size` initial values.
 * @param seed the run's seed; @param name the variable's unique name, which picks its random stream.
 */
export function initialValues(init: Init, size: number, fan: Fan, seed: number, name: string): Float32Array {
  const out = new Float32Array(size);
  if (init.kind === 'constant') return out.fill(init.value);
  const rng = createRng(streamSeed(seed, name));
  if (init.kind === 'he') {
    const std = Math.sqrt(2 / Math.max(1, fan.fanIn)) / TRUNCATED_STD;
    for (let i = 0; i < size; i++) out[i] = std * truncatedNormal(rng);
  } else if (init.kind === 'glorot') {
    const limit = Math.sqrt(6 / Math.max(1, fan.fanIn + fan.fanOut));
    for (let i = 0; i < size; i++) out[i] = limit * (2 * rng() - 1);
  } else {
    for (let i = 0; i < size; i++) out[i] = init.std * normal(rng);
  }
  return out;
}
