import type { JobSummary } from '@shared/library';
import { JobCardFrame } from '../../jobs';
import { JobOutcome } from './JobOutcome';

/**
 * One job of any kind: progress (moving within a long item by `progress.fraction`), what it works on now, rate
 * and ETA, cancel / resume, and the outcome once it ends.
 */
export function JobCard({ job, onResumed }: { job: JobSummary; onResumed: (job: JobSummary) => void }) {
  return <JobCardFrame job={job} onResumed={onResumed} data-testid="job-card" outcome={<JobOutcome job={job} />} />;
}
