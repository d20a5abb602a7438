/** Owns `curation_actions` and `curation_changes`: the undo log of curation. */
import type { Db, WriteTx } from '../library/database';

/** One recorded change of one item. */
export interface Change {
  itemId: number;
  field: 'status' | 'tag';
  tag?: string;
  before: string;
  after: string;
}

/** Records an action and its changes; returns the action id. */
export function recordAction(tx: WriteTx, setId: number, description: string, changes: readonly Change[]): number {
  const id = Number(
    tx
      .prepare('INSERT INTO curation_actions (set_id, description, created_at) VALUES (?, ?, ?)')
      .run(setId, description, new Date().toISOString()).lastInsertRowid,
  );
  const stmt = tx.prepare(
    'INSERT INTO curation_changes (action_id, item_id, field, tag, before, after) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const c of changes) stmt.run(id, c.itemId, c.field, c.tag ?? null, c.before, c.after);
  return id;
}

/** The set's most recent action not yet undone, with its changes. */
export function lastUndoable(db: Db, setId: number): { id: number; description: string; changes: Change[] } | undefined {
  const action = db
    .prepare('SELECT id, description FROM curation_actions WHERE set_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1')
    .get(setId) as { id: number; description: string } | undefined;
  if (!action) return undefined;
  const changes = db
    .prepare('SELECT item_id AS itemId, field, tag, before, after FROM curation_changes WHERE action_id = ?')
    .all(action.id) as Change[];
  return { ...action, changes };
}

/** Marks an action undone. */
export function markUndone(tx: WriteTx, actionId: number): void {
  tx.prepare('UPDATE curation_actions SET undone_at = ? WHERE id = ?').run(new Date().toISOString(), actionId);
}

/** Forgets a set's undo history (after the bin is emptied the old entries could not be replayed). */
export function clearLog(tx: WriteTx, setId: number): void {
  tx.prepare('DELETE FROM curation_actions WHERE set_id = ?').run(setId);
}
