import type { JobSummary } from '@shared/models';
import { Button, ErrorMessage, ProgressBar } from '../../components/ui';
import { isActive, isResumable, JOB_KINDS, jobPercent, stateHint, useJobs } from '../../jobs';
import { baseName, formatDuration, formatRate } from '../../lib/format';
import { useAction } from '../../transport';
import { JobOutcome } from './JobOutcome';

/**
 * One job of any kind: progress (moving within a long item by `progress.fraction`), what it works on now, rate
 * and ETA, cancel / resume, and the outcome once it ends.
 */
export function JobCard({ job, onResumed }: { job: JobSummary; onResumed: (job: JobSummary) => void }) {
  const { upsert } = useJobs();
  const cancel = useAction('jobs.cancel');
  const resume = useAction('jobs.resume');
  const { done, total, rate, etaSeconds, fraction, current } = job.progress;
  const active = isActive(job);

  async function onCancel() {
    const updated = await cancel.run({ jobId: job.id });
    if (updated) upsert(updated);
  }

  async function onResume() {
    const resumed = await resume.run({ jobId: job.id });
    if (resumed) {
      upsert(resumed);
      onResumed(resumed);
    }
  }

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
        <span className="job-actions">
          {active && (
            <Button variant="danger" busy={cancel.pending} disabled={job.state === 'cancelling'} onClick={() => void onCancel()} data-testid="job-cancel">
              Cancel
            </Button>
          )}
          {isResumable(job) && (
            <Button variant="primary" busy={resume.pending} onClick={() => void onResume()} data-testid="job-resume">
              Resume
            </Button>
          )}
        </span>
      </div>
      {job.error && <p className="job-error">{job.error}</p>}
      <ErrorMessage error={cancel.error ?? resume.error} onDismiss={cancel.error ? cancel.clearError : resume.clearError} />
      <JobOutcome job={job} />
    </div>
  );
}
