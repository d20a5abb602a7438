import type { ReactNode } from 'react';
import type { JobSummary } from '@shared/models';
import { Button, ErrorMessage } from '../components/ui';
import { useAction } from '../transport';
import { useJobs } from './JobsProvider';
import { isActive, isResumable } from './jobState';

/**
 * Cancel / Resume for one job, as every job card shows them: the buttons (Cancel while it runs, Resume when it
 * can continue) and the error of the last click. The live job list is updated with the answer.
 */
export function useJobControls(job: JobSummary, onResumed?: (job: JobSummary) => void): { actions: ReactNode; error: ReactNode } {
  const { upsert } = useJobs();
  const cancel = useAction('jobs.cancel');
  const resume = useAction('jobs.resume');

  async function onCancel() {
    const updated = await cancel.run({ jobId: job.id });
    if (updated) upsert(updated);
  }
  async function onResume() {
    const resumed = await resume.run({ jobId: job.id });
    if (resumed) {
      upsert(resumed);
      onResumed?.(resumed);
    }
  }

  const actions = (
    <span className="job-actions">
      {isActive(job) && (
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
  );
  const error = <ErrorMessage error={cancel.error ?? resume.error} onDismiss={cancel.error ? cancel.clearError : resume.clearError} />;
  return { actions, error };
}
