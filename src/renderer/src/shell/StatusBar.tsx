import { isActive, jobPercent, useJobs } from '../jobs';
import { percentOf, plural } from '../lib/format';
import { useConnection, useQuery, useTransport } from '../transport';
import { useLiveRuns } from './useLiveRuns';

const CONNECTION_TEXT = { connected: 'connected', connecting: 'connecting…', disconnected: 'disconnected' } as const;

/** Bottom bar: engine backend, transport, running jobs and training runs, and connection state. */
export function StatusBar() {
  const transport = useTransport();
  const connection = useConnection();
  const info = useQuery('app.info', {});
  const { jobs } = useJobs();
  const running = jobs.filter(isActive);
  // A paused job is not running: the line says so, and names a job that is moving when there is one.
  const moving = running.filter((j) => j.state !== 'paused');
  const first = moving[0] ?? running[0];
  const runs = useLiveRuns();
  const training = runs.find((r) => r.state !== 'paused') ?? runs[0];

  const connectionTitle = transport.tokenMissing
    ? 'No access token: open the address printed by `cel-studio` (it ends in ?token=…)'
    : (connection.detail ?? undefined);

  return (
    <footer className="status-bar">
      <span className="status-item" data-testid="status-backend" title={info.data?.engine.detail}>
        engine: {info.data?.engine.backend ?? '—'}
      </span>
      <span className="status-item" data-testid="status-transport">
        transport: {transport.kind}
      </span>
      <span className="status-item status-jobs" data-testid="status-jobs" data-count={running.length} data-runs={runs.length}>
        {first || training ? (
          <>
            <span className={`status-dot${moving.length > 0 || (training && training.state !== 'paused') ? ' status-dot-busy' : ''}`} aria-hidden="true" />
            {training && (
              <span data-testid="status-training" title={`${plural(runs.length, 'training run')} not finished`}>
                {training.state === 'paused' ? 'training paused' : 'training'} · {training.name} · {percentOf(training.step, training.totalSteps)}%
              </span>
            )}
            {training && first && ' · '}
            {first && (
              <span>
                {moving.length > 0 ? `${plural(moving.length, 'job')} running` : `${plural(running.length, 'job')} paused`} · {first.title} ·{' '}
                {jobPercent(first)}%
              </span>
            )}
          </>
        ) : (
          'nothing running'
        )}
      </span>
      <span className="status-spacer" />
      {info.data && <span className="status-item status-muted">v{info.data.version}</span>}
      <span
        className={`status-item status-connection status-${connection.status}`}
        data-testid="status-connection"
        data-state={connection.status}
        title={connectionTitle}
      >
        <span className="status-dot" aria-hidden="true" />
        {CONNECTION_TEXT[connection.status]}
        {transport.tokenMissing && connection.status !== 'connected' && ' (no token)'}
      </span>
      {connection.status === 'disconnected' && (
        <button type="button" className="status-retry" onClick={transport.connection.reconnectNow}>
          Retry now
        </button>
      )}
    </footer>
  );
}
