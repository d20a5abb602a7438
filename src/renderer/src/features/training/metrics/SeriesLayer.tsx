import { useId } from 'react';
import { useActiveTooltipLabel, usePlotArea, useXAxisScale, useYAxisScale, type ScaleFunction } from 'recharts';
import { valueNear, type ChartLine } from './chartData';

/**
 * The chart's lines as one SVG path each, drawn with the chart's own scales. Recharts' <Line> builds an object
 * per point on every redraw; with ~1,000 points per line, nine charts and live updates that cost most of a frame,
 * while a path string costs almost nothing. Also marks each line's value at the hovered step.
 */
export function SeriesLayer({ lines }: { lines: readonly ChartLine[] }) {
  const clipId = useId();
  const x = useXAxisScale();
  const left = useYAxisScale('left');
  const right = useYAxisScale('right');
  const area = usePlotArea();
  const active = useActiveTooltipLabel();
  if (!x || !left || !area) return null;
  const yOf = (line: ChartLine) => (line.series.axis === 'right' ? (right ?? left) : left);
  const hovered = typeof active === 'number' ? active : active === undefined ? null : Number(active);

  return (
    <g className="series-layer" pointerEvents="none">
      <defs>
        <clipPath id={clipId}>
          <rect x={area.x} y={area.y - 2} width={area.width} height={area.height + 4} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clipId})`}>
        {lines.map((line) => (
          <path
            key={line.key}
            d={pathOf(line, x, yOf(line))}
            fill="none"
            stroke={line.series.color}
            strokeWidth={line.faint ? 1 : 1.6}
            strokeOpacity={line.faint ? 0.28 : line.run === 'overlay' ? 0.75 : 1}
            strokeDasharray={line.run === 'overlay' ? '5 4' : undefined}
            strokeLinejoin="round"
          />
        ))}
        {/* A line of one point (the first step of a phase) would draw nothing: show it as a dot. */}
        {lines
          .filter((l) => l.view.length === 1 && !l.faint)
          .map((line) => {
            const cx = x(line.view.steps[0]);
            const cy = yOf(line)(line.view.values[0]);
            if (cx === undefined || cy === undefined || !Number.isFinite(cy)) return null;
            return <circle key={`${line.key}:dot`} cx={cx} cy={cy} r={2.5} fill={line.series.color} />;
          })}
      </g>
      {hovered !== null && Number.isFinite(hovered) && (
        <line
          x1={x(hovered)}
          x2={x(hovered)}
          y1={area.y}
          y2={area.y + area.height}
          stroke="#6f7a8a"
          strokeDasharray="3 3"
        />
      )}
      {hovered !== null &&
        Number.isFinite(hovered) &&
        lines
          .filter((l) => !l.faint && covers(l, hovered))
          .map((line) => {
            const value = valueNear(line, hovered);
            const cx = x(hovered);
            const cy = value === undefined ? undefined : yOf(line)(value);
            if (cx === undefined || cy === undefined || !Number.isFinite(cy)) return null;
            return <circle key={line.key} cx={cx} cy={cy} r={3} fill={line.series.color} stroke="#0f1115" strokeWidth={1} />;
          })}
    </g>
  );
}

function pathOf(line: ChartLine, x: ScaleFunction, y: ScaleFunction): string {
  const { steps, values, length } = line.view;
  let d = '';
  for (let i = 0; i < length; i++) {
    const px = x(steps[i]);
    const py = y(values[i]);
    if (px === undefined || py === undefined || !Number.isFinite(py)) continue;
    d += `${d === '' ? 'M' : 'L'}${px.toFixed(1)} ${py.toFixed(1)}`;
  }
  return d;
}

/** True when `step` lies within the line's steps (an overlay run may end earlier). */
function covers(line: ChartLine, step: number): boolean {
  const { steps, length } = line.view;
  return length > 0 && step >= steps[0]! && step <= steps[length - 1]!;
}
