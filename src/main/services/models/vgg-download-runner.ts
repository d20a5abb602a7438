/**
 * Downloading VGG19 (what training's content and style losses read) into the library as a job: progress in bytes,
 * cancel, and a resume that continues the partial file (downloadVgg19 keeps what it fetched). One item.
 */
import { z } from 'zod';
import { DEFAULT_VGG19_URL, downloadVgg19 } from '../../engine/vgg';
import type { JobRunner } from '../jobs/job-runner';

/** Layers the losses read; the rest of VGG19 (~470 MB of classifier) is not fetched. */
export const VGG_LOSS_LAYERS_UP_TO = 'block4_conv4';

/**
 * Bytes of VGG19's weights up to {@link VGG_LOSS_LAYERS_UP_TO} in float32 (10,585,152 parameters), about what a
 * download fetches (a shard may also hold some of the next layer's): ~42 MB.
 */
export const VGG_DOWNLOAD_BYTES = 42_340_608;

/**
 * Where VGG19 is fetched from: `CEL_STUDIO_MODEL_MIRROR` (a base URL holding `vgg19/model.json` and its shards, for
 * studios behind a proxy or offline mirrors) when set, else the public TensorFlow.js conversion.
 */
export function vggDownloadUrl(env: NodeJS.ProcessEnv = process.env): string {
  const mirror = env.CEL_STUDIO_MODEL_MIRROR?.trim();
  return mirror ? new URL('vgg19/model.json', mirror.endsWith('/') ? mirror : `${mirror}/`).href : DEFAULT_VGG19_URL;
}

/** A VGG19 download job: the model.json to fetch and the folder it goes to (the library's VGG19 folder). */
export const VggDownloadParams = z.object({ url: z.string().url(), dest: z.string().min(1) }).strict();
export type VggDownloadParams = z.infer<typeof VggDownloadParams>;

/** The runner of 'download-vgg19' jobs. */
export function vggDownloadRunner(): JobRunner<VggDownloadParams> {
  return {
    kind: 'download-vgg19',
    parseParams: (raw) => VggDownloadParams.parse(raw),
    title: (p) => `Download VGG19 from ${new URL(p.url).host}`,
    outputOf: (p) => p.dest,
    plan: async () => ['vgg19'],
    async runItem(p, _key, signal, ctx) {
      try {
        const r = await downloadVgg19(p.url, p.dest, {
          upTo: VGG_LOSS_LAYERS_UP_TO,
          signal,
          onProgress: (done, total, file) => ctx.report(total > 0 ? done / total : 0, `${file}: ${mb(done)} of ${mb(total)}`),
        });
        return { outcome: 'imported', detail: `${r.files.length} files, ${mb(r.totalBytes)}`, counts: { bytes: r.transferredBytes } };
      } catch (err) {
        // Cancelled: the partial file stays for the resume.
        if (signal.aborted) return { outcome: 'imported', unfinished: true };
        throw err;
      }
    },
  };
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
