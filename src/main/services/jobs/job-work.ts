/**
 * A job's work in a finer unit than its items, for jobs whose items differ in size: a clip conversion's items are
 * segments of up to a few hundred frames, and the user wants frames done, frames per second and an ETA from them.
 * The runner says how much each item weighs (see JobRunner.work); this adds the weights up.
 */
import type { Db } from '../library/database';
import { allItems } from './job-items-table';

/** How a runner measures its work: the unit's name and each item's weight in it. */
export interface WorkUnit {
  /** Plural name of the unit, e.g. "frames". */
  unit: string;
  /** How many units item `key` holds. */
  weightOf(key: string): number;
}

/** Every item's weight (by seq), the total, and what the finished items add up to. */
export interface JobWork {
  weights: Map<number, number>;
  total: number;
  finished: number;
}

/**
 * Reads the items of job `jobId` and weighs them; `known` weights (by seq, from an earlier call: a stored plan
 * never changes) are reused instead of weighing every key again. A key the runner cannot weigh (stored by another
 * version) weighs 0 rather than failing the job list.
 */
export function weighJob(db: Db, jobId: string, unit: WorkUnit, known?: ReadonlyMap<number, number>): JobWork {
  const weights = new Map<number, number>();
  let total = 0;
  let finished = 0;
  for (const item of allItems(db, jobId)) {
    const w = known?.get(item.seq) ?? weigh(unit, item.key);
    weights.set(item.seq, w);
    total += w;
    if (item.done) finished += w;
  }
  return { weights, total, finished };
}

function weigh(unit: WorkUnit, key: string): number {
  try {
    const w = unit.weightOf(key);
    return Number.isFinite(w) && w > 0 ? w : 0;
  } catch {
    return 0;
  }
}

/** Units done: the finished items plus the done part (0..1) of each item in flight, by seq. */
export function workDone(work: JobWork, inFlight: ReadonlyMap<number, number>): number {
  let done = work.finished;
  for (const [seq, fraction] of inFlight) done += fraction * (work.weights.get(seq) ?? 0);
  return done;
}
