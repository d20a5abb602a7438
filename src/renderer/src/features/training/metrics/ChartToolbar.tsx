import type { RunSummary } from '@shared/training';
import { Checkbox } from '../../../components/ui';
import type { ChartGroup } from './chartGroups';

/** Chart toggles, smoothing, log axis and the overlay run. */
export function ChartToolbar({
  groups,
  hidden,
  onToggle,
  smoothing,
  onSmoothing,
  logAxis,
  onLogAxis,
  runs,
  runId,
  overlayId,
  onOverlay,
}: {
  groups: readonly ChartGroup[];
  hidden: ReadonlySet<string>;
  onToggle: (id: string) => void;
  smoothing: number;
  onSmoothing: (value: number) => void;
  logAxis: boolean;
  onLogAxis: (on: boolean) => void;
  runs: readonly RunSummary[];
  runId: string;
  overlayId: string | null;
  onOverlay: (id: string | null) => void;
}) {
  return (
    <div className="chart-toolbar">
      <div className="chart-toggles" role="group" aria-label="Charts shown">
        {groups.map((g) => (
          <button
            key={g.id}
            type="button"
            className="chart-toggle"
            aria-pressed={!hidden.has(g.id)}
            title={`${hidden.has(g.id) ? 'Show' : 'Hide'} ${g.title}`}
            data-testid={`chart-toggle-${g.id}`}
            onClick={() => onToggle(g.id)}
          >
            <span className="chart-toggle-dot" style={{ background: g.series[0]?.color }} />
            {g.id === 'gTotal' ? 'G' : g.id === 'dTotal' ? 'D' : g.id}
          </button>
        ))}
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
          onChange={(e) => onSmoothing(Number(e.target.value))}
          data-testid="smoothing"
        />
        <span className="num smoothing-value">{smoothing.toFixed(2)}</span>
      </label>
      <Checkbox label="log axis" checked={logAxis} onChange={(e) => onLogAxis(e.target.checked)} data-testid="log-axis" />
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
