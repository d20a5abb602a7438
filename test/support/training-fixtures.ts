/**
 * Small real training sets: style images copied from ../shared/corpus/style and photos from
 * ../shared/corpus/photos when present, else synthetic pictures, imported into a library through the real
 * photo import so training reads them the way the studio does.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';
import type { JobSummary, SetSummary } from '@shared/library';
import { StudioHost } from '../../src/main/host/studio-host';
import { assertBuilt, REPO_DIR } from './cli';
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

/** How a test's training host is made: the VGG19 folder, and a stand-in training process or library folder if any. */
export interface TrainingHostOptions {
  vggDir?: string;
  /** The training process's entry; by default the built train-worker (the build must exist). */
  trainWorker?: string;
  /** The library folder to create; by default `lib` in a new temp folder. */
  library?: string;
}

/**
 * For a test file whose tests train through a StudioHost: returns `open`, which makes a host on a new library, and
 * disposes the host a test opened after that test.
 */
export function useTrainingHost(): (opts: TrainingHostOptions) => Promise<StudioHost> {
  let host: StudioHost | undefined;
  afterEach(async () => {
    await host?.dispose();
    host = undefined;
  });
  return async ({ vggDir, trainWorker, library = join(tempDir(), 'lib') }) => {
    if (!trainWorker) assertBuilt();
    host = new StudioHost({ version: 'test', trainWorker: trainWorker ?? resolve(REPO_DIR, 'out/main/train-worker.js'), vggDir });
    await host.openLibrary(library, true);
    return host;
  };
}
