import type { JobSummary } from '@shared/library';
import { ProgressBar } from '../../../components/ui';
import { isActive, JOB_KINDS, jobPercent, SkippedList, stateHint, useJobControls } from '../../../jobs';
import { baseName, formatDuration, formatRate } from '../../../lib/format';

/**
 * One conversion in the queue: state, progress (within the segment or photo in flight by `progress.fraction`),
 * rate and ETA while it runs, Cancel / Resume, and the file or folder it writes.
 */
export function ConversionJobCard({ job }: { job: JobSummary }) {
  const controls = useJobControls(job);
  const { done, total, rate, etaSeconds, fraction, current, work } = job.progress;
  const active = isActive(job);
  const unit = JOB_KINDS[job.kind].unit;


  return (
    <li
      className={`job-card conv-job job-${job.state}`}
      aria-label={job.title}
      data-testid="conversion-job"
      data-job-id={job.id}
      data-kind={job.kind}
      data-state={job.state}
    >
      <div className="job-head">
        <span className="job-title" title={job.title}>
          {job.title}
        </span>
        <span className={`badge badge-state-${job.state}`} data-testid="job-state" data-state={job.state} title={stateHint(job)}>
          {job.state}
        </span>
      </div>
      <ProgressBar
        data-testid="job-progress"
        done={work ? Math.floor(work.done) : done}
        total={work ? work.total : total}
        fraction={work ? work.done % 1 : fraction}
        state={job.state}
        label={`${job.title} progress`}
      />
      <div className="job-stats">
        <span className="num" data-testid="job-done" data-done={done} data-total={total} title={work ? `${done} of ${total} ${unit} finished` : undefined}>
          {work
            ? `${Math.floor(work.done).toLocaleString('en-US')} / ${work.total.toLocaleString('en-US')} ${work.unit}`
            : `${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} ${unit}`}
        </span>
        <span className="num" data-testid="job-percent">
          {jobPercent(job)}%
        </span>
        {active && (
          <span className="num" data-testid="job-rate">
            {work ? formatRate(work.rate, work.unit) : formatRate(rate, unit)}
          </span>
        )}
        {active && (
          <span className="num" data-testid="job-eta">
            ETA {formatDuration(etaSeconds)}
          </span>
        )}
        {controls.actions}
      </div>
      {active && current && (
        <div className="job-current mono" title={current}>
          {baseName(current)}
        </div>
      )}
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
      {job.error && <p className="job-error">{job.error}</p>}
      {controls.error}
      <Outcome job={job} />
    </li>
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
