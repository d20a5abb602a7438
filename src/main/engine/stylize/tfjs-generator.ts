/**
 * Rebuilding a studio run's generator from its newest checkpoint: the model and width come from the
 * checkpoint's `meta.config` (what the trainer writes) unless the caller names them, and the generator's
 * variables and state are read from the trainer's `g:<name>` / `g:state:<name>` keys (plain `<name>` is
 * accepted too, for checkpoints holding only a generator).
 */
import type * as tf from '@tensorflow/tfjs';
import { StudioError } from '@shared/errors';
import { getModel } from '../models/registry';
import type { GeneratorFlavour, ModelSpec, Network } from '../network';
import { loadLatestCheckpoint } from '../training/checkpoint';

/** A generator rebuilt from a checkpoint. */
export interface LoadedGenerator {
  spec: ModelSpec;
  generator: Network;
  width: number;
  /** The forward pass its weights need (see GeneratorFlavour). */
  flavour: GeneratorFlavour;
  /** The checkpoint's training step. */
  step: number;
}

/**
 * Model, width and flavour of the generator a checkpoint holds: from `meta.config` (a run's, as the trainer
 * writes it) or from `meta` itself (an imported generator's weights).
 */
function configOf(meta: Record<string, unknown>): { model?: string; width?: number; flavour: GeneratorFlavour } {
  const config = (meta.config ?? meta) as { model?: unknown; width?: unknown; flavour?: unknown };
  return {
    model: typeof config.model === 'string' ? config.model : undefined,
    width: typeof config.width === 'number' ? config.width : undefined,
    flavour: config.flavour === 'animegan2-pytorch' ? 'animegan2-pytorch' : 'tf',
  };
}

/**
 * Builds the generator of the run whose checkpoints are in `checkpointDir` and loads the newest checkpoint's
 * values into it. NOT_FOUND when there is no checkpoint; BAD_INPUT when the names or shapes do not match.
 */
export async function loadGeneratorFromCheckpoint(checkpointDir: string, spec?: ModelSpec, width?: number): Promise<LoadedGenerator> {
  const ckpt = await loadLatestCheckpoint(checkpointDir);
  if (!ckpt) throw new StudioError('NOT_FOUND', `there is no checkpoint in ${checkpointDir} yet`, 'checkpointDir');
  try {
    const config = configOf(ckpt.manifest.meta);
    if (spec && config.model && config.model !== spec.name) {
      throw new StudioError('BAD_INPUT', `the checkpoint in ${checkpointDir} is of ${config.model}, not ${spec.name}`, 'checkpointDir');
    }
    const model = spec ?? (config.model ? getModel(config.model) : undefined);
    const w = width ?? config.width;
    if (!model || w === undefined) {
      throw new StudioError('BAD_INPUT', `the checkpoint in ${checkpointDir} does not say its model and width; pass them`, 'checkpointDir');
    }
    const generator = model.createGenerator({ width: w, seed: 0, flavour: config.flavour });
    try {
      assignAll(generator.variables, ckpt.tensors, 'g:', checkpointDir);
      assignAll(generator.state, ckpt.tensors, 'g:state:', checkpointDir);
    } catch (err) {
      generator.dispose();
      throw err;
    }
    return { spec: model, generator, width: w, flavour: config.flavour, step: ckpt.manifest.step };
  } finally {
    for (const t of ckpt.tensors.values()) t.dispose();
  }
}

function assignAll(vars: ReadonlyMap<string, tf.Variable>, saved: Map<string, tf.Tensor>, prefix: string, dir: string): void {
  for (const [name, v] of vars) {
    const t = saved.get(`${prefix}${name}`) ?? saved.get(name);
    if (!t) throw new StudioError('BAD_INPUT', `the checkpoint in ${dir} lacks the generator's ${name}`, 'checkpointDir');
    if (t.shape.join('x') !== v.shape.join('x')) {
      throw new StudioError(
        'BAD_INPUT',
        `the checkpoint's ${name} is [${t.shape.join(',')}] but the generator's is [${v.shape.join(',')}]: a different width?`,
        'checkpointDir',
      );
    }
    v.assign(t);
  }
}
