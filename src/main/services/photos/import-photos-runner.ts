/** The `import-photos` job: every photo under a folder into a set, content-addressed, without duplicates. */
import { z } from 'zod';
import { SetKind, SetName } from '@shared/models';
import { insertImage } from '../library/images-table';
import { upsertScores } from '../library/image-scores-table';
import { scoreEncoded } from '../frames/store-frame';
import { addToSet } from '../library/set-images-table';
import type { FileStore } from '../library/file-store';
import type { JobRunner } from '../jobs/job-runner';
import { readPhoto } from './read-photo';
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
      const read = await readPhoto(path);
      if (!read.ok) return { outcome: 'skipped', detail: read.reason };
      const { photo } = read;
      await files.put(photo.hash, 'original', photo.data, photo.format);
      await files.put(photo.hash, 'thumb', photo.thumb);
      const scores = await scoreEncoded(photo.data);
      return {
        outcome: 'imported',
        commit(tx) {
          const now = new Date().toISOString();
          insertImage(tx, photo, now);
          upsertScores(tx, photo.hash, scores);
          return addToSet(tx, p.setId, photo.hash, { path, kind: 'photo' }, now) !== null ? 'imported' : 'duplicate';
        },
      };
    },
  };
}
