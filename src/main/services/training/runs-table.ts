/** Owns the `runs` table. */
import type { LossWeights, RunNotice, RunState, TrainConfig } from '@shared/training';
import type { Db, WriteTx } from '../library/database';

/** A run as stored. */
export interface RunRow {
  id: string;
  name: string;
  style_set_id: number;
  content_set_id: number;
  config: string;
  state: RunState;
  backend: string | null;
  step: number;
  weights: string;
  vgg_note: string | null;
  checkpoint_step: number | null;
  error: string | null;
  owner: string | null;
  heartbeat_at: number | null;
  /** JSON array of {@link RunNotice}. */
  notices: string;
  created_at: string;
  updated_at: string;
}

/** Inserts a new run in state `starting`. */
export function insertRun(
  tx: WriteTx,
  run: { id: string; name: string; styleSetId: number; contentSetId: number; config: TrainConfig; weights: LossWeights; owner: string },
): void {
  const now = new Date().toISOString();
  tx.prepare(
    `INSERT INTO runs (id, name, style_set_id, content_set_id, config, state, weights, owner, heartbeat_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'starting', ?, ?, ?, ?, ?)`,
  ).run(run.id, run.name, run.styleSetId, run.contentSetId, JSON.stringify(run.config), JSON.stringify(run.weights), run.owner, Date.now(), now, now);
}

/** Fields of a run that change while it trains. */
export interface RunUpdate {
  state?: RunState;
  backend?: string;
  step?: number;
  weights?: LossWeights;
  vggNote?: string;
  checkpointStep?: number;
  error?: string | null;
  owner?: string;
}

/** Applies `u` to a run and marks it alive. */
export function updateRun(tx: WriteTx, id: string, u: RunUpdate): void {
  const sets: string[] = ['updated_at = ?', 'heartbeat_at = ?'];
  const args: unknown[] = [new Date().toISOString(), Date.now()];
  const col = (name: string, v: unknown): void => {
    sets.push(`${name} = ?`);
    args.push(v);
  };
  if (u.state !== undefined) col('state', u.state);
  if (u.backend !== undefined) col('backend', u.backend);
  if (u.step !== undefined) col('step', u.step);
  if (u.weights !== undefined) col('weights', JSON.stringify(u.weights));
  if (u.vggNote !== undefined) col('vgg_note', u.vggNote);
  if (u.checkpointStep !== undefined) col('checkpoint_step', u.checkpointStep);
  if (u.error !== undefined) col('error', u.error);
  if (u.owner !== undefined) col('owner', u.owner);
  tx.prepare(`UPDATE runs SET ${sets.join(', ')} WHERE id = ?`).run(...args, id);
}

/** Adds a notice to the end of a run's notices (one JSON array per run, like a job's). */
export function appendRunNotice(tx: WriteTx, id: string, notice: RunNotice): void {
  tx.prepare(`UPDATE runs SET notices = json_insert(notices, '$[#]', json(?)), updated_at = ? WHERE id = ?`).run(
    JSON.stringify(notice),
    new Date().toISOString(),
    id,
  );
}

/** A run's notices as stored, oldest first. */
export function runNotices(row: RunRow): RunNotice[] {
  return JSON.parse(row.notices) as RunNotice[];
}

/** The run with `id`, or undefined. */
export function getRunRow(db: Db, id: string): RunRow | undefined {
  return db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
}

/** Every run, newest first. */
export function listRunRows(db: Db): RunRow[] {
  return db.prepare('SELECT * FROM runs ORDER BY created_at DESC, id DESC').all() as RunRow[];
}

/** Runs that claim to be training (for crash recovery). */
export function activeRunRows(db: Db): RunRow[] {
  return db.prepare(`SELECT * FROM runs WHERE state IN ('starting', 'running', 'paused')`).all() as RunRow[];
}
