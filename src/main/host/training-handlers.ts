/** Handlers of the training calls: models and presets on offer, runs and their records. */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CallHandlers } from '@shared/contract';
import { StudioError } from '@shared/errors';
import { citeShort } from '@shared/papers';
import type { VggStatus } from '@shared/training';
import { fullWidthParams, listModels } from '../engine/models/registry';
import { PRESETS } from '../engine/training/presets';
import { libraryVggDir } from '../services/models/vgg-folder';
import { VGG19_MODEL } from '@shared/model-catalog';
import { sourceOf } from '../services/models/catalog';
import { modelMirror } from '../services/models/model-cache';
import { downloadJob } from '../services/models/model-requests';
import { importVggFolder } from '../services/models/vgg-import';
import { downsampleMetrics } from '../services/training/downsample';
import { metricsFrom, previews, weightChanges } from '../services/training/run-records-table';
import { exportRunToOnnx } from '../engine/stylize/export-run';
import { expandHome } from './home-path';
import type { OpenLibrary } from './open-library';

type TrainingCalls =
  | 'engine.models'
  | 'engine.presets'
  | 'train.start'
  | 'train.estimate'
  | 'train.pause'
  | 'train.resume'
  | 'train.stop'
  | 'train.setWeights'
  | 'train.vggStatus'
  | 'train.fetchVgg'
  | 'train.importVgg'
  | 'runs.list'
  | 'runs.get'
  | 'runs.metrics'
  | 'runs.previews'
  | 'runs.exportOnnx';

/** The handlers, over whichever library is open when a call arrives. */
export function trainingHandlers(open: () => OpenLibrary): Pick<CallHandlers, TrainingCalls> {
  return {
    'engine.models': async () =>
      listModels().map((m) => ({
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
      })),
    'engine.presets': async () => [...PRESETS],
    'train.start': async ({ styleSetId, contentSetId, name, config }) => {
      checkSize('train.start', config);
      return open().runs.start(styleSetId, contentSetId, config, name);
    },
    'train.estimate': async ({ styleSetId, contentSetId, config }) => {
      checkSize('train.estimate', config);
      return open().runs.estimate(styleSetId, contentSetId, config);
    },
    'train.pause': async ({ runId }) => open().runs.pause(runId),
    'train.resume': async ({ runId }) => open().runs.resume(runId),
    'train.stop': async ({ runId }) => open().runs.stop(runId),
    'train.setWeights': async ({ runId, weights }) => open().runs.setWeights(runId, weights),
    'train.vggStatus': async () => vggStatus(open()),
    'train.fetchVgg': async ({ url }) => {
      const lib = open();
      const { kind, params } = await downloadJob({ name: VGG19_MODEL.name, ...(url ? { url } : {}) }, lib.runs.vggFolder);
      return lib.jobs.start(kind, params);
    },
    'train.importVgg': async ({ path }) => {
      const lib = open();
      await importVggFolder(expandHome(path), vggStatus(lib).dir);
      return vggStatus(lib);
    },
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
    'runs.exportOnnx': async ({ runId, output, overwrite }) => {
      const { library, runs } = open();
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
    },
  };
}

/** Where training reads VGG19 and whether it is there (a finished download has its model.json in place). */
function vggStatus({ library, runs }: OpenLibrary): VggStatus {
  const dir = runs.vggFolder;
  return {
    installed: existsSync(join(dir, 'model.json')),
    dir,
    source: dir === libraryVggDir(library.root) ? 'library' : 'env',
    url: sourceOf(VGG19_MODEL, modelMirror()),
    downloadBytes: VGG19_MODEL.bytes!,
  };
}

/** The crop size must be a multiple of what the model's strides need (4 for AnimeGANv2). */
function checkSize(call: string, config: { model: string; size: number }): void {
  const model = listModels().find((m) => m.name === config.model)!;
  if (config.size % model.sizeMultiple !== 0) {
    throw new StudioError('VALIDATION', `${call}: config.size: must be a multiple of ${model.sizeMultiple} for ${model.name}`, 'config.size');
  }
}
