/**
 * Importing a VGG19 the user already has (a TensorFlow.js layers folder: model.json and its shards) into the folder
 * training reads, instead of downloading it. The shard groups present are copied (a partial conversion is fine:
 * the deepest layer present stands in, as with a partial download); model.json goes last, so a folder with one is
 * whole.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StudioError } from '@shared/errors';
import { sizeOfFiles } from '../../engine/vgg/file-sizes';
import { groupByteLength, parseModelJson } from '../../engine/vgg/model-json';
import { shardPath } from '../../engine/vgg/weight-groups';
import { installFolder } from './fetch-model';
import { refuseUserVggFolder } from './vgg-folder';

/** What {@link importVggFolder} copied. */
export interface VggImport {
  dir: string;
  files: number;
  bytes: number;
}

/** Copies the VGG19 in `src` into `dest` (see the file comment). BAD_INPUT naming what is wrong with `src`. */
export async function importVggFolder(src: string, dest: string): Promise<VggImport> {
  refuseUserVggFolder(dest);
  const info = await stat(src).catch(() => null);
  if (!info?.isDirectory()) throw new StudioError('BAD_INPUT', `${src} is not a folder: choose the folder that holds VGG19's model.json`, 'path');
  const json = await readFile(join(src, 'model.json'), 'utf8').catch(() => null);
  if (json === null) throw new StudioError('BAD_INPUT', `${src} has no model.json: choose the folder of a TensorFlow.js VGG19 (its model.json and weight files)`, 'path');
  const model = (() => {
    try {
      return parseModelJson(json, join(src, 'model.json'));
    } catch (err) {
      throw new StudioError('BAD_INPUT', (err as Error).message, 'path');
    }
  })();
  // Groups whose every shard is there at the size the manifest gives; the first missing one ends the network.
  const groups = [];
  for (const g of model.weightsManifest) {
    // A missing shard counts as 0 bytes, so the group falls short.
    if ((await sizeOfFiles(g.paths.map((p) => shardPath(src, p)))) !== groupByteLength(g)) break;
    groups.push(g);
  }
  if (groups.length === 0) {
    throw new StudioError('BAD_INPUT', `${src} has a model.json but not its first weight file (${model.weightsManifest[0]?.paths[0] ?? 'none listed'}), or it is incomplete`, 'path');
  }
  const files = groups.flatMap((g) => g.paths);
  await installFolder(src, [...files, 'model.json'], dest);
  return { dir: dest, files: files.length, bytes: groups.reduce((n, g) => n + groupByteLength(g), 0) };
}
