import { useMemo, useState } from 'react';
import type { LossWeights, ModelInfo, RunSummary } from '@shared/training';
import { ErrorMessage, Panel } from '../../../components/ui';
import { ChartCard } from './ChartCard';
import { groupsForModel } from './chartGroups';
import { ChartToolbar } from './ChartToolbar';
import type { RunMetricsState } from './useRunMetrics';

/** Live charts of the selected run (and an overlay run, dashed): one per loss term group plus PSNR/SSIM. */
export function ChartsPanel({
  run,
  model,
  startWeights,
  primary,
  overlay,
  runs,
  overlayId,
  onOverlay,
}: {
  run: RunSummary;
  model: ModelInfo | undefined;
  /** The weights the run started with, to describe what each change changed. */
  startWeights: LossWeights | null;
  primary: RunMetricsState;
  overlay: RunMetricsState;
  runs: readonly RunSummary[];
  overlayId: string | null;
  onOverlay: (id: string | null) => void;
}) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [smoothing, setSmoothing] = useState(0.6);
  const [logAxis, setLogAxis] = useState(false);
  const groups = useMemo(() => groupsForModel(model), [model]);
  const visible = useMemo(() => groups.filter((g) => !hidden.has(g.id)), [groups, hidden]);
  const toggle = (id: string) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const p = primary.metrics;
  const o = overlayId ? overlay.metrics : null;
  const version = primary.version + overlay.version;

  return (
    <Panel
      title="Losses and quality"
      className="charts-panel"
      actions={
        <span className="muted small num" data-testid="metrics-count">
          {p ? `${p.recorded.toLocaleString('en-US')} points recorded` : primary.loading ? 'loading…' : ''}
        </span>
      }
    >
      <ChartToolbar
        groups={groups}
        hidden={hidden}
        onToggle={toggle}
        smoothing={smoothing}
        onSmoothing={setSmoothing}
        logAxis={logAxis}
        onLogAxis={setLogAxis}
        runs={runs}
        runId={run.id}
        overlayId={overlayId}
        onOverlay={onOverlay}
      />
      <ErrorMessage error={primary.error ?? (overlayId ? overlay.error : null)} />
      <div className="chart-grid">
        {visible.map((group) => (
          <ChartCard
            key={group.id}
            group={group}
            primary={p}
            overlay={o}
            version={version}
            smoothing={smoothing}
            logAxis={logAxis}
            startWeights={startWeights}
            weight={group.weight ? run.weights[group.weight] : null}
          />
        ))}
      </div>
    </Panel>
  );
}

