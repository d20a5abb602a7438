/** Owns the `jobs` table. */
import type { JobKind, JobState } from '@shared/library';
import type { Db, WriteTx } from '../library/database';

/** A job as stored. */
export interface JobRow {
  id: string;
  kind: JobKind;
  title: string;
  params: string;
  state: JobState;
  error: string | null;
  owner: string | null;
  heartbeat_at: number | null;
  /** JSON object of named counters. */
  counters: string;
  /** JSON array of notices for the user. */
  notices: string;
  created_at: string;
  updated_at: string;
}

/** Inserts a new job in state `queued`. */
export function insertJob(
  tx: WriteTx,
  job: { id: string; kind: JobKind; title: string; params: unknown },
  now: string,
): void {
  tx.prepare(
    `INSERT INTO jobs (id, kind, title, params, state, created_at, updated_at) VALUES (?, ?, ?, ?, 'queued', ?, ?)`,
  ).run(job.id, job.kind, job.title, JSON.stringify(job.params), now, now);
}

/** Sets a job's state (and error), recording who runs it when it starts running. */
export function updateJobState(
  tx: WriteTx,
  id: string,
  state: JobState,
  now: string,
  extra: { error?: string | null; owner?: string | null } = {},
): void {
  tx.prepare(
    `UPDATE jobs SET state = ?, updated_at = ?,
       error = CASE WHEN ? THEN ? ELSE error END,
       owner = CASE WHEN ? THEN ? ELSE owner END,
       heartbeat_at = ?
     WHERE id = ?`,
  ).run(
    state,
    now,
    extra.error !== undefined ? 1 : 0,
    extra.error ?? null,
    extra.owner !== undefined ? 1 : 0,
    extra.owner ?? null,
    Date.now(),
    id,
  );
}

/** Adds `n` to the counter `name` of a job. */
export function addToCounter(tx: WriteTx, id: string, name: string, n: number): void {
  if (!/^[a-z][a-z0-9_]*$/i.test(name)) throw new Error(`bad counter name ${name}`);
  tx.prepare(
    `UPDATE jobs SET counters = json_set(counters, '$.' || ?, coalesce(json_extract(counters, '$.' || ?), 0) + ?) WHERE id = ?`,
  ).run(name, name, n, id);
}

/** Records that the owner of a running job is alive. */
export function touchJob(tx: WriteTx, id: string): void {
  tx.prepare('UPDATE jobs SET heartbeat_at = ? WHERE id = ?').run(Date.now(), id);
}

/** The job with `id`, or undefined. */
export function getJobRow(db: Db, id: string): JobRow | undefined {
  return db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
}

/** The most recent jobs first. */
export function listJobRows(db: Db, limit = 50): JobRow[] {
  return db.prepare('SELECT * FROM jobs ORDER BY created_at DESC, id DESC LIMIT ?').all(limit) as JobRow[];
}

/** States in which a job still owns work, in this process or another. */
export const ACTIVE_JOB_STATES: readonly JobState[] = ['queued', 'running', 'paused', 'cancelling'];
const ACTIVE_SQL = ACTIVE_JOB_STATES.map((s) => `'${s}'`).join(', ');

/** Jobs that claim to be running (for crash recovery). */
export function activeJobRows(db: Db): JobRow[] {
  return db.prepare(`SELECT * FROM jobs WHERE state IN (${ACTIVE_SQL})`).all() as JobRow[];
}

/**
 * Deletes a job and its items unless it owns work again (resumed meanwhile, maybe by another process); returns
 * whether it was deleted. Checked and deleted in one statement, so no resume slips in between.
 */
export function deleteStoppedJob(tx: WriteTx, id: string): boolean {
  return tx.prepare(`DELETE FROM jobs WHERE id = ? AND state NOT IN (${ACTIVE_SQL})`).run(id).changes === 1;
}

/** Appends a notice for the user to a job (kept once: the same text twice is recorded once). */
export function addNotice(tx: WriteTx, id: string, text: string): void {
  tx.prepare(
    `UPDATE jobs SET notices = json_insert(notices, '$[#]', ?)
     WHERE id = ? AND NOT EXISTS (SELECT 1 FROM json_each(jobs.notices) WHERE value = ?)`,
  ).run(text, id, text);
}
