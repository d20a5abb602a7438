import type { RunState } from '@shared/training';

/** The badge tone (styles/ui.css) of each state: under way, finished, failed, or held. */
const TONES: Record<RunState, 'accent' | 'ok' | 'danger' | 'warn'> = {
  starting: 'accent',
  running: 'accent',
  done: 'ok',
  failed: 'danger',
  paused: 'warn',
  stopped: 'warn',
  interrupted: 'warn',
};

/** A run's state as a coloured pill. */
export function RunStateBadge({ state, testId }: { state: RunState; testId?: string }) {
  return (
    <span className={`badge badge-${TONES[state]} run-state`} data-testid={testId} data-state={state}>
      {state === 'running' && <span className="run-state-dot" aria-hidden="true" />}
      {state}
    </span>
  );
}

/**
 * The backend a run trains on, by its short name (wasm, tensorflow, …; a dash before it started). The service
 * describes it at length ("wasm (tfjs-backend-wasm 4.22.0, SIMD, 2 threads …)"): that goes in the tooltip.
 */
export function BackendBadge({ backend, testId, title }: { backend: string | null; testId?: string; title?: string }) {
  const short = backend === null ? '—' : (backend.split(/[\s(]/, 1)[0] || backend);
  const detail = backend !== null && backend !== short ? backend : null;
  return (
    <span
      className="badge backend-badge mono"
      data-testid={testId}
      data-backend={backend ?? ''}
      title={[title ?? 'Backend this run trains on', detail].filter(Boolean).join('\n')}
    >
      {short}
    </span>
  );
}
