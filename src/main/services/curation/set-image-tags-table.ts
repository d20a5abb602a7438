/** Owns the `set_image_tags` table. */
import type { Db, WriteTx } from '../library/database';

/** Whether the item carries `tag`. */
export function hasTag(db: Db, itemId: number, tag: string): boolean {
  return db.prepare('SELECT 1 FROM set_image_tags WHERE item_id = ? AND tag = ?').get(itemId, tag) !== undefined;
}

/** Adds or removes `tag` on an item. */
export function setTag(tx: WriteTx, itemId: number, tag: string, present: boolean): void {
  if (present) tx.prepare('INSERT OR IGNORE INTO set_image_tags (item_id, tag) VALUES (?, ?)').run(itemId, tag);
  else tx.prepare('DELETE FROM set_image_tags WHERE item_id = ? AND tag = ?').run(itemId, tag);
}

/** Tags used in a set with their counts, most used first. */
export function tagCounts(db: Db, setId: number): { tag: string; count: number }[] {
  return db
    .prepare(
      `SELECT t.tag, count(*) AS count FROM set_image_tags t JOIN set_images si ON si.id = t.item_id
       WHERE si.set_id = ? GROUP BY t.tag ORDER BY count DESC, t.tag`,
    )
    .all(setId) as { tag: string; count: number }[];
}
