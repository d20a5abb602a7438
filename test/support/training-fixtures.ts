/**
 * Small real training sets: style images copied from ../shared/corpus/style and photos from
 * ../shared/corpus/photos when present, else synthetic pictures, imported into a library through the real
 * photo import so training reads them the way the studio does.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { JobSummary, SetSummary } from '@shared/library';
import type { StudioHost } from '../../src/main/host/studio-host';
import { makeCurationFrames } from './curation-fixtures';
import { sharedPath } from './shared-assets';
import { tempDir } from './temp-dir';

/** Copies the first `n` files of a corpus folder (sorted) into a new temp folder, or makes synthetic ones. */
async function corpusSample(folder: string, n: number, filter: (name: string) => boolean): Promise<string> {
  const dir = tempDir();
  const src = sharedPath(`corpus/${folder}`);
  if (!src) return makeCurationFrames(dir);
  const names = readdirSync(src).filter(filter).sort().slice(0, n);
  mkdirSync(dir, { recursive: true });
  for (const name of names) copyFileSync(join(src, name), join(dir, name));
  return dir;
}

/** Imports `n` style images and `n` photos into the open library; returns the two sets. */
export async function importTrainingSets(host: StudioHost, n = 6): Promise<{ style: SetSummary; content: SetSummary }> {
  const ctx = { transport: 'cli' as const };
  const styleDir = await corpusSample('style', n, (f) => f.startsWith('blupi_'));
  const photoDir = await corpusSample('photos', n, (f) => f.startsWith('scratch_'));
  for (const [folder, setName, kind] of [
    [styleDir, 'anime', 'style'],
    [photoDir, 'photos', 'content'],
  ] as const) {
    const job = (await host.dispatch('import.photos', { folder, setName, kind }, ctx)) as JobSummary;
    await host.open().jobs.wait(job.id);
  }
  const sets = (await host.dispatch('sets.list', {}, ctx)) as SetSummary[];
  return { style: sets.find((s) => s.name === 'anime')!, content: sets.find((s) => s.name === 'photos')! };
}
