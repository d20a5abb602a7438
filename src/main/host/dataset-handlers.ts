/** Handlers of the dataset-curation calls: video import, item queries and decisions, bin, stats, export. */
import { existsSync, statSync } from 'node:fs';
import type { CallHandlers } from '@shared/contract';
import { StudioError } from '@shared/errors';
import { inspectSetFolder } from '../services/sets/import-set-runner';
import { expandHome } from './home-path';
import type { OpenLibrary } from './open-library';

type DatasetCalls =
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

/** Checks a clip path up front so a typo is a call error rather than a failed job. */
function assertClip(path: string): string {
  const full = expandHome(path);
  if (!existsSync(full)) throw new StudioError('BAD_INPUT', `clip ${full} does not exist`, 'clips');
  if (!statSync(full).isFile()) throw new StudioError('BAD_INPUT', `${full} is a folder, not a clip`, 'clips');
  return full;
}

/** The handlers, over whichever library is open when a call arrives. */
export function datasetHandlers(open: () => OpenLibrary): Pick<CallHandlers, DatasetCalls> {
  return {
    'import.video': async ({ clips, setName, kind, sampling }) => {
      const { library, jobs } = open();
      const paths = clips.map(assertClip);
      const set = library.ensureSet(setName, kind);
      return jobs.start('import-video', { clips: paths, setId: set.id, setName: set.name, kind: set.kind, sampling });
    },
    'items.query': async ({ setId, filter, sort, dedupeDistance, offset, limit }) =>
      open().curation.query(setId, { filter, sort, dedupeDistance, offset, limit }),
    'items.decide': async ({ setId, itemIds, status }) => open().curation.decide(setId, itemIds, status),
    'items.tag': async ({ setId, itemIds, tag, add }) => open().curation.tag(setId, itemIds, tag, add),
    'items.crops': async ({ setId, itemId, size, count, seed }) => ({
      rects: open().curation.crops(setId, itemId, size, count, seed),
    }),
    'curation.undo': async ({ setId }) => open().curation.undo(setId),
    'curation.rejectDuplicates': async ({ setId, dedupeDistance }) => open().curation.rejectDuplicates(setId, dedupeDistance),
    'bin.empty': async ({ setId }) => open().curation.emptyBin(setId),
    'sets.stats': async ({ setId }) => open().curation.stats(setId),
    'sets.export': async ({ setId, folder, statuses, cropSize }) => {
      const { library, jobs } = open();
      const set = library.listSets().find((s) => s.id === setId);
      if (!set) throw new StudioError('NOT_FOUND', `no set with id ${setId}`, 'setId');
      return jobs.start('export-set', {
        setId,
        setName: set.name,
        kind: set.kind,
        folder: expandHome(folder),
        statuses,
        cropSize,
      });
    },
    'sets.importFolder': async ({ folder, setName }) => {
      const { library, jobs } = open();
      const root = expandHome(folder);
      if (!existsSync(root)) throw new StudioError('BAD_INPUT', `folder ${root} does not exist`, 'folder');
      const { manifest, kind, subfolder } = inspectSetFolder(root);
      const set = library.ensureSet(setName ?? manifest?.name ?? 'imported set', kind);
      return jobs.start('import-set', { folder: root, setId: set.id, setName: set.name, kind: set.kind, subfolder });
    },
  };
}
