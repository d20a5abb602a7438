/**
 * A run that starts from an existing generator (`config.startFrom`): an imported one of the library's model store,
 * or another run's newest checkpoint. Checked when the run is created (the source must exist, be trainable and be
 * the run's model and width) and turned into the checkpoint folder the training process reads the weights from.
 */
import { join } from 'node:path';
import { StudioError } from '@shared/errors';
import { TrainConfig } from '@shared/training';
import type { Db } from '../library/database';
import { importedGeneratorRecord, importedGeneratorWeights } from '../models/generator-store';
import { getRunRow } from './runs-table';

/** Where a run's generator starts, resolved: the config to store (with the source's flavour) and the weights' folder. */
export interface ResolvedStart {
  config: TrainConfig;
  /** Checkpoint folder of the generator to start from. */
  dir: string;
  /** E.g. `imported generator "paprika" (animegan2-pytorch flavour)`, for messages. */
  label: string;
}

/**
 * Checks `config.startFrom` against the library at `root` and returns the config to store with its flavour set;
 * undefined when the run starts from random weights. BAD_INPUT / NOT_FOUND naming what is wrong.
 */
export function resolveStartFrom(db: Db, root: string, config: TrainConfig): ResolvedStart | undefined {
  const from = config.startFrom;
  if (!from) return undefined;
  if (from.kind === 'imported') {
    const record = importedGeneratorRecord(root, from.name);
    if (!record) throw new StudioError('NOT_FOUND', `no imported model named "${from.name}" (cel-studio models list shows them)`, 'startFrom');
    if (record.model === null || record.width === null) {
      throw new StudioError(
        'BAD_INPUT',
        `"${from.name}" is an ONNX generator the studio cannot train (only animegan2-pytorch generators and their ONNX exports can be a start): it converts as a style`,
        'startFrom',
      );
    }
    const flavour = record.flavour ?? 'tf';
    requireSame(config, record.model, record.width, `imported model "${from.name}"`);
    return { config: { ...config, flavour }, dir: importedGeneratorWeights(root, from.name), label: `imported model "${from.name}" (${flavour} flavour)` };
  }
  const row = getRunRow(db, from.name);
  if (!row) throw new StudioError('NOT_FOUND', `no run with id ${from.name}`, 'startFrom');
  if (row.checkpoint_step === null) throw new StudioError('BAD_INPUT', `run "${row.name}" has no checkpoint yet to start from`, 'startFrom');
  const source = TrainConfig.parse(JSON.parse(row.config));
  requireSame(config, source.model, source.width, `run "${row.name}"`);
  const flavour = source.flavour ?? 'tf';
  return {
    config: { ...config, flavour },
    dir: join(root, 'runs', row.id),
    label: `run "${row.name}" at step ${row.checkpoint_step}`,
  };
}

/** The run must build the very generator it starts from. */
function requireSame(config: TrainConfig, model: string, width: number, what: string): void {
  if (config.model !== model) {
    throw new StudioError('BAD_INPUT', `${what} is a ${model} generator: train it as ${model}, not ${config.model}`, 'config.model');
  }
  if (config.width !== width) {
    throw new StudioError('BAD_INPUT', `${what} has width ${width}: set the width to ${width} to start from it`, 'config.width');
  }
}
