/** Owns the `images` table: one row per distinct stored file, keyed by its SHA-256. */
import type { Db, WriteTx } from './database';

/** What is known about a stored image. */
export interface StoredImage {
  hash: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
}

/** Records an image unless its hash is already known; returns true when it was new. */
export function insertImage(tx: WriteTx, img: StoredImage, now: string): boolean {
  const info = tx
    .prepare(
      `INSERT INTO images (hash, format, width, height, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(hash) DO NOTHING`,
    )
    .run(img.hash, img.format, img.width, img.height, img.bytes, now);
  return info.changes > 0;
}

/** The image with `hash`, or undefined. */
export function getImage(db: Db, hash: string): StoredImage | undefined {
  return db.prepare('SELECT hash, format, width, height, bytes FROM images WHERE hash = ?').get(hash) as
    | StoredImage
    | undefined;
}

/** Number of distinct stored images. */
export function countImages(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM images').get() as { n: number }).n;
}

/** Deletes images that no set holds any more; returns them (so their files can be removed). */
export function deleteUnreferencedImages(tx: WriteTx): StoredImage[] {
  const gone = tx
    .prepare(
      `SELECT hash, format, width, height, bytes FROM images i
       WHERE NOT EXISTS (SELECT 1 FROM set_images si WHERE si.hash = i.hash)`,
    )
    .all() as StoredImage[];
  const del = tx.prepare('DELETE FROM images WHERE hash = ?');
  for (const g of gone) del.run(g.hash);
  return gone;
}

/** Every known hash (for crash recovery's sweep of unreferenced files). */
export function allImageHashes(db: Db): Set<string> {
  const rows = db.prepare('SELECT hash FROM images').pluck().all() as string[];
  return new Set(rows);
}
