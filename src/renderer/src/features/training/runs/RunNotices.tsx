import type { RunNotice } from '@shared/training';
import { formatStep } from '../format';

/**
 * What the user should know about how a run went that is not an error (a pinned device that was missing, a batch
 * halved to fit the GPU's memory), with the step each happened at; nothing when there are none.
 */
export function RunNotices({ notices }: { notices: readonly RunNotice[] }) {
  if (notices.length === 0) return null;
  return (
    <div className="notice small run-notices" role="status" data-testid="run-notices" data-count={notices.length}>
      <ul>
        {notices.map((n, i) => (
          <li key={i} data-testid="run-notice">
            <span className="num muted">step {formatStep(n.step)}:</span> {n.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
