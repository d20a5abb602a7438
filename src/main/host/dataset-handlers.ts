/** Routes of the dataset calls (sets, images, imports, curation, export) to the datasets service. */
import type { CallHandlers } from '@shared/contract';
import type { DatasetsService } from '../services/datasets/datasets-service';

type DatasetCalls =
  | 'sets.list'
  | 'sets.create'
  | 'images.list'
  | 'import.photos'
  | 'import.video'
  | 'items.query'
  | 'items.decide'
  | 'items.tag'
  | 'items.crops'
  | 'curation.undo'
  | 'curation.rejectDuplicates'
  | 'bin.empty'
  | 'sets.stats'
  | 'sets.export'
  | 'sets.importFolder';

/**
 * The routes; each argument arrives validated by the contract. `changed` is told after a curation write, which
 * changes a set's counts (its bin, its images), so every window's set list follows.
 */
export function datasetHandlers(datasets: DatasetsService, changed: () => void): Pick<CallHandlers, DatasetCalls> {
  const thenChanged = <T>(result: T): T => {
    changed();
    return result;
  };
  return {
    'sets.list': async () => datasets.listSets(),
    'sets.create': async (a) => datasets.createSet(a),
    'images.list': async (a) => datasets.images(a),
    'import.photos': async (a) => datasets.importPhotos(a),
    'import.video': async (a) => datasets.importVideo(a),
    'items.query': async (a) => datasets.query(a),
    'items.decide': async (a) => thenChanged(datasets.decide(a)),
    'items.tag': async (a) => datasets.tag(a),
    'items.crops': async (a) => datasets.crops(a),
    'curation.undo': async (a) => thenChanged(datasets.undo(a)),
    'curation.rejectDuplicates': async (a) => thenChanged(datasets.rejectDuplicates(a)),
    'bin.empty': async (a) => thenChanged(await datasets.emptyBin(a)),
    'sets.stats': async (a) => datasets.stats(a),
    'sets.export': async (a) => datasets.exportSet(a),
    'sets.importFolder': async (a) => datasets.importFolder(a),
  };
}
