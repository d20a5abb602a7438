import type { JobSummary } from '@shared/models';
import { JOB_KINDS } from '../../jobs';

const MAX_LISTED = 500;

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
      {job.skipped.length > 0 && (
        <details className="skipped" data-testid="job-skipped">
          <summary>
            {job.skipped.length.toLocaleString('en-US')} skipped {job.skipped.length === 1 ? 'file' : 'files'}
          </summary>
          <ul>
            {job.skipped.slice(0, MAX_LISTED).map((item, i) => (
              <li key={i} data-testid="job-skipped-item">
                <span className="mono skipped-path" title={item.path}>
                  {item.path}
                </span>
                <span className="skipped-reason">{item.reason}</span>
              </li>
            ))}
          </ul>
          {job.skipped.length > MAX_LISTED && (
            <p className="muted small">…and {(job.skipped.length - MAX_LISTED).toLocaleString('en-US')} more</p>
          )}
        </details>
      )}
    </>
  );
}
