/** Handlers of the training calls: models and presets on offer, runs and their records. */
import type { CallHandlers } from '@shared/contract';
import { StudioError } from '@shared/errors';
import { fullWidthParams, listModels } from '../engine/models/registry';
import { PRESETS } from '../engine/training/presets';
import { downsampleMetrics } from '../services/training/downsample';
import { metricsFrom, previews, weightChanges } from '../services/training/run-records-table';
import type { OpenLibrary } from './open-library';

type TrainingCalls =
  | 'engine.models'
  | 'engine.presets'
  | 'train.start'
  | 'train.pause'
  | 'train.resume'
  | 'train.stop'
  | 'train.setWeights'
  | 'runs.list'
  | 'runs.get'
  | 'runs.metrics'
  | 'runs.previews';

/** The handlers, over whichever library is open when a call arrives. */
export function trainingHandlers(open: () => OpenLibrary): Pick<CallHandlers, TrainingCalls> {
  return {
    'engine.models': async () =>
      listModels().map((m) => ({
        name: m.name,
        title: m.title,
        paper: m.paper,
        adversarial: m.adversarial,
        losses: [...m.losses],
        previews: [...m.previews],
        sizeMultiple: m.sizeMultiple,
        cycle: m.cycle,
        params: fullWidthParams(m.name),
      })),
    'engine.presets': async () => [...PRESETS],
    'train.start': async ({ styleSetId, contentSetId, name, config }) => {
      const model = listModels().find((m) => m.name === config.model)!;
      if (config.size % model.sizeMultiple !== 0) {
        throw new StudioError('VALIDATION', `train.start: config.size: must be a multiple of ${model.sizeMultiple} for ${model.name}`, 'config.size');
      }
      return open().runs.start(styleSetId, contentSetId, config, name);
    },
    'train.pause': async ({ runId }) => open().runs.pause(runId),
    'train.resume': async ({ runId }) => open().runs.resume(runId),
    'train.stop': async ({ runId }) => open().runs.stop(runId),
    'train.setWeights': async ({ runId, weights }) => open().runs.setWeights(runId, weights),
    'runs.list': async () => open().runs.list(),
    'runs.get': async ({ runId }) => open().runs.summary(runId),
    'runs.metrics': async ({ runId, fromStep, maxPoints }) => {
      const { library, runs } = open();
      runs.summary(runId);
      const all = metricsFrom(library.store.db, runId, fromStep);
      return { total: all.length, points: downsampleMetrics(all, maxPoints), weightChanges: weightChanges(library.store.db, runId) };
    },
    'runs.previews': async ({ runId }) => {
      const { library, runs } = open();
      runs.summary(runId);
      return previews(library.store.db, runId);
    },
  };
}
