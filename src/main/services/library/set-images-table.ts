/** Owns the `set_images` table: which stored image belongs to which set, in the order it was added. */
import type { ImageItem, ImagePage } from '@shared/models';
import type { Db, WriteTx } from './database';

/** Adds `hash` to set `setId`; returns false when the set already had it (no duplicates). */
export function addToSet(tx: WriteTx, setId: number, hash: string, sourcePath: string, now: string): boolean {
  const info = tx
    .prepare(
      `INSERT INTO set_images (set_id, hash, source_path, added_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(set_id, hash) DO NOTHING`,
    )
    .run(setId, hash, sourcePath, now);
  return info.changes > 0;
}

/** A page of the set's images in the order they were added. */
export function listSetImages(db: Db, setId: number, offset: number, limit: number): ImagePage {
  const total = (db.prepare('SELECT count(*) AS n FROM set_images WHERE set_id = ?').get(setId) as { n: number }).n;
  const items = db
    .prepare(
      `SELECT si.hash, si.source_path AS sourcePath, i.width, i.height, i.format, i.bytes, si.added_at AS addedAt
       FROM set_images si JOIN images i ON i.hash = si.hash
       WHERE si.set_id = ? ORDER BY si.id LIMIT ? OFFSET ?`,
    )
    .all(setId, limit, offset) as ImageItem[];
  return { total, items };
}

/** Whether the set already holds `hash`. */
export function setHasImage(db: Db, setId: number, hash: string): boolean {
  return db.prepare('SELECT 1 FROM set_images WHERE set_id = ? AND hash = ?').get(setId, hash) !== undefined;
}
