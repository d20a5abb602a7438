/**
 * Checkpoints: every tensor a run needs to continue exactly (network variables and state, optimizer slots)
 * plus its step and loss weights, in `ckpt-<step>/` = manifest.json + data.bin. Written to a temporary folder
 * and renamed, so a crash mid-write leaves the previous checkpoint intact; the two newest are kept.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/** A named tensor to save, with its dtype. */
export interface SavedTensor {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  offset: number;
  length: number;
}

export interface CheckpointManifest {
  format: 'cel-studio-checkpoint';
  version: 1;
  step: number;
  meta: Record<string, unknown>;
  tensors: SavedTensor[];
}

const KEEP = 2;

/** Writes `tensors` (name -> tensor) and `meta` as the checkpoint of `step` under `dir`. */
export async function saveCheckpoint(dir: string, step: number, tensors: ReadonlyMap<string, tf.Tensor>, meta: Record<string, unknown>): Promise<void> {
  const entries: SavedTensor[] = [];
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const [name, t] of tensors) {
    const dtype = t.dtype === 'int32' ? 'int32' : 'float32';
    const values = await t.data();
    const buf = Buffer.from(dtype === 'int32' ? new Int32Array(values).buffer : new Float32Array(values).buffer);
    entries.push({ name, shape: t.shape, dtype, offset, length: buf.length });
    chunks.push(buf);
    offset += buf.length;
  }
  const manifest: CheckpointManifest = { format: 'cel-studio-checkpoint', version: 1, step, meta, tensors: entries };
  const final = join(dir, `ckpt-${String(step).padStart(9, '0')}`);
  const tmp = `${final}.tmp`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  await writeFile(join(tmp, 'data.bin'), Buffer.concat(chunks));
  await writeFile(join(tmp, 'manifest.json'), JSON.stringify(manifest));
  await rm(final, { recursive: true, force: true });
  await rename(tmp, final);
  const all = await listCheckpoints(dir);
  for (const old of all.slice(0, Math.max(0, all.length - KEEP))) await rm(join(dir, old), { recursive: true, force: true });
}

/** Checkpoint folder names under `dir`, oldest first (unfinished `.tmp` folders ignored). */
export async function listCheckpoints(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const names = await readdir(dir);
  return names.filter((n) => /^ckpt-\d{9}$/.test(n) && existsSync(join(dir, n, 'manifest.json'))).sort();
}

/** Reads the newest checkpoint under `dir`, or null when there is none. Tensors are the caller's to dispose. */
export async function loadLatestCheckpoint(dir: string): Promise<{ manifest: CheckpointManifest; tensors: Map<string, tf.Tensor> } | null> {
  const names = await listCheckpoints(dir);
  const newest = names.at(-1);
  if (!newest) return null;
  const manifest = JSON.parse(await readFile(join(dir, newest, 'manifest.json'), 'utf8')) as CheckpointManifest;
  const data = await readFile(join(dir, newest, 'data.bin'));
  const tensors = new Map<string, tf.Tensor>();
  for (const e of manifest.tensors) {
    const bytes = data.buffer.slice(data.byteOffset + e.offset, data.byteOffset + e.offset + e.length);
    const values = e.dtype === 'int32' ? new Int32Array(bytes) : new Float32Array(bytes);
    tensors.set(e.name, tf.tensor(values, e.shape, e.dtype));
  }
  return { manifest, tensors };
}
