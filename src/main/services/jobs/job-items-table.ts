/** Owns the `job_items` table: the unit of work of a job; a NULL outcome means "not done yet". */
import type { SkippedItem } from '@shared/library';
import type { Db, WriteTx } from '../library/database';

/** Outcomes an item can end with; `skipped` items carry the reason in `detail`. */
export type ItemOutcome = 'imported' | 'duplicate' | 'skipped' | 'exported' | 'converted';

/** Stores a job's plan: one item per key, in order. */
export function insertItems(tx: WriteTx, jobId: string, keys: readonly string[]): void {
  const stmt = tx.prepare('INSERT INTO job_items (job_id, seq, key) VALUES (?, ?, ?)');
  keys.forEach((key, seq) => stmt.run(jobId, seq, key));
}

/** Records the outcome of one item. */
export function finishItem(tx: WriteTx, jobId: string, seq: number, outcome: ItemOutcome, detail?: string): void {
  tx.prepare('UPDATE job_items SET outcome = ?, detail = ? WHERE job_id = ? AND seq = ?').run(
    outcome,
    detail ?? null,
    jobId,
    seq,
  );
}

/** Items not done yet, in order, with the checkpoint an interrupted run left. */
export function pendingItems(db: Db, jobId: string): { seq: number; key: string; checkpoint: string | null }[] {
  return db
    .prepare('SELECT seq, key, checkpoint FROM job_items WHERE job_id = ? AND outcome IS NULL ORDER BY seq')
    .all(jobId) as { seq: number; key: string; checkpoint: string | null }[];
}

/** Saves how far an unfinished item got. */
export function saveCheckpoint(tx: WriteTx, jobId: string, seq: number, value: string): void {
  tx.prepare('UPDATE job_items SET checkpoint = ? WHERE job_id = ? AND seq = ?').run(value, jobId, seq);
}

/** Whether the job's plan has been stored. */
export function hasItems(db: Db, jobId: string): boolean {
  return db.prepare('SELECT 1 FROM job_items WHERE job_id = ? LIMIT 1').get(jobId) !== undefined;
}

/** Done/total and counts by outcome. */
export function itemCounts(db: Db, jobId: string): { total: number; done: number; counts: Record<string, number> } {
  const rows = db
    .prepare('SELECT outcome, count(*) AS n FROM job_items WHERE job_id = ? GROUP BY outcome')
    .all(jobId) as { outcome: string | null; n: number }[];
  let total = 0;
  let done = 0;
  const counts: Record<string, number> = {};
  for (const r of rows) {
    total += r.n;
    if (r.outcome !== null) {
      done += r.n;
      counts[r.outcome] = r.n;
    }
  }
  return { total, done, counts };
}

/** Details of the items that ended with `outcome`, in order. */
export function itemDetails(db: Db, jobId: string, outcome: ItemOutcome): string[] {
  return db
    .prepare('SELECT coalesce(detail, \'\') FROM job_items WHERE job_id = ? AND outcome = ? ORDER BY seq')
    .pluck()
    .all(jobId, outcome) as string[];
}

/** Skipped items with their reasons (capped, for display). */
export function skippedItems(db: Db, jobId: string, limit = 500): SkippedItem[] {
  return db
    .prepare(
      `SELECT key AS path, coalesce(detail, 'skipped') AS reason FROM job_items
       WHERE job_id = ? AND outcome = 'skipped' ORDER BY seq LIMIT ?`,
    )
    .all(jobId, limit) as SkippedItem[];
}

/** Every item's seq and key, and whether it is done, in order. */
export function allItems(db: Db, jobId: string): { seq: number; key: string; done: boolean }[] {
  const rows = db.prepare('SELECT seq, key, outcome IS NOT NULL AS done FROM job_items WHERE job_id = ? ORDER BY seq').all(jobId) as {
    seq: number;
    key: string;
    done: number;
  }[];
  return rows.map((r) => ({ seq: r.seq, key: r.key, done: r.done === 1 }));
}
