import type { JobSummary } from '@shared/library';
import { ProgressBar } from '../../components/ui';
import { isActive, JOB_KINDS, jobPercent, stateHint, useJobControls } from '../../jobs';
import { baseName, formatDuration, formatRate } from '../../lib/format';
import { JobOutcome } from './JobOutcome';

/**
 * One job of any kind: progress (moving within a long item by `progress.fraction`), what it works on now, rate
 * and ETA, cancel / resume, and the outcome once it ends.
 */
export function JobCard({ job, onResumed }: { job: JobSummary; onResumed: (job: JobSummary) => void }) {
  const controls = useJobControls(job, onResumed);
  const { done, total, rate, etaSeconds, fraction, current } = job.progress;
  const active = isActive(job);


  return (
    <div className={`job-card job-${job.state}`} data-job-id={job.id} data-kind={job.kind} data-testid="job-card">
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
        done={done}
        total={total}
        fraction={fraction}
        state={job.state}
        label={`${job.title} progress`}
      />
      {active && current && (
        <div className="job-current mono" data-testid="job-current" title={current}>
          {baseName(current)}
        </div>
      )}
      <div className="job-stats">
        <span className="num">
          {done.toLocaleString('en-US')} / {total.toLocaleString('en-US')}
        </span>
        <span className="num" data-testid="job-percent">
          {jobPercent(job)}%
        </span>
        {active && <span className="num">{formatRate(rate, JOB_KINDS[job.kind].unit)}</span>}
        {active && <span className="num">ETA {formatDuration(etaSeconds)}</span>}
        {controls.actions}
      </div>
      {job.error && <p className="job-error">{job.error}</p>}
      {controls.error}
      <JobOutcome job={job} />
    </div>
  );
}
