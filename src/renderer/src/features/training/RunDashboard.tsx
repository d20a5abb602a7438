import { useMemo, type ReactNode } from 'react';
import type { LossWeights, ModelInfo, PresetInfo, RunSummary } from '@shared/training';
import { ChartsPanel } from './metrics/ChartsPanel';
import type { OverlayChoice } from './metrics/ChartToolbar';
import { useRunMetrics } from './metrics/useRunMetrics';
import { PreviewStrip } from './previews/PreviewStrip';
import { usePreviews } from './previews/usePreviews';
import { RunHeader } from './runs/RunHeader';
import { WeightsPanel } from './weights/WeightsPanel';

/**
 * The selected run: the weight sliders under the run list (`side`) like a mixing desk, and beside them the header
 * and controls, live charts (with an optional overlay run) and previews.
 */
export function RunDashboard({
  side,
  run,
  models,
  presets,
  engineBackend,
  overlayChoice,
  onSummary,
}: {
  side: ReactNode;
  run: RunSummary;
  models: readonly ModelInfo[];
  presets: readonly PresetInfo[];
  engineBackend: string | null;
  overlayChoice: OverlayChoice;
  onSummary: (run: RunSummary) => void;
}) {
  const model = models.find((m) => m.name === run.config.model);
  const preset = presets.find((p) => p.name === run.config.preset);
  // Each summary is a new object; the start weights only change with the config's own weights.
  const configWeights = JSON.stringify(run.config.weights ?? null);
  const startWeights = useMemo(
    () => (preset ? { ...preset.weights, ...(JSON.parse(configWeights) as Partial<LossWeights> | null) } : null),
    [preset, configWeights],
  );
  const primary = useRunMetrics(run.id);
  const overlay = useRunMetrics(overlayChoice.overlayId);
  const { previews, loading } = usePreviews(run.id);

  return (
    <div className="training-body">
      <div className="training-side">
        {side}
        <WeightsPanel key={run.id} run={run} model={model} preset={preset} startWeights={startWeights} metrics={primary} onSummary={onSummary} />
      </div>
      <div className="training-main run-dashboard">
        <RunHeader key={run.id} run={run} model={model} preset={preset} engineBackend={engineBackend} onSummary={onSummary} />
        <ChartsPanel run={run} model={model} startWeights={startWeights} primary={primary} overlay={overlay} choice={overlayChoice} />
        <PreviewStrip previews={previews} model={model} loading={loading} />
      </div>
    </div>
  );
}
