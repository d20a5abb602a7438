/** The `import-photos` job: every photo under a folder into a set, content-addressed, without duplicates. */
import { z } from 'zod';
import { SetKind, SetName } from '@shared/library';
import { commitImage } from '../frames/store-frame';
import type { FileStore } from '../library/file-store';
import type { JobRunner } from '../jobs/job-runner';
import { storePhoto } from './store-photo';
import { scanFolder } from './scan-folder';

/** Stored parameters of a photo import. */
export const ImportPhotosParams = z.object({
  folder: z.string(),
  setId: z.number().int(),
  setName: SetName,
  kind: SetKind,
});
export type ImportPhotosParams = z.infer<typeof ImportPhotosParams>;

/** Builds the runner for a library whose files live in `files` (its root is left out of the scan). */
export function importPhotosRunner(files: FileStore): JobRunner<ImportPhotosParams> {
  return {
    kind: 'import-photos',
    concurrency: 2,
    parseParams: (raw) => ImportPhotosParams.parse(raw),
    title: (p) => `Import photos into "${p.setName}"`,
    setIdOf: (p) => p.setId,
    plan: (p, signal) => scanFolder(p.folder, { exclude: files.root, signal }),
    async runItem(p, path) {
      const stored = await storePhoto(files, path);
      if (!stored.ok) return { outcome: 'skipped', detail: stored.reason };
      return {
        outcome: 'imported',
        commit: (tx) =>
          commitImage(tx, p.setId, stored.photo, stored.scores, { path, kind: 'photo' }) !== null ? 'imported' : 'duplicate',
      };
    },
  };
}
