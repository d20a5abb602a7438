import type { JobState, JobSummary } from '@shared/library';
import { percentOf } from '../lib/format';

const ACTIVE: ReadonlySet<JobState> = new Set(['queued', 'running', 'paused', 'cancelling']);
const RESUMABLE: ReadonlySet<JobState> = new Set(['paused', 'interrupted', 'cancelled']);

/** Queued, running, paused or cancelling: still owns work (cannot be removed). */
export function isActive(job: JobSummary): boolean {
  return ACTIVE.has(job.state);
}

/** Paused jobs continue where they stand; interrupted or cancelled ones with the items they had not finished. */
export function isResumable(job: JobSummary): boolean {
  return RESUMABLE.has(job.state);
}

/**
 * Whole percent done, counting how far the item in flight is (a long clip moves the bar by itself); in the job's
 * work unit (frames) when it has one, since its items may differ in size.
 */
export function jobPercent(job: JobSummary): number {
  const { done, total, fraction, work } = job.progress;
  if (work && work.total > 0) return percentOf(work.done, work.total);
  return percentOf(done + (done < total ? fraction : 0), total);
}

/**
 * Inserts or replaces `job` in a newest-first list. A result and an event for the same job can arrive in either
 * order, so an update older than what we hold is dropped.
 */
export function mergeJob(jobs: readonly JobSummary[], job: JobSummary): JobSummary[] {
  const existing = jobs.find((j) => j.id === job.id);
  if (existing && existing.updatedAt > job.updatedAt) return jobs as JobSummary[];
  const rest = jobs.filter((j) => j.id !== job.id);
  return sortNewestFirst([...rest, job]);
}

/** Newest (by creation) first. */
export function sortNewestFirst(jobs: JobSummary[]): JobSummary[] {
  return jobs.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}
