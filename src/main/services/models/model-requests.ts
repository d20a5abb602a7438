/**
 * The model store's answers to the app and the CLI: the catalog with what this library has, and the job that fetches
 * a catalog model. The host only routes to these.
 */
import { StudioError } from '@shared/errors';
import type { JobKind } from '@shared/library';
import type { CatalogEntry, CatalogListing } from '@shared/model-catalog';
import { catalogEntry, loadCatalog, sourceOf } from './catalog';
import { isCached } from './fetch-model';
import { importedGeneratorRecord } from './generator-store';
import { modelMirror, userModelCache } from './model-cache';
import { hasVgg19, refuseUserVggFolder } from './vgg-folder';
import type { ModelDownloadParams } from './model-download-runner';

/** Whether `entry` is installed in the library (VGG19: in the folder training reads, `vggDir`). */
function isInstalled(entry: CatalogEntry, libraryRoot: string, vggDir: string): boolean {
  return entry.kind === 'vgg19' ? hasVgg19(vggDir) : importedGeneratorRecord(libraryRoot, entry.name) !== undefined;
}

/** The catalog, each model marked installed / cached, with where it would come from. */
export async function catalogListing(libraryRoot: string, vggDir: string, env: NodeJS.ProcessEnv = process.env): Promise<CatalogListing> {
  const mirror = modelMirror(env);
  const cache = userModelCache(env);
  const catalog = await loadCatalog(mirror);
  const note = typeof catalog.mirrorCatalog === 'object' ? `the mirror's catalog could not be read (${catalog.mirrorCatalog.error}); the built-in list is shown` : null;
  return {
    models: catalog.entries.map((e) => ({
      ...e,
      installed: isInstalled(e, libraryRoot, vggDir),
      cached: isCached(e, cache),
      source: sourceOf(e, mirror),
    })),
    mirror: mirror ?? null,
    cache,
    note,
  };
}

/** What to fetch and how: a catalog name, the library name for a generator, a source the user typed. */
export interface DownloadRequest {
  name: string;
  importAs?: string;
  url?: string;
}

/**
 * The job kind and params that fetch `req.name` into the library (VGG19 into `vggDir`, the folder training reads).
 * CONFLICT for VGG19 when `CEL_STUDIO_VGG19` names that folder: the user's own copy is never downloaded over.
 */
export async function downloadJob(req: DownloadRequest, vggDir: string, env: NodeJS.ProcessEnv = process.env): Promise<{ kind: JobKind; params: ModelDownloadParams }> {
  const mirror = modelMirror(env);
  const entry = catalogEntry(await loadCatalog(mirror), req.name);
  if (entry.kind === 'vgg19' && req.importAs) throw new StudioError('BAD_INPUT', 'VGG19 is not imported under a name: leave the name out', 'importAs');
  if (entry.kind === 'vgg19') refuseUserVggFolder(vggDir, env);
  const params: ModelDownloadParams = {
    entry,
    cache: userModelCache(env),
    ...(mirror ? { mirror } : {}),
    ...(req.url ? { url: req.url } : {}),
    ...(req.importAs ? { importAs: req.importAs } : {}),
    ...(entry.kind === 'vgg19' ? { vggDir } : {}),
  };
  return { kind: entry.kind === 'vgg19' ? 'download-vgg19' : 'download-model', params };
}
