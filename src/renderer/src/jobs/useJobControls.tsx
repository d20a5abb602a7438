import { useState, type ReactNode } from 'react';
import type { JobSummary } from '@shared/library';
import { Button, ErrorMessage } from '../components/ui';
import { useAction } from '../transport';
import { useJobs } from './JobsProvider';
import { isActive, isResumable } from './jobState';
import { JOB_KINDS } from './kinds';

/**
 * The controls every job card shows: Pause while it runs, Resume when it can continue, Cancel while it owns work,
 * Remove once it has stopped (asking first when that deletes work kept to resume), and the error of the last click.
 * The live job list is updated with the answer.
 */
export function useJobControls(job: JobSummary, onResumed?: (job: JobSummary) => void): { actions: ReactNode; error: ReactNode } {
  const { upsert, drop } = useJobs();
  const cancel = useAction('jobs.cancel');
  const pause = useAction('jobs.pause');
  const resume = useAction('jobs.resume');
  const remove = useAction('jobs.remove');
  const [confirming, setConfirming] = useState(false);

  async function onCancel() {
    const updated = await cancel.run({ jobId: job.id });
    if (updated) upsert(updated);
  }
  async function onPause() {
    const updated = await pause.run({ jobId: job.id });
    if (updated) upsert(updated);
  }
  async function onResume() {
    const resumed = await resume.run({ jobId: job.id });
    if (resumed) {
      upsert(resumed);
      onResumed?.(resumed);
    }
  }
  async function onRemove() {
    const removed = await remove.run({ jobId: job.id });
    setConfirming(false);
    if (removed) drop(removed.jobId);
  }

  const deletes = job.state === 'done' ? undefined : JOB_KINDS[job.kind].removeDeletes;
  const actions = (
    <span className="job-actions">
      {/* Once every item is done the job is finishing (a conversion joins its segments): too late to pause. */}
      {job.state === 'running' && job.progress.done < job.progress.total && (
        <Button busy={pause.pending} onClick={() => void onPause()} data-testid="job-pause" title="Hold this job between two steps; the jobs after it wait">
          Pause
        </Button>
      )}
      {isResumable(job) && (
        <Button variant="primary" busy={resume.pending} onClick={() => void onResume()} data-testid="job-resume">
          Resume
        </Button>
      )}
      {isActive(job) && (
        <Button variant="danger" busy={cancel.pending} disabled={job.state === 'cancelling'} onClick={() => void onCancel()} data-testid="job-cancel">
          Cancel
        </Button>
      )}
      {!isActive(job) && !confirming && (
        <Button
          variant="ghost"
          busy={remove.pending}
          onClick={() => (deletes ? setConfirming(true) : void onRemove())}
          title={deletes ? `Take this job off the list and delete ${deletes}` : 'Take this job off the list; what it made stays'}
          data-testid="job-remove"
        >
          Remove
        </Button>
      )}
      {confirming && (
        <span className="confirm" role="alertdialog" aria-label="Remove this job?" data-testid="job-remove-confirm">
          <span>Remove it and delete {deletes}?</span>
          <Button variant="danger" busy={remove.pending} autoFocus onClick={() => void onRemove()} data-testid="job-remove-yes">
            Remove
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)} data-testid="job-remove-no">
            Keep
          </Button>
        </span>
      )}
    </span>
  );
  const failed = [cancel, pause, resume, remove].find((a) => a.error);
  const error = <ErrorMessage error={failed?.error ?? null} onDismiss={failed?.clearError ?? (() => undefined)} />;
  return { actions, error };
}
