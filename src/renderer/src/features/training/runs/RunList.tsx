import { memo } from 'react';
import type { StudioError } from '@shared/errors';
import type { ModelInfo, RunSummary } from '@shared/training';
import { Button, ErrorMessage, Panel } from '../../../components/ui';
import { percentOf } from '../../../lib/format';
import { formatCreated, formatStep } from '../format';
import { BackendBadge, RunStateBadge } from './RunStateBadge';

/** Every run of the library, newest first; click one to open its dashboard. */
export const RunList = memo(function RunList({
  runs,
  models,
  selectedId,
  overlayId,
  error,
  onSelect,
  onNew,
}: {
  runs: readonly RunSummary[];
  models: readonly ModelInfo[];
  selectedId: string | null;
  overlayId: string | null;
  error: StudioError | null;
  onSelect: (id: string) => void;
  onNew: () => void;
}) {
  return (
    <Panel
      title="Runs"
      count={runs.length}
      className="runs-panel"
      actions={
        <Button variant={selectedId === null ? 'secondary' : 'primary'} className="btn-small" onClick={onNew} data-testid="train-new">
          New run
        </Button>
      }
    >
      <ErrorMessage error={error} />
      {runs.length === 0 ? (
        <p className="small muted">No runs yet. Start one with the form.</p>
      ) : (
        <ul className="run-list" data-testid="run-list">
          {runs.map((run) => {
            const model = models.find((m) => m.name === run.config.model);
            return (
              <li key={run.id}>
                <button
                  type="button"
                  className="row-button run-item"
                  aria-current={run.id === selectedId || undefined}
                  onClick={() => onSelect(run.id)}
                  data-testid="run-item"
                  data-run-id={run.id}
                  data-state={run.state}
                >
                  <span className="run-item-top">
                    <span className="run-item-name" title={run.name}>
                      {run.name}
                    </span>
                    {run.id === overlayId && (
                      <span className="run-item-overlay" title="Drawn dashed as the overlay run">
                        overlay
                      </span>
                    )}
                    <RunStateBadge state={run.state} />
                  </span>
                  <span className="run-item-meta">
                    <span>{model?.title ?? run.config.model}</span>
                    <span className="num">
                      {formatStep(run.step)} / {formatStep(run.totalSteps)}
                    </span>
                  </span>
                  <span className="run-item-bar" aria-hidden="true">
                    <span style={{ width: `${percentOf(run.step, run.totalSteps)}%` }} />
                  </span>
                  <span className="run-item-meta">
                    <BackendBadge backend={run.backend} />
                    <span className="muted">{formatCreated(run.createdAt)}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
});
