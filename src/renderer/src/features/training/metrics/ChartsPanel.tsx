import { useMemo, useState } from 'react';
import type { LossWeights, ModelInfo, RunSummary } from '@shared/training';
import { ErrorMessage, Panel } from '../../../components/ui';
import { ChartCard, type ChartSeries } from './ChartCard';
import type { ChartOptions } from './chartData';
import { groupsForModel } from './chartGroups';
import { ChartToolbar, type OverlayChoice } from './ChartToolbar';
import type { RunMetricsState } from './useRunMetrics';

/** Live charts of the selected run (and an overlay run, dashed): one per loss term group plus PSNR/SSIM. */
export function ChartsPanel({
  run,
  model,
  startWeights,
  primary,
  overlay,
  choice,
}: {
  run: RunSummary;
  model: ModelInfo | undefined;
  /** The weights the run started with, to describe what each change changed. */
  startWeights: LossWeights | null;
  primary: RunMetricsState;
  overlay: RunMetricsState;
  choice: OverlayChoice;
}) {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [options, setOptions] = useState<ChartOptions>({ smoothing: 0.6, logAxis: false });
  const groups = useMemo(() => groupsForModel(model), [model]);
  const visible = useMemo(() => groups.filter((g) => !hidden.has(g.id)), [groups, hidden]);
  const toggle = (id: string) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const p = primary.metrics;
  const o = choice.overlayId ? overlay.metrics : null;
  const version = primary.version + overlay.version;
  const series = useMemo<ChartSeries>(() => ({ primary: p, overlay: o, version }), [p, o, version]);

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
      <ChartToolbar groups={groups} hidden={hidden} onToggle={toggle} options={options} onOptions={setOptions} runId={run.id} choice={choice} />
      <ErrorMessage error={primary.error ?? (choice.overlayId ? overlay.error : null)} />
      <div className="chart-grid">
        {visible.map((group) => (
          <ChartCard key={group.id} group={group} series={series} options={options} startWeights={startWeights} weight={group.weight ? run.weights[group.weight] : null} />
        ))}
      </div>
    </Panel>
  );
}

