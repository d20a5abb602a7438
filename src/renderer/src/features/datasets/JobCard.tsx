import type { JobState, JobSummary } from '@shared/models';
import { Button, ErrorMessage, ProgressBar } from '../../components/ui';
import { isActive, isResumable, jobPercent, useJobs } from '../../jobs';
import { formatDuration, formatRate } from '../../lib/format';
import { useAction } from '../../transport';
import { JobOutcome } from './JobOutcome';

const STATE_HINT: Record<JobState, string> = {
  queued: 'Waiting to start',
  running: 'Importing',
  cancelling: 'Stopping after the current file',
  cancelled: 'Cancelled; resume continues with the files not yet imported',
  done: 'Finished',
  failed: 'Failed',
  interrupted: 'The app closed while this ran; resume continues where it stopped',
};

/** One job: progress with rate and ETA, cancel / resume, and the outcome once it ends. */
export function JobCard({ job, onResumed }: { job: JobSummary; onResumed: (job: JobSummary) => void }) {
  const { upsert } = useJobs();
  const cancel = useAction('jobs.cancel');
  const resume = useAction('jobs.resume');
  const { done, total, rate, etaSeconds } = job.progress;
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
    <div className={`job-card job-${job.state}`} data-job-id={job.id}>
      <div className="job-head">
        <span className="job-title">{job.title}</span>
        <span className={`badge badge-state-${job.state}`} data-testid="job-state" data-state={job.state} title={STATE_HINT[job.state]}>
          {job.state}
        </span>
      </div>
      <ProgressBar data-testid="job-progress" done={done} total={total} state={job.state} label={`${job.title} progress`} />
      <div className="job-stats">
        <span className="num">
          {done.toLocaleString('en-US')} / {total.toLocaleString('en-US')}
        </span>
        <span className="num">{jobPercent(job)}%</span>
        {active && <span className="num">{formatRate(rate)}</span>}
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
