import type { RunSummary } from '@shared/training';
import { Checkbox, ToggleButton } from '../../../components/ui';
import type { ChartOptions } from './chartData';
import type { ChartGroup } from './chartGroups';

/** Which other run is drawn dashed over the selected one's charts, and the runs to choose it from. */
export interface OverlayChoice {
  runs: readonly RunSummary[];
  overlayId: string | null;
  onOverlay: (id: string | null) => void;
}

/** Chart toggles, smoothing, log axis and the overlay run. */
export function ChartToolbar({
  groups,
  hidden,
  onToggle,
  options,
  onOptions,
  runId,
  choice,
}: {
  groups: readonly ChartGroup[];
  hidden: ReadonlySet<string>;
  onToggle: (id: string) => void;
  options: ChartOptions;
  onOptions: (options: ChartOptions) => void;
  /** The selected run, which is not offered as its own overlay. */
  runId: string;
  choice: OverlayChoice;
}) {
  const { smoothing, logAxis } = options;
  const { runs, overlayId, onOverlay } = choice;
  return (
    <div className="chart-toolbar">
      <div className="chart-toggles" role="group" aria-label="Charts shown">
        {groups.map((g) => {
          const shown = !hidden.has(g.id);
          return (
            <ToggleButton key={g.id} className="chart-toggle" on={shown} title={`${shown ? 'Hide' : 'Show'} ${g.title}`} data-testid={`chart-toggle-${g.id}`} onClick={() => onToggle(g.id)}>
              <span className="chart-toggle-dot" style={{ background: g.series[0]?.color }} />
              {g.id === 'gTotal' ? 'G' : g.id === 'dTotal' ? 'D' : g.id}
            </ToggleButton>
          );
        })}
      </div>
      <span className="toolbar-spacer" />
      <label className="inline-field" title="Exponential moving average of each line; the raw values stay faint behind it">
        smoothing
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={smoothing}
          onChange={(e) => onOptions({ ...options, smoothing: Number(e.target.value) })}
          data-testid="smoothing"
        />
        <span className="num smoothing-value">{smoothing.toFixed(2)}</span>
      </label>
      <Checkbox label="log axis" checked={logAxis} onChange={(e) => onOptions({ ...options, logAxis: e.target.checked })} data-testid="log-axis" />
      <label className="inline-field" title="Draw another run’s curves dashed on the same charts">
        overlay
        <select value={overlayId ?? ''} onChange={(e) => onOverlay(e.target.value || null)} data-testid="overlay-run">
          <option value="">none</option>
          {runs
            .filter((r) => r.id !== runId)
            .map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
        </select>
      </label>
    </div>
  );
}
