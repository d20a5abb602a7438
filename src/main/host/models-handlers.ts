/** Routes of the model-store calls (catalog, downloads, imported generators, VGG19) to the models service. */
import type { CallHandlers } from '@shared/contract';
import { VGG19_MODEL } from '@shared/model-catalog';
import type { ModelsService } from '../services/models/models-service';

type ModelCalls = 'models.list' | 'models.import' | 'models.catalog' | 'models.fetch' | 'train.vggStatus' | 'train.fetchVgg' | 'train.importVgg';

/** The routes; each argument arrives validated by the contract. */
export function modelsHandlers(models: ModelsService): Pick<CallHandlers, ModelCalls> {
  return {
    'models.list': async () => models.list(),
    'models.import': async (a) => models.import(a),
    'models.catalog': async () => models.catalog(),
    'models.fetch': async ({ name, importAs }) => models.fetch({ name, ...(importAs ? { importAs } : {}) }),
    'train.vggStatus': async () => models.vggStatus(),
    'train.fetchVgg': async ({ url }) => models.fetch({ name: VGG19_MODEL.name, ...(url ? { url } : {}) }),
    'train.importVgg': async (a) => models.importVgg(a),
  };
}
