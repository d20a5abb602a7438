/** Prints a job's progress to stderr: one rewritten line on a terminal, a line every few seconds otherwise. */
import type { JobSummary } from '@shared/library';

/**
 * Formats a job as "title: 40/118 (34%) 12.3/s ETA 6s", or in its work unit when it has one (a conversion:
 * "title: 96/194 frames (49%) 11.8 frames/s ETA 9s").
 */
export function formatProgress(job: JobSummary): string {
  const { work, etaSeconds } = job.progress;
  const { done, total, rate } = work ? { ...work, done: Math.floor(work.done) } : job.progress;
  const unit = work ? ` ${work.unit}` : '';
  const pct = total > 0 ? Math.floor((done / total) * 100) : 0;
  const eta = etaSeconds === null ? '' : ` ETA ${Math.ceil(etaSeconds)}s`;
  return `${job.title}: ${done}/${total}${unit} (${pct}%) ${rate.toFixed(1)}${unit}/s${eta}`;
}

/** Returns a listener that reports progress to `out` without flooding a log file. */
export function progressPrinter(out: NodeJS.WriteStream): (job: JobSummary) => void {
  let last = 0;
  return (job) => {
    if (out.isTTY) {
      out.write(`\r\x1b[2K${formatProgress(job)}`);
      return;
    }
    const now = Date.now();
    if (now - last >= 2000 || job.state !== 'running') {
      last = now;
      out.write(`${formatProgress(job)}\n`);
    }
  };
}
