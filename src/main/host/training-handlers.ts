/** Routes of the training calls (models and presets on offer, runs and their records) to the runs service. */
import type { CallHandlers } from '@shared/contract';
import type { RunsService } from '../services/training/runs-service';

type TrainingCalls =
  | 'engine.models'
  | 'engine.presets'
  | 'train.start'
  | 'train.estimate'
  | 'train.pause'
  | 'train.resume'
  | 'train.stop'
  | 'train.setWeights'
  | 'runs.list'
  | 'runs.get'
  | 'runs.metrics'
  | 'runs.previews'
  | 'runs.exportOnnx';

/** The routes; each argument arrives validated by the contract. */
export function trainingHandlers(runs: RunsService): Pick<CallHandlers, TrainingCalls> {
  return {
    'engine.models': async () => runs.models(),
    'engine.presets': async () => runs.presets(),
    'train.start': async (a) => runs.start(a),
    'train.estimate': async (a) => runs.estimate(a),
    'train.pause': async (a) => runs.pause(a),
    'train.resume': async (a) => runs.resume(a),
    'train.stop': async (a) => runs.stop(a),
    'train.setWeights': async (a) => runs.setWeights(a),
    'runs.list': async () => runs.list(),
    'runs.get': async (a) => runs.get(a),
    'runs.metrics': async (a) => runs.metrics(a),
    'runs.previews': async (a) => runs.previews(a),
    'runs.exportOnnx': async (a) => runs.exportOnnx(a),
  };
}
