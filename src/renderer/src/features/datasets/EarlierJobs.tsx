import type { JobSummary } from '@shared/models';
import { isResumable, JOB_KINDS } from '../../jobs';

/** The job's main outcome in a few words ("120 imported"), from the first count it reports. */
function outcomeLine(job: JobSummary): string {
  const key = JOB_KINDS[job.kind].primaryCounts[0] ?? Object.keys(job.counts)[0];
  return key === undefined ? '' : `${(job.counts[key] ?? 0).toLocaleString('en-US')} ${key}`;
}

/** Older jobs in one line each; click to show one in full (where Resume lives). */
export function EarlierJobs({ jobs, onShow, title = 'Earlier imports' }: { jobs: JobSummary[]; onShow: (job: JobSummary) => void; title?: string }) {
  return (
    <div className="earlier-jobs">
      <h3 className="subheading">{title}</h3>
      <ul>
        {jobs.map((job) => (
          <li key={job.id}>
            <button type="button" className="earlier-job" onClick={() => onShow(job)} data-testid="earlier-job" data-kind={job.kind}>
              <span className="earlier-title">{job.title}</span>
              <span className={`badge badge-state-${job.state}`}>{job.state}</span>
              <span className="muted small num">
                {outcomeLine(job)}
                {isResumable(job) ? ' · can resume' : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
