import type { JobSummary } from '@shared/library';
import { JOB_KINDS } from './kinds';

/** One outcome count of a job as a card shows it: the number, the words after it and why it happened. */
export interface ShownCount {
  key: string;
  count: number;
  label: string;
  hint: string | null;
}

/**
 * The job's outcome counts in the order a card shows them: the kind's primary ones (even at 0), then those it has
 * words for, then any other the service reports.
 */
export function shownCounts(job: JobSummary): ShownCount[] {
  const { primaryCounts, countLabels = {} } = JOB_KINDS[job.kind];
  const reported = Object.keys(job.counts);
  const labelled = Object.keys(countLabels).filter((k) => reported.includes(k));
  const keys = [...new Set([...primaryCounts, ...labelled, ...reported])];
  return keys.map((key) => ({
    key,
    count: job.counts[key] ?? 0,
    label: countLabels[key]?.label ?? key,
    hint: countLabels[key]?.hint ?? null,
  }));
}

/** The job's main outcome in a few words ("120 imported", "40 frames added"); empty before it counts anything. */
export function outcomeLine(job: JobSummary): string {
  const first = shownCounts(job)[0];
  return first ? `${first.count.toLocaleString('en-US')} ${first.label}` : '';
}
