import type { JobSummary } from '@shared/models';
import { isResumable } from '../../jobs';

/** Older import jobs in one line each; click to show one in full (where Resume lives). */
export function EarlierJobs({ jobs, onShow }: { jobs: JobSummary[]; onShow: (job: JobSummary) => void }) {
  return (
    <div className="earlier-jobs">
      <h3 className="subheading">Earlier imports</h3>
      <ul>
        {jobs.map((job) => (
          <li key={job.id}>
            <button type="button" className="earlier-job" onClick={() => onShow(job)} data-testid="earlier-job">
              <span className="earlier-title">{job.title}</span>
              <span className={`badge badge-state-${job.state}`}>{job.state}</span>
              <span className="muted small num">
                {(job.counts['imported'] ?? 0).toLocaleString('en-US')} imported
                {isResumable(job) ? ' · can resume' : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
