/**
 * Fetching a catalog model into a library through the per-user cache: the download goes to the cache (resumable,
 * retried, checked against the SHA-256 the catalog pins), then a generator is imported into the library's model
 * store and VGG19 is copied into the library's VGG19 folder. A model already in the cache installs without the
 * network; one already installed is left as it is.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rename, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { StudioError } from '@shared/errors';
import type { CatalogEntry } from '@shared/model-catalog';
import { writeFailure } from '../../engine/download/download-error';
import { fetchFile } from '../../engine/download/fetch-file';
import { downloadVgg19 } from '../../engine/vgg/download-vgg19';
import { importGenerator, importedGeneratorRecord, type ImportedGenerator } from './generator-store';
import { sourceOf } from './catalog';
import { hasVgg19, libraryVggDir } from './vgg-folder';

/** Layers the losses read; the rest of VGG19 (~470 MB of classifier) is not fetched. */
const VGG_LOSS_LAYERS_UP_TO = 'block4_conv4';

/** Options of {@link fetchCatalogModel}. */
export interface FetchModelOptions {
  /** The library to install into. */
  library: string;
  /** The per-user cache folder ({@link userModelCache}). */
  cache: string;
  /** The mirror base URL, when one is set. */
  mirror?: string;
  /** A generator's name in the library (default: its catalog name). */
  importAs?: string;
  /** VGG19 only: the folder to install into (default: the library's). */
  vggDir?: string;
  /** Overrides where the file is fetched from (a VGG19 model.json URL the user typed). */
  url?: string;
  /** VGG19 only: the last layer to fetch (default {@link VGG_LOSS_LAYERS_UP_TO}, all the losses read). */
  upTo?: string;
  signal?: AbortSignal;
  /** Bytes on disk so far, bytes in all when known, and the file in flight. */
  onProgress?(done: number, total: number | null, file: string): void;
  /** Further attempts per file after a network error or an HTTP 5xx (default 3), `retryDelayMs` apart times n. */
  retries?: number;
  retryDelayMs?: number;
}

/** What {@link fetchCatalogModel} installed. */
export type FetchedModel =
  | { kind: 'generator'; model: ImportedGenerator; alreadyInstalled: boolean; transferredBytes: number; source: string }
  | { kind: 'vgg19'; dir: string; alreadyInstalled: boolean; files: number; totalBytes: number; transferredBytes: number; source: string };

/** Fetches `entry` (see the file comment). DownloadError for a failed download, CONFLICT for a name taken by another model. */
export async function fetchCatalogModel(entry: CatalogEntry, o: FetchModelOptions): Promise<FetchedModel> {
  const source = o.url ?? sourceOf(entry, o.mirror);
  const common = { retries: o.retries ?? 3, retryDelayMs: o.retryDelayMs ?? 1000, signal: o.signal };
  if (entry.kind === 'vgg19') {
    const dir = o.vggDir ?? libraryVggDir(o.library);
    if (hasVgg19(dir)) return { kind: 'vgg19', dir, alreadyInstalled: true, files: 0, totalBytes: 0, transferredBytes: 0, source };
    const cacheDir = join(o.cache, 'vgg19');
    const r = await downloadVgg19(source, cacheDir, {
      ...common,
      upTo: o.upTo ?? VGG_LOSS_LAYERS_UP_TO,
      // The cache's finished copy installs offline, unless the user named a source to read.
      reuseFinished: o.url === undefined,
      ...(entry.sha256 ? { sha256: { 'model.json': entry.sha256 } } : {}),
      onProgress: (done, total, file) => o.onProgress?.(done, total, file),
    });
    await installFolder(cacheDir, ['model.json', ...r.files], dir);
    return { kind: 'vgg19', dir, alreadyInstalled: false, files: r.files.length, totalBytes: r.totalBytes, transferredBytes: r.transferredBytes, source };
  }
  const name = o.importAs ?? entry.name;
  const file = basename(entry.mirrorPath);
  const cached = join(o.cache, 'generators', entry.name, file);
  const existing = importedGeneratorRecord(o.library, name);
  if (existing) {
    // The same published file under this name is already installed: nothing to fetch.
    if (existing.file === file && (!entry.sha256 || existing.sha256 === entry.sha256)) {
      return { kind: 'generator', model: existing, alreadyInstalled: true, transferredBytes: 0, source };
    }
    throw new StudioError('CONFLICT', `a model named "${name}" is already imported from ${existing.file}: choose another name`, 'name');
  }
  await mkdir(dirname(cached), { recursive: true }).catch((err) => {
    throw writeFailure(err, file, dirname(cached));
  });
  const got = await fetchFile(new URL(source), cached, {
    ...common,
    file,
    ...(entry.sha256 ? { sha256: entry.sha256 } : {}),
    ...(entry.bytes ? { expectedBytes: entry.bytes } : {}),
    onBytes: (b) => o.onProgress?.(b, entry.bytes, file),
  });
  const model = await importGenerator(o.library, cached, name);
  return { kind: 'generator', model, alreadyInstalled: false, transferredBytes: got.transferred, source };
}

/** Whether `entry` is in the per-user cache (a generator's file, or VGG19's finished model.json). */
export function isCached(entry: CatalogEntry, cache: string): boolean {
  return entry.kind === 'vgg19'
    ? hasVgg19(join(cache, 'vgg19'))
    : existsSync(join(cache, 'generators', entry.name, basename(entry.mirrorPath)));
}

/**
 * Copies `files` (relative paths) from `from` into `to`, model.json last through a temporary name, so a folder with
 * a model.json is whole. Files already there at the same size are kept.
 */
export async function installFolder(from: string, files: string[], to: string): Promise<void> {
  const last = files.filter((f) => f === 'model.json');
  for (const f of [...files.filter((f) => f !== 'model.json'), ...last]) {
    const src = join(from, f);
    const dest = join(to, f);
    const [a, b] = await Promise.all([stat(src), stat(dest).catch(() => null)]);
    if (b && b.size === a.size && f !== 'model.json') continue;
    const temp = `${dest}.${process.pid}.installing`;
    try {
      await mkdir(dirname(dest), { recursive: true });
      await copyFile(src, temp);
      await rename(temp, dest);
    } catch (err) {
      throw writeFailure(err, f, dest);
    }
  }
}
