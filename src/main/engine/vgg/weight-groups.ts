/**
 * Reading one weights-manifest group from a folder. A group whose shard files are absent is reported as missing,
 * not as an error, because a partial download (or the block1-3 test fixture) is a usable, shorter network; a shard
 * that is present but the wrong size is damage, and is an error.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '@shared/errors';
import { groupByteLength, type WeightGroup } from './model-json';

/** A group read from disk: its weights by manifest name, or the shard files that are missing. */
export type GroupRead = { present: true; tensors: tf.NamedTensorMap } | { present: false; missing: string[] };

/** Absolute path of manifest path `rel` inside `dir`; refuses paths that would leave the folder. */
export function shardPath(dir: string, rel: string): string {
  const full = resolve(dir, rel);
  const inside = relative(resolve(dir), full);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new StudioError('BAD_INPUT', `the weights manifest names ${rel}, which lies outside ${dir}`);
  }
  return full;
}

async function readIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StudioError('IO', `cannot read ${path}: ${(err as Error).message}`);
  }
}

/** Reads group `index` of the manifest from `dir` and decodes its weights (plain tensors, never Variables). */
export async function readGroup(dir: string, group: WeightGroup, index: number): Promise<GroupRead> {
  const buffers: Buffer[] = [];
  const missing: string[] = [];
  for (const rel of group.paths) {
    const buf = await readIfPresent(shardPath(dir, rel));
    if (buf) buffers.push(buf);
    else missing.push(rel);
  }
  if (missing.length > 0) return { present: false, missing };
  const found = buffers.reduce((n, b) => n + b.byteLength, 0);
  const expected = groupByteLength(group);
  if (found !== expected) {
    throw new StudioError(
      'BAD_INPUT',
      `weights group ${index + 1} in ${dir} is damaged: ${group.paths.join(', ')} hold ${found} bytes where the ` +
        `manifest describes ${expected}; download it again`,
    );
  }
  const data = buffers.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
  return { present: true, tensors: tf.io.decodeWeights(data, group.weights as tf.io.WeightsManifestEntry[]) };
}
