/** Owns `run_metrics`, `run_weight_changes` and `run_previews`: what a run recorded as it trained. */
import type { LossWeights, MetricPoint, PreviewSet, WeightChange } from '@shared/training';
import type { Db, WriteTx } from '../library/database';

/** Stores metric points (a step recorded twice after a resume keeps the newer values). */
export function insertMetrics(tx: WriteTx, runId: string, points: readonly MetricPoint[]): void {
  const stmt = tx.prepare(
    `INSERT OR REPLACE INTO run_metrics
       (run_id, step, phase, g_total, d_total, adv, con, gra, col, tv, cycle, psnr, ssim, style_dist, kid, step_ms, images_per_second)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of points) {
    stmt.run(runId, p.step, p.phase, p.gTotal, p.dTotal, p.adv, p.con, p.gra, p.col, p.tv, p.cycle, p.psnr, p.ssim, p.styleDist ?? null, p.kid ?? null, p.stepMs, p.imagesPerSecond);
  }
}

/** Metric points from `fromStep` on, in step order. */
export function metricsFrom(db: Db, runId: string, fromStep: number): MetricPoint[] {
  return db
    .prepare(
      `SELECT step, phase, g_total AS gTotal, d_total AS dTotal, adv, con, gra, col, tv, cycle, psnr, ssim,
              style_dist AS styleDist, kid, step_ms AS stepMs, images_per_second AS imagesPerSecond
       FROM run_metrics WHERE run_id = ? AND step >= ? ORDER BY step`,
    )
    .all(runId, fromStep) as MetricPoint[];
}

/** Drops metrics after `step` (a run resumed from an earlier checkpoint redoes those steps). */
export function truncateMetrics(tx: WriteTx, runId: string, step: number): void {
  tx.prepare('DELETE FROM run_metrics WHERE run_id = ? AND step > ?').run(runId, step);
}

/** Records that `weights` applied from `step` on. */
export function insertWeightChange(tx: WriteTx, runId: string, step: number, weights: LossWeights): void {
  tx.prepare('INSERT INTO run_weight_changes (run_id, step, weights) VALUES (?, ?, ?)').run(runId, step, JSON.stringify(weights));
}

/** Every recorded weight change of a run, in order. */
export function weightChanges(db: Db, runId: string): WeightChange[] {
  const rows = db.prepare('SELECT step, weights FROM run_weight_changes WHERE run_id = ? ORDER BY rowid').all(runId) as {
    step: number;
    weights: string;
  }[];
  return rows.map((r) => ({ step: r.step, weights: JSON.parse(r.weights) as LossWeights }));
}

/** Records a preview set. */
export function insertPreview(tx: WriteTx, runId: string, preview: PreviewSet): void {
  const stmt = tx.prepare('INSERT OR REPLACE INTO run_previews (run_id, step, name, hash) VALUES (?, ?, ?, ?)');
  for (const [name, hash] of Object.entries(preview.images)) stmt.run(runId, preview.step, name, hash);
}

/** Every preview set of a run, oldest first. */
export function previews(db: Db, runId: string): PreviewSet[] {
  const rows = db.prepare('SELECT step, name, hash FROM run_previews WHERE run_id = ? ORDER BY step, name').all(runId) as {
    step: number;
    name: string;
    hash: string;
  }[];
  const bySteps = new Map<number, Record<string, string>>();
  for (const r of rows) bySteps.set(r.step, { ...(bySteps.get(r.step) ?? {}), [r.name]: r.hash });
  return [...bySteps].map(([step, images]) => ({ step, images }));
}
