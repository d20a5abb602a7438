/**
 * The training feature behind the contract: the models and presets on offer, starting, measuring and steering runs,
 * and reading their records (metrics, previews) or exporting a run's generator to ONNX.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CallArg, CallOutput } from '@shared/contract';
import { StudioError } from '@shared/errors';
import { citeShort } from '@shared/papers';
import type { RunSummary } from '@shared/training';
import { fullWidthParams, listModels } from '../../engine/models/registry';
import { exportRunToOnnx } from '../../engine/stylize/export-run';
import { PRESETS } from '../../engine/training/presets';
import { expandHome } from '../files/home-path';
import type { OpenLibrary } from '../studio/open-library';
import { downsampleMetrics } from './downsample';
import { metricsFrom, previews, weightChanges } from './run-records-table';

/** Runs over whichever library is open when a call arrives. */
export class RunsService {
  constructor(private readonly open: () => OpenLibrary) {}

  /** The trainable models, with their paper, losses and parameter counts. */
  models(): CallOutput<'engine.models'> {
    return listModels().map((m) => ({
      name: m.name,
      title: m.title,
      paper: citeShort(m.paper),
      paperId: m.paper,
      adversarial: m.adversarial,
      losses: [...m.losses],
      previews: [...m.previews],
      sizeMultiple: m.sizeMultiple,
      cycle: m.cycle,
      params: fullWidthParams(m.name),
    }));
  }

  /** The style presets (loss weights and schedules of the papers). */
  presets(): CallOutput<'engine.presets'> {
    return [...PRESETS];
  }

  /** Starts a run in its own training process. */
  start({ styleSetId, contentSetId, name, config }: CallArg<'train.start'>): RunSummary {
    checkSize('train.start', config);
    return this.open().runs.start(styleSetId, contentSetId, config, name);
  }

  /** Measures what a run would take here before it exists. */
  estimate({ styleSetId, contentSetId, config }: CallArg<'train.estimate'>): Promise<CallOutput<'train.estimate'>> {
    checkSize('train.estimate', config);
    return this.open().runs.estimate(styleSetId, contentSetId, config);
  }

  /** Pauses a run after its current step. */
  pause({ runId }: CallArg<'train.pause'>): RunSummary {
    return this.open().runs.pause(runId);
  }

  /** Resumes a paused or interrupted run from its last checkpoint. */
  resume({ runId }: CallArg<'train.resume'>): RunSummary {
    return this.open().runs.resume(runId);
  }

  /** Stops a run for good (its checkpoints stay). */
  stop({ runId }: CallArg<'train.stop'>): RunSummary {
    return this.open().runs.stop(runId);
  }

  /** Changes a running run's loss weights from its next step. */
  setWeights({ runId, weights }: CallArg<'train.setWeights'>): RunSummary {
    return this.open().runs.setWeights(runId, weights);
  }

  /** Every run, newest first. */
  list(): RunSummary[] {
    return this.open().runs.list();
  }

  /** One run. */
  get({ runId }: CallArg<'runs.get'>): RunSummary {
    return this.open().runs.summary(runId);
  }

  /** A run's metrics from `fromStep`, at most `maxPoints` of them, with its weight changes. */
  metrics({ runId, fromStep, maxPoints }: CallArg<'runs.metrics'>): CallOutput<'runs.metrics'> {
    const { library, runs } = this.open();
    runs.summary(runId);
    const all = metricsFrom(library.store.db, runId, fromStep);
    return { total: all.length, points: downsampleMetrics(all, maxPoints), weightChanges: weightChanges(library.store.db, runId) };
  }

  /** A run's preview images by step. */
  previews({ runId }: CallArg<'runs.previews'>): CallOutput<'runs.previews'> {
    const { library, runs } = this.open();
    runs.summary(runId);
    return previews(library.store.db, runId);
  }

  /** Writes the run's last checkpointed generator as an ONNX file. */
  async exportOnnx({ runId, output, overwrite }: CallArg<'runs.exportOnnx'>): Promise<CallOutput<'runs.exportOnnx'>> {
    const { library, runs } = this.open();
    const run = runs.summary(runId);
    if (run.lastCheckpointStep === null) {
      throw new StudioError('BAD_INPUT', `run "${run.name}" has no checkpoint yet: let it train until it writes one`);
    }
    const target = expandHome(output);
    const folder = await stat(dirname(target)).catch(() => null);
    if (!folder?.isDirectory()) throw new StudioError('BAD_INPUT', `the folder ${dirname(target)} does not exist`, 'output');
    if (!overwrite && (await stat(target).catch(() => null))) {
      throw new StudioError('CONFLICT', `${basename(target)} already exists: choose another name or allow replacing it`, 'output');
    }
    return exportRunToOnnx(join(library.root, 'runs', run.id), target, run.name);
  }
}

/** The crop size must be a multiple of what the model's strides need (4 for AnimeGANv2). */
function checkSize(call: string, config: { model: string; size: number }): void {
  const model = listModels().find((m) => m.name === config.model)!;
  if (config.size % model.sizeMultiple !== 0) {
    throw new StudioError('VALIDATION', `${call}: config.size: must be a multiple of ${model.sizeMultiple} for ${model.name}`, 'config.size');
  }
}
