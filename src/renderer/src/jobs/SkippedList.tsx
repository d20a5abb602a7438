import type { JobSummary } from '@shared/library';

const MAX_LISTED = 500;

/** The collapsible list of the inputs a job passed over, each with the reason; nothing when there are none. */
export function SkippedList({ job }: { job: JobSummary }) {
  if (job.skipped.length === 0) return null;
  return (
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
      {job.skipped.length > MAX_LISTED && <p className="muted small">…and {(job.skipped.length - MAX_LISTED).toLocaleString('en-US')} more</p>}
    </details>
  );
}
