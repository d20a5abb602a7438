import type { JobSummary } from '@shared/library';
import { isResumable, outcomeLine } from '../../jobs';

/** Older jobs in one line each; click to show one in full (where Resume lives). */
export function EarlierJobs({ jobs, onShow, title = 'Earlier imports' }: { jobs: JobSummary[]; onShow: (job: JobSummary) => void; title?: string }) {
  return (
    <div className="earlier-jobs">
      <h3 className="subheading">{title}</h3>
      <ul>
        {jobs.map((job) => (
          <li key={job.id}>
            <button type="button" className="row-button earlier-job" onClick={() => onShow(job)} data-testid="earlier-job" data-kind={job.kind}>
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
