/**
 * The `import-set` job: reads a folder in AnimeGANv2's layout (`style/` or `train_photo/`) back into a set.
 * With the `cel-studio-set.json` an export wrote, each file keeps its source, decision and tags; without it,
 * the images are imported as unreviewed photos.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { Id } from '@shared/schema-parts';
import { StudioError } from '@shared/errors';
import { SetKind, SetName } from '@shared/library';
import type { Library } from '../library/library';
import type { JobRunner } from '../jobs/job-runner';
import { commitImage } from '../frames/store-frame';
import { storePhoto } from '../photos/store-photo';
import { setTag } from '../curation/set-image-tags-table';
import { LAYOUT, MANIFEST_FILE, SetManifest, type ManifestEntry } from './set-manifest';

export const ImportSetParams = z.object({
  folder: z.string(),
  setId: Id,
  setName: SetName,
  kind: SetKind,
  /** The subfolder holding the images: style/ or train_photo/. */
  subfolder: z.string(),
});
export type ImportSetParams = z.infer<typeof ImportSetParams>;

/** What a folder holds: its manifest (validated) if any, and which layout it follows. */
export function inspectSetFolder(folder: string): { manifest: SetManifest | null; kind: 'style' | 'content'; subfolder: string } {
  let manifest: SetManifest | null = null;
  const mf = join(folder, MANIFEST_FILE);
  if (existsSync(mf)) {
    const parsed = SetManifest.safeParse(JSON.parse(readFileSync(mf, 'utf8')));
    if (!parsed.success) {
      throw new StudioError('BAD_INPUT', `${mf} is not a Cel Studio set manifest: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    manifest = parsed.data;
  }
  if (existsSync(join(folder, LAYOUT.style))) return { manifest, kind: manifest?.kind ?? 'style', subfolder: LAYOUT.style };
  if (existsSync(join(folder, LAYOUT.content))) return { manifest, kind: manifest?.kind ?? 'content', subfolder: LAYOUT.content };
  throw new StudioError('BAD_INPUT', `${folder} has neither a ${LAYOUT.style}/ nor a ${LAYOUT.content}/ folder`, 'folder');
}

/** Builds the runner for `library`. */
export function importSetRunner(library: Library): JobRunner<ImportSetParams> {
  const entries = new Map<string, Map<string, ManifestEntry>>();
  const entryFor = (p: ImportSetParams, file: string): ManifestEntry | undefined => {
    let byFile = entries.get(p.folder);
    if (!byFile) {
      byFile = new Map(inspectSetFolder(p.folder).manifest?.files.map((e) => [e.file, e]) ?? []);
      entries.set(p.folder, byFile);
    }
    return byFile.get(file);
  };
  return {
    kind: 'import-set',
    concurrency: 2,
    parseParams: (raw) => ImportSetParams.parse(raw),
    title: (p) => `Import set folder into "${p.setName}"`,
    setIdOf: (p) => p.setId,
    async plan(p) {
      const dir = join(p.folder, p.subfolder);
      const names = (await readdir(dir)).filter((n) => !n.startsWith('.') && !n.endsWith('.part')).sort();
      return names.map((n) => join(dir, n));
    },
    async runItem(p, path) {
      const stored = await storePhoto(library.files, path);
      if (!stored.ok) return { outcome: 'skipped', detail: stored.reason };
      const entry = entryFor(p, basename(path));
      return {
        outcome: 'imported',
        commit(tx) {
          const source = entry
            ? { path: entry.sourcePath, kind: entry.sourceKind, time: entry.sourceTime }
            : { path, kind: 'photo' as const };
          const id = commitImage(tx, p.setId, stored.photo, stored.scores, source, entry?.status ?? 'unreviewed');
          if (id === null) return 'duplicate';
          for (const t of entry?.tags ?? []) setTag(tx, id, t, true);
          return 'imported';
        },
      };
    },
  };
}
