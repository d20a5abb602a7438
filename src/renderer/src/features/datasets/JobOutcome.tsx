import type { JobSummary } from '@shared/models';
import { JOB_KINDS, SkippedList } from '../../jobs';

/** Counts by outcome and the collapsible list of skipped files with their reasons. */
export function JobOutcome({ job }: { job: JobSummary }) {
  // The counts users ask about first (per kind); any other outcome the service reports follows.
  const primary = JOB_KINDS[job.kind].primaryCounts;
  const keys = [...primary, ...Object.keys(job.counts).filter((k) => !primary.includes(k))];
  const hasCounts = Object.keys(job.counts).length > 0 || (primary.length > 0 && !['queued', 'running'].includes(job.state));
  return (
    <>
      {hasCounts && (
        <dl className="job-counts">
          {keys.map((key) => (
            <div key={key} className={`count count-${key}`} data-testid={`job-count-${key}`} data-count={job.counts[key] ?? 0}>
              <dt>{key}</dt>
              <dd>{(job.counts[key] ?? 0).toLocaleString('en-US')}</dd>
            </div>
          ))}
        </dl>
      )}
      <SkippedList job={job} />
    </>
  );
}
