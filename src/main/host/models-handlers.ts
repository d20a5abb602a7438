/** Handlers of the model-store calls: the library's imported generators, and importing one. */
import type { CallHandlers } from '@shared/contract';
import { importGenerator, listImportedGenerators } from '../services/models/generator-store';
import { expandHome } from './home-path';
import type { OpenLibrary } from './open-library';

/** The handlers, over whichever library is open when a call arrives. */
export function modelsHandlers(open: () => OpenLibrary): Pick<CallHandlers, 'models.list' | 'models.import'> {
  return {
    'models.list': async () => listImportedGenerators(open().library.root),
    'models.import': async ({ path, name }) => importGenerator(open().library.root, expandHome(path), name),
  };
}
