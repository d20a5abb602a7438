import type { JobSummary } from '@shared/library';
import { JobCardFrame, SkippedList } from '../../../jobs';

/**
 * One conversion in the queue: state, progress (within the segment or photo in flight by `progress.fraction`),
 * rate and ETA while it runs, Cancel / Resume, and the file or folder it writes.
 */
export function ConversionJobCard({ job }: { job: JobSummary }) {
  return (
    <JobCardFrame
      as="li"
      className="conv-job"
      job={job}
      countUnit
      currentBelowStats
      outcome={<Outcome job={job} />}
      aria-label={job.title}
      data-testid="conversion-job"
      data-state={job.state}
    >
      {job.output && (
        <div className={`conv-output${job.state === 'done' ? ' conv-output-done' : ''}`}>
          <span className="conv-output-label">{job.state === 'done' ? 'Written to' : 'Writes to'}</span>
          <span className="mono conv-output-path" title={job.output} data-testid="job-output">
            {job.output}
          </span>
        </div>
      )}
      {job.notices.length > 0 && (
        <ul className="conv-notices small" data-testid="job-notices">
          {job.notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </JobCardFrame>
  );
}

/** Counts by outcome (converted, skipped…) and the files passed over, with why. */
function Outcome({ job }: { job: JobSummary }) {
  const counts = Object.entries(job.counts);
  return (
    <>
      {counts.length > 0 && (
        <div className="conv-counts small">
          {counts.map(([key, n]) => (
            <span key={key} className="chip num" data-testid={`job-count-${key}`} data-count={n}>
              {n.toLocaleString('en-US')} {key}
            </span>
          ))}
        </div>
      )}
      <SkippedList job={job} />
    </>
  );
}
