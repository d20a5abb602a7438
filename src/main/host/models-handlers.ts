/** Handlers of the model-store calls: the catalog, fetching from it, the library's imported generators, importing one. */
import type { CallHandlers } from '@shared/contract';
import { importGenerator, listImportedGenerators } from '../services/models/generator-store';
import { catalogListing, downloadJob } from '../services/models/model-requests';
import { expandHome } from './home-path';
import type { OpenLibrary } from './open-library';

/** The handlers, over whichever library is open when a call arrives. */
export function modelsHandlers(open: () => OpenLibrary): Pick<CallHandlers, 'models.list' | 'models.import' | 'models.catalog' | 'models.fetch'> {
  return {
    'models.list': async () => listImportedGenerators(open().library.root),
    'models.import': async ({ path, name }) => importGenerator(open().library.root, expandHome(path), name),
    'models.catalog': async () => {
      const { library, runs } = open();
      return catalogListing(library.root, runs.vggFolder);
    },
    'models.fetch': async ({ name, importAs }) => {
      const lib = open();
      const { kind, params } = await downloadJob({ name, ...(importAs ? { importAs } : {}) }, lib.runs.vggFolder);
      return lib.jobs.start(kind, params);
    },
  };
}
