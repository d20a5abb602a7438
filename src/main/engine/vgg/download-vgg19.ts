/**
 * Fetches a VGG19 in TensorFlow.js layers format (model.json and the shards its manifest lists) into a folder,
 * resumably. model.json is fetched first to a staging name and moved into place last, so a folder with a
 * model.json is a finished download; an interrupted one is continued by calling this again with the same folder.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StudioError } from '@shared/errors';
import { VGG19_MODEL } from '@shared/model-catalog';
import { DownloadError, writeFailure } from '../download/download-error';
import { fetchFile } from '../download/fetch-file';
import { findWeight, groupByteLength, parseModelJson, vggStack, type LayersModelJson, type WeightGroup } from './model-json';
import { shardPath } from './weight-groups';
import { sizeOfFiles } from './file-sizes';

/**
 * Default source of the Keras ImageNet VGG19 converted to tfjs layers format (about 550 MB in all, 80 MB without
 * the classifier head), used when the user has not set one. This machine has no internet, so the address is not
 * verified here; any host of that conversion works (e.g. `tensorflowjs_converter --input_format keras` of Keras's
 * vgg19_weights_tf_dim_ordering_tf_kernels.h5, served with its shards beside it).
 */
export const DEFAULT_VGG19_URL = VGG19_MODEL.url;

/** Options of {@link downloadVgg19}. */
export interface DownloadVgg19Options {
  /** Expected lower-case hex SHA-256 by file name as the manifest lists it ('model.json', 'group1-shard1of1', ...). */
  sha256?: Record<string, string>;
  /** Progress over the weight shards: bytes on disk so far, bytes in all, the file in flight (model.json is not counted). */
  onProgress?(doneBytes: number, totalBytes: number, file: string): void;
  /** Cancels; the partial file stays, so the next call resumes it. */
  signal?: AbortSignal;
  /**
   * Fetch only the shard groups of the layers up to this one (e.g. `block4_conv4`, all the losses read: ~80 MB
   * instead of ~550 MB). Default: every shard the manifest lists.
   */
  upTo?: string;
  /** Further attempts per file after a network error or an HTTP 5xx, each resuming where the last stopped (default 3). */
  retries?: number;
  /** Wait before the n-th retry: n times this (default 1000 ms). */
  retryDelayMs?: number;
  /**
   * A finished folder (its model.json in place) is trusted as it is: its manifest is read from disk, not fetched
   * again, and only shards missing from it are fetched. For a cache; off by default, so a download re-reads the source.
   */
  reuseFinished?: boolean;
}

/** What a finished download holds. */
export interface DownloadVgg19Result {
  /** Path of the model.json, now in place. */
  modelJson: string;
  /** Shard files as the manifest names them. */
  files: string[];
  /** Bytes of the shards. */
  totalBytes: number;
  /** Bytes this call transferred (less than totalBytes when it resumed or found files already there). */
  transferredBytes: number;
}

const MODEL_JSON = 'model.json';
const STAGED_JSON = 'model.json.download';

/** Downloads model.json from `url` and every shard its manifest lists into `destDir` (see the file comment). */
export async function downloadVgg19(url: string, destDir: string, opts: DownloadVgg19Options = {}): Promise<DownloadVgg19Result> {
  let jsonUrl: URL;
  try {
    jsonUrl = new URL(url);
  } catch {
    throw new StudioError('BAD_INPUT', `${url} is not a valid URL for the VGG19 model.json`);
  }
  await mkdir(destDir, { recursive: true }).catch((err) => {
    throw writeFailure(err, MODEL_JSON, destDir);
  });
  const common = { retries: opts.retries ?? 3, retryDelayMs: opts.retryDelayMs ?? 1000, signal: opts.signal };
  const modelJson = join(destDir, MODEL_JSON);
  const reuse = opts.reuseFinished === true && existsSync(modelJson);
  const staged = reuse ? modelJson : join(destDir, STAGED_JSON);
  let transferredBytes = reuse
    ? 0
    : (await fetchFile(jsonUrl, staged, { ...common, file: MODEL_JSON, sha256: opts.sha256?.[MODEL_JSON], onBytes: () => {} })).transferred;
  const model = await readManifest(staged);
  const groups = selectGroups(model, opts.upTo);
  const files = groups.flatMap((g) => g.paths);
  for (const name of Object.keys(opts.sha256 ?? {})) {
    if (name !== MODEL_JSON && !files.includes(name)) {
      throw new DownloadError('manifest', name, `a checksum was given for ${name}, which this manifest does not list`);
    }
  }

  const totalBytes = groups.reduce((n, g) => n + groupByteLength(g), 0);
  let finished = 0;
  for (const group of groups) {
    for (const rel of group.paths) {
      const dest = shardPath(destDir, rel);
      await mkdir(dirname(dest), { recursive: true }).catch((err) => {
        throw writeFailure(err, rel, dirname(dest));
      });
      const r = await fetchFile(new URL(rel, jsonUrl), dest, {
        ...common,
        file: rel,
        sha256: opts.sha256?.[rel],
        // A one-shard group's size is known exactly; a sharded group is checked as a whole below.
        expectedBytes: group.paths.length === 1 ? groupByteLength(group) : undefined,
        onBytes: (bytes) => opts.onProgress?.(finished + bytes, totalBytes, rel),
      });
      finished += r.bytes;
      transferredBytes += r.transferred;
    }
    await checkGroupSize(destDir, group);
  }
  if (reuse) return { modelJson, files, totalBytes, transferredBytes };
  await rename(staged, modelJson).catch((err) => {
    throw writeFailure(err, MODEL_JSON, modelJson);
  });
  return { modelJson, files, totalBytes, transferredBytes };
}

async function readManifest(path: string): Promise<LayersModelJson> {
  try {
    return parseModelJson(await readFile(path, 'utf8'), MODEL_JSON);
  } catch (err) {
    // A bad model.json is not worth resuming: drop it so the next attempt fetches it afresh.
    await unlink(path).catch(() => undefined);
    throw new DownloadError('manifest', MODEL_JSON, (err as Error).message);
  }
}

/** The manifest groups to fetch: all, or those holding the weights of the layers up to `upTo`. */
function selectGroups(model: LayersModelJson, upTo: string | undefined): WeightGroup[] {
  if (upTo === undefined) return model.weightsManifest;
  const stack = vggStack(model.modelTopology, MODEL_JSON);
  const end = stack.findIndex((l) => l.name === upTo);
  if (end < 0) throw new StudioError('BAD_INPUT', `the model has no layer ${upTo}; its layers are ${stack.map((l) => l.name).join(', ')}`);
  const wanted = new Set<number>();
  for (const layer of stack.slice(0, end + 1)) {
    if (layer.kind !== 'conv') continue;
    for (const part of ['kernel', 'bias'] as const) {
      const found = findWeight(model.weightsManifest, layer.name, part);
      if (found) wanted.add(found.group);
    }
  }
  return model.weightsManifest.filter((_, i) => wanted.has(i));
}

/** A sharded group must add up to the bytes its manifest entry describes; otherwise its files are deleted. */
async function checkGroupSize(destDir: string, group: WeightGroup): Promise<void> {
  const paths = group.paths.map((p) => shardPath(destDir, p));
  const found = await sizeOfFiles(paths);
  const expected = groupByteLength(group);
  if (found === expected) return;
  await Promise.all(paths.map((p) => unlink(p).catch(() => undefined)));
  throw new DownloadError(
    'manifest',
    group.paths[0]!,
    `${group.paths.join(', ')} hold ${found} bytes but the manifest describes ${expected}; they were deleted`,
  );
}
