import type { JobSummary } from '@shared/library';
import { JobCardFrame, useJobControls } from '../../jobs';
import { JobOutcome } from './JobOutcome';

/**
 * One job of any kind: progress (moving within a long item by `progress.fraction`), what it works on now, rate
 * and ETA, cancel / resume, and the outcome once it ends.
 */
export function JobCard({ job, onResumed }: { job: JobSummary; onResumed: (job: JobSummary) => void }) {
  const controls = useJobControls(job, onResumed);
  return <JobCardFrame job={job} controls={controls} data-testid="job-card" outcome={<JobOutcome job={job} />} />;
}
