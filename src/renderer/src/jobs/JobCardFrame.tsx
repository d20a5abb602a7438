import type { HTMLAttributes, ReactNode } from 'react';
import type { JobSummary } from '@shared/library';
import { ProgressBar } from '../components/ui';
import { baseName, formatDuration, formatRate } from '../lib/format';
import { isActive, jobPercent } from './jobState';
import { JOB_KINDS, stateHint } from './kinds';
import { useJobControls } from './useJobControls';
import './job-card.css';

interface JobCardFrameProps extends HTMLAttributes<HTMLElement> {
  job: JobSummary;
  /** Hears the job a Resume click answered (the datasets page follows the resumed import). */
  onResumed?: (job: JobSummary) => void;
  /** The card's own element: `li` in a list of jobs. */
  as?: 'div' | 'li';
  /** Name the unit after the done / total count ("30 / 30 frames"). */
  countUnit?: boolean;
  /** Show what is worked on now below the stats row instead of right under the bar. */
  currentBelowStats?: boolean;
  /** What the job has made so far (counts, skipped files); after the error. */
  outcome?: ReactNode;
  /** Below the stats row (and the current item), above the error. */
  children?: ReactNode;
}

/**
 * The parts every job card shows: title and state, progress (in the job's work unit, frames, when it has one, and
 * moving within a long item by `progress.fraction`), done / total, percent, rate and ETA while it runs, the
 * controls, what it works on now, the error and the outcome.
 */
export function JobCardFrame({ job, onResumed, as: Root = 'div', countUnit, currentBelowStats, outcome, children, className, ...rest }: JobCardFrameProps) {
  const controls = useJobControls(job, onResumed);
  const { done, total, etaSeconds, fraction, current, work } = job.progress;
  const active = isActive(job);
  const unit = JOB_KINDS[job.kind].unit;
  const shown = work
    ? { done: Math.floor(work.done), total: work.total, fraction: work.done % 1, rate: work.rate, unit: work.unit }
    : { done, total, fraction, rate: job.progress.rate, unit };
  const currentLine = active && current && (
    <div className="job-current mono" data-testid="job-current" title={current}>
      {baseName(current)}
    </div>
  );

  return (
    <Root {...rest} className={`card job-card job-${job.state}${className ? ` ${className}` : ''}`} data-job-id={job.id} data-kind={job.kind}>
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
        done={shown.done}
        total={shown.total}
        fraction={shown.fraction}
        state={job.state}
        label={`${job.title} progress`}
      />
      {!currentBelowStats && currentLine}
      <div className="job-stats">
        <span className="num" data-testid="job-done" data-done={done} data-total={total} title={work ? `${done} of ${total} ${unit} finished` : undefined}>
          {shown.done.toLocaleString('en-US')} / {shown.total.toLocaleString('en-US')}
          {countUnit && ` ${shown.unit}`}
        </span>
        <span className="num" data-testid="job-percent">
          {jobPercent(job)}%
        </span>
        {active && (
          <span className="num" data-testid="job-rate">
            {formatRate(shown.rate, shown.unit)}
          </span>
        )}
        {active && (
          <span className="num" data-testid="job-eta">
            ETA {formatDuration(etaSeconds)}
          </span>
        )}
        {controls.actions}
      </div>
      {currentBelowStats && currentLine}
      {children}
      {job.error && <p className="job-error">{job.error}</p>}
      {controls.error}
      {outcome}
    </Root>
  );
}
