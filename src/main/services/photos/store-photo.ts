/** Reads a photo file, stores its original and thumbnail, and scores it: the shared step of every photo import. */
import type { ComputedScores } from '../library/image-scores-table';
import type { FileStore } from '../library/file-store';
import { scoreEncoded } from '../frames/store-frame';
import { readPhoto, type Photo } from './read-photo';

/** A stored, scored photo, or the reason the file was skipped. */
export type StoredPhoto = { ok: true; photo: Photo; scores: ComputedScores } | { ok: false; reason: string };

/** Reads `path`; when it is a usable photo, writes its files (atomically) and computes its scores. */
export async function storePhoto(files: FileStore, path: string): Promise<StoredPhoto> {
  const read = await readPhoto(path);
  if (!read.ok) return read;
  const { photo } = read;
  await files.put(photo.hash, 'original', photo.data, photo.format);
  await files.put(photo.hash, 'thumb', photo.thumb);
  return { ok: true, photo, scores: await scoreEncoded(photo.data) };
}
