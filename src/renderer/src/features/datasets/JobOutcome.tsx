import type { JobSummary } from '@shared/library';
import { JOB_KINDS, shownCounts, SkippedList } from '../../jobs';

/** Counts by outcome, each saying what it counts ("17 identical frames skipped"), and the skipped files' reasons. */
export function JobOutcome({ job }: { job: JobSummary }) {
  const counts = shownCounts(job);
  const primary = JOB_KINDS[job.kind].primaryCounts;
  const hasCounts = Object.keys(job.counts).length > 0 || (primary.length > 0 && !['queued', 'running'].includes(job.state));
  return (
    <>
      {hasCounts && (
        <dl className="job-counts">
          {counts.map(({ key, count, label, hint }) => (
            <div key={key} className={`count count-${key}`} data-testid={`job-count-${key}`} data-count={count} title={hint ?? undefined}>
              <dt>{label}</dt>
              <dd>{count.toLocaleString('en-US')}</dd>
            </div>
          ))}
        </dl>
      )}
      <SkippedList job={job} />
    </>
  );
}
