/** Owns the `set_images` table: which stored image belongs to which set, in the order it was added. */
import type { ItemStatus } from '@shared/curation';
import type { ImageItem, ImagePage } from '@shared/library';
import type { Db, WriteTx } from './database';

/** Where a member of a set came from. */
export interface ItemSource {
  path: string;
  kind: 'photo' | 'video';
  /** Seconds into the clip, for video frames. */
  time?: number | null;
}

/** Adds `hash` to set `setId`; returns the new item's id, or null when the set already had it (no duplicates). */
export function addToSet(
  tx: WriteTx,
  setId: number,
  hash: string,
  source: ItemSource,
  now: string,
  status: ItemStatus = 'unreviewed',
): number | null {
  const info = tx
    .prepare(
      `INSERT INTO set_images (set_id, hash, source_path, source_kind, source_time, added_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(set_id, hash) DO NOTHING`,
    )
    .run(setId, hash, source.path, source.kind, source.time ?? null, now, status);
  return info.changes > 0 ? Number(info.lastInsertRowid) : null;
}

/** A member of a set joined with its image, scores and tags, as curation reads it. */
export interface ItemRow {
  id: number;
  hash: string;
  source_kind: 'photo' | 'video';
  source_path: string;
  source_time: number | null;
  width: number;
  height: number;
  format: string;
  status: ItemStatus;
  added_at: string;
  sharpness: number | null;
  brightness: number | null;
  contrast: number | null;
  phash: string | null;
  /** Tags joined by a newline (tags cannot hold one), or null. */
  tags: string | null;
}

const ITEM_SELECT = `
  SELECT si.id, si.hash, si.source_kind, si.source_path, si.source_time, i.width, i.height, i.format,
         si.status, si.added_at, sc.sharpness, sc.brightness, sc.contrast, sc.phash,
         (SELECT group_concat(t.tag, char(10)) FROM set_image_tags t WHERE t.item_id = si.id) AS tags
  FROM set_images si
  JOIN images i ON i.hash = si.hash
  LEFT JOIN image_scores sc ON sc.hash = si.hash`;

/** Every member of a set with everything curation needs, in the order added. */
export function setItemRows(db: Db, setId: number): ItemRow[] {
  return db
    .prepare(
`${ITEM_SELECT} WHERE si.set_id = ? ORDER BY si.id`
    )
    .all(setId) as ItemRow[];
}

/** One member of a set with everything curation needs, or undefined. */
export function setItemRow(db: Db, itemId: number): ItemRow | undefined {
  return db
    .prepare(
`${ITEM_SELECT} WHERE si.id = ?`
    )
    .get(itemId) as ItemRow | undefined;
}

/** Current statuses of the given items of a set (items of other sets are left out). */
export function itemStatuses(db: Db, setId: number, itemIds: readonly number[]): Map<number, ItemStatus> {
  const out = new Map<number, ItemStatus>();
  const stmt = db.prepare('SELECT status FROM set_images WHERE id = ? AND set_id = ?').pluck();
  for (const id of itemIds) {
    const s = stmt.get(id, setId) as ItemStatus | undefined;
    if (s) out.set(id, s);
  }
  return out;
}

/** Sets the status of one item. */
export function setItemStatus(tx: WriteTx, itemId: number, status: ItemStatus): void {
  tx.prepare('UPDATE set_images SET status = ? WHERE id = ?').run(status, itemId);
}

/** Deletes the set's rejected items; returns how many went. */
export function deleteRejected(tx: WriteTx, setId: number): number {
  return tx.prepare(`DELETE FROM set_images WHERE set_id = ? AND status = 'rejected'`).run(setId).changes;
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
