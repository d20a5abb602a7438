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

/** The routes; each argument arrives validated by the contract. */
export function datasetHandlers(datasets: DatasetsService): Pick<CallHandlers, DatasetCalls> {
  return {
    'sets.list': async () => datasets.listSets(),
    'sets.create': async (a) => datasets.createSet(a),
    'images.list': async (a) => datasets.images(a),
    'import.photos': async (a) => datasets.importPhotos(a),
    'import.video': async (a) => datasets.importVideo(a),
    'items.query': async (a) => datasets.query(a),
    'items.decide': async (a) => datasets.decide(a),
    'items.tag': async (a) => datasets.tag(a),
    'items.crops': async (a) => datasets.crops(a),
    'curation.undo': async (a) => datasets.undo(a),
    'curation.rejectDuplicates': async (a) => datasets.rejectDuplicates(a),
    'bin.empty': async (a) => datasets.emptyBin(a),
    'sets.stats': async (a) => datasets.stats(a),
    'sets.export': async (a) => datasets.exportSet(a),
    'sets.importFolder': async (a) => datasets.importFolder(a),
  };
}
