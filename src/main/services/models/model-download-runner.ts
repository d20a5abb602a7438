/**
 * Downloading a catalog model as a job (kind 'download-vgg19' for VGG19, 'download-model' for a generator): progress
 * in bytes, cancel, and a resume that continues the partial file in the per-user cache. One item.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { JobKind } from '@shared/library';
import { CatalogEntry, VGG19_MODEL } from '@shared/model-catalog';
import { ImportedModelName } from '@shared/training';
import type { JobRunner } from '../jobs/job-runner';
import { fetchCatalogModel, type FetchModelOptions } from './fetch-model';
import { userModelCache } from './model-cache';

/** A download job: the catalog entry (as it was when queued), the cache, and where it installs. */
export const ModelDownloadParams = z
  .object({
    entry: CatalogEntry,
    cache: z.string().min(1),
    mirror: z.string().url().optional(),
    /** A source the user named instead of the entry's. */
    url: z.string().url().optional(),
    importAs: ImportedModelName.optional(),
    /** VGG19: the folder training reads (the library's). */
    vggDir: z.string().min(1).optional(),
  })
  .strict();
export type ModelDownloadParams = z.infer<typeof ModelDownloadParams>;

/** The fetch options a download's params stand for, into `library` (the job and the CLI fetch alike). */
export function fetchOptions(p: ModelDownloadParams, library: string): FetchModelOptions {
  return {
    library,
    cache: p.cache,
    ...(p.mirror ? { mirror: p.mirror } : {}),
    ...(p.url ? { url: p.url } : {}),
    ...(p.importAs ? { importAs: p.importAs } : {}),
    ...(p.vggDir ? { vggDir: p.vggDir } : {}),
  };
}

/** Params of a VGG19 download queued before the catalog ({url, dest}), read as today's. */
const LegacyVggParams = z.object({ url: z.string().url(), dest: z.string().min(1) }).strict();

/** The runner of `kind` jobs for the library at `libraryRoot`. */
export function modelDownloadRunner(kind: Extract<JobKind, 'download-vgg19' | 'download-model'>, libraryRoot: string): JobRunner<ModelDownloadParams> {
  return {
    kind,
    parseParams: (raw) => {
      const legacy = LegacyVggParams.safeParse(raw);
      if (kind === 'download-vgg19' && legacy.success) {
        return { entry: VGG19_MODEL, cache: userModelCache(), url: legacy.data.url, vggDir: legacy.data.dest };
      }
      return ModelDownloadParams.parse(raw);
    },
    title: (p) => `Download ${p.entry.name} from ${new URL(p.url ?? p.mirror ?? p.entry.url).host}`,
    outputOf: (p) => (p.entry.kind === 'vgg19' ? (p.vggDir ?? null) : join(libraryRoot, 'models', 'generators', p.importAs ?? p.entry.name)),
    plan: async (p) => [p.entry.name],
    async runItem(p, _key, signal, ctx) {
      try {
        const r = await fetchCatalogModel(p.entry, {
          ...fetchOptions(p, libraryRoot),
          signal,
          onProgress: (done, total, file) => ctx.report(total ? done / total : 0, `${file}: ${mb(done)}${total ? ` of ${mb(total)}` : ''}`),
        });
        const detail =
          r.kind === 'vgg19'
            ? r.alreadyInstalled
              ? 'already installed'
              : `${r.files} files, ${mb(r.totalBytes)}`
            : `${r.alreadyInstalled ? 'already installed as' : 'installed as'} ${r.model.name} (sha256 ${r.model.sha256.slice(0, 12)})`;
        return { outcome: 'imported', detail, counts: { bytes: r.transferredBytes } };
      } catch (err) {
        // Cancelled: the partial file stays in the cache for the resume.
        if (signal.aborted) return { outcome: 'imported', unfinished: true };
        throw err;
      }
    },
  };
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
