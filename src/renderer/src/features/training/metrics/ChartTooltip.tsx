import { formatMeasure, formatStep } from '../format';
import { valueNear, type ChartLine } from './chartData';

const inRange = (line: ChartLine, step: number) =>
  line.view.length > 0 && step >= line.view.steps[0]! && step <= line.view.steps[line.view.length - 1]!;

/** The hover card of a chart: the step and each line's value there (smoothed, with the raw value in brackets). */
export function ChartTooltip({ active, label, lines }: { active?: boolean; label?: unknown; lines: readonly ChartLine[] }) {
  const step = typeof label === 'number' ? label : Number(label);
  if (!active || !Number.isFinite(step)) return null;
  const raw = new Map(lines.filter((l) => l.faint).map((l) => [l.key.replace(':raw:', ':'), l]));
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-step num">step {formatStep(step)}</div>
      {lines
        .filter((l) => !l.faint && inRange(l, step))
        .map((line) => {
          const value = valueNear(line, step);
          if (value === undefined) return null;
          const rawLine = raw.get(line.key);
          const rawValue = rawLine ? valueNear(rawLine, step) : undefined;
          return (
            <div key={line.key} className="chart-tooltip-row">
              <span className={`chart-swatch${line.run === 'overlay' ? ' chart-swatch-dashed' : ''}`} style={{ borderColor: line.series.color }} />
              <span>
                {line.series.label}
                {line.run === 'overlay' && <span className="muted"> (overlay)</span>}
              </span>
              <span className="num chart-tooltip-value">
                {formatMeasure(value)}
                {rawValue !== undefined && <span className="muted"> ({formatMeasure(rawValue)})</span>}
              </span>
            </div>
          );
        })}
    </div>
  );
}
