import { memo, useMemo } from 'react';
import { CartesianGrid, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMeasure, formatWeight } from '../format';
import type { ChartData, ChartLine } from './chartData';
import type { ChartGroup } from './chartGroups';
import { ChartTooltip } from './ChartTooltip';
import { SeriesLayer } from './SeriesLayer';
import { linearTicks, logTicks } from './ticks';
import { WeightMarker } from './WeightMarker';

/** A weight change to mark on the step axis. */
export interface WeightMark {
  step: number;
  title: string;
}

const AXIS = { stroke: '#3a4352', tick: { fill: '#6f7a8a', fontSize: 10 }, tickLine: false } as const;

/** "12k" style step ticks. */
function stepTick(step: number): string {
  if (Math.abs(step) >= 1e6) return `${Number((step / 1e6).toPrecision(3))}M`;
  if (Math.abs(step) >= 1e3) return `${Number((step / 1e3).toPrecision(3))}k`;
  return String(step);
}

function valueTick(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (abs >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  if (abs !== 0 && abs < 1e-2) return v.toExponential(0);
  return String(Number(v.toPrecision(3)));
}

/** Pads a [min, max] value range so lines do not touch the frame; multiplicative on a log axis. */
function padded(range: [number, number] | null, log: boolean): [number, number] | null {
  if (!range) return null;
  const [lo, hi] = range;
  if (log) return [lo / 1.15, hi * 1.15];
  const pad = (hi - lo) * 0.06 || Math.abs(hi) * 0.05 || 1;
  return [lo - pad, hi + pad];
}

/** Domain and round ticks of a y axis. */
function yAxisProps(range: [number, number] | null, log: boolean) {
  const domain = padded(range, log);
  if (!domain) return { domain: ['auto', 'auto'] as ['auto', 'auto'] };
  return { domain, ticks: log ? logTicks(domain[0], domain[1]) : linearTicks(domain[0], domain[1], 4) };
}

/**
 * One chart of the dashboard: recharts draws the frame (axes, grid, tooltip, init shading, weight-change lines;
 * no animations) and {@link SeriesLayer} the already thinned lines, so a redraw costs the same at 100 points or
 * 100,000. `data-points` is the number of points drawn.
 */
export const MetricChart = memo(function MetricChart({
  group,
  data,
  xDomain,
  marks,
  initRange,
  logAxis,
  weight,
}: {
  group: ChartGroup;
  data: ChartData;
  xDomain: [number, number] | null;
  marks: readonly WeightMark[];
  /** Steps of the content-only init phase, shaded. */
  initRange: [number, number] | null;
  logAxis: boolean;
  weight: number | null;
}) {
  const hasRight = group.series.some((s) => s.axis === 'right');
  const scale = logAxis ? 'log' : 'linear';
  // Faint raw lines first, then the overlay run, then the selected run on top.
  const order = (l: ChartLine) => (l.faint ? 0 : 1) + (l.run === 'primary' ? 2 : 0);
  const lines = useMemo(() => [...data.lines].sort((a, b) => order(a) - order(b)), [data.lines]);
  // The chart's own data is only the steps the tooltip snaps to; the lines carry their points themselves.
  const rows = useMemo(() => data.snapSteps.map((step) => ({ step })), [data.snapSteps]);
  /** The value axis on `side`, over that side's series. */
  const valueAxis = (side: 'left' | 'right', width: number) => (
    <YAxis yAxisId={side} orientation={side} scale={scale} {...yAxisProps(data.yDomain[side], logAxis)} allowDataOverflow tickFormatter={valueTick} width={width} {...AXIS} />
  );
  return (
    <figure className="card metric-chart" data-testid={`chart-${group.id}`} data-points={data.points} data-lines={data.lines.length}>
      <figcaption className="metric-chart-head" title={group.hint}>
        <span className="metric-chart-title">{group.title}</span>
        {weight !== null && <span className="metric-chart-weight num">× {formatWeight(weight)}</span>}
        <span className="metric-chart-latest num">
          {group.series.map((s) => {
            const latest = data.latest[s.key];
            if (!latest) return null;
            return (
              <span key={s.key} style={{ color: s.color }} title={`${s.label}: latest ${formatMeasure(latest.raw)}${s.hint ? ` (${s.hint})` : ''}`}>
                {group.series.length > 1 && `${s.label} `}
                {formatMeasure(latest.smooth)}
              </span>
            );
          })}
        </span>
      </figcaption>
      {data.points === 0 ? (
        <div className="metric-chart-empty">{logAxis && data.hiddenNonPositive > 0 ? 'No positive values for a log axis' : 'No points yet'}</div>
      ) : (
        <LineChart
          responsive
          style={{ width: '100%', height: 168 }}
          data={rows}
          margin={{ top: 10, right: hasRight ? 0 : 10, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="#232a35" vertical={false} />
          <XAxis
            dataKey="step"
            type="number"
            domain={xDomain ?? ['dataMin', 'dataMax']}
            ticks={xDomain ? linearTicks(xDomain[0], xDomain[1], 6) : undefined}
            allowDataOverflow
            tickFormatter={stepTick}
            minTickGap={24}
            {...AXIS}
          />
          {valueAxis('left', 44)}
          {hasRight && valueAxis('right', 40)}
          <Tooltip
            isAnimationActive={false}
            content={(props) => <ChartTooltip active={props.active} label={props.label} lines={lines} />}
            // The lines are not recharts <Line>s, so the tooltip has no payload and would stay hidden: show it
            // anyway (ChartTooltip looks the values up itself) and let SeriesLayer draw the cursor.
            wrapperStyle={{ visibility: 'visible' }}
            cursor={false}
          />
          {initRange && (
            <ReferenceArea
              yAxisId="left"
              x1={initRange[0]}
              x2={initRange[1]}
              fill="#7c9cff"
              fillOpacity={0.06}
              ifOverflow="hidden"
              label={{ value: 'init', position: 'insideTopLeft', fill: '#6f7a8a', fontSize: 10 }}
            />
          )}
          {marks.map((m) => (
            <ReferenceLine
              key={m.step}
              yAxisId="left"
              x={m.step}
              stroke="#e5b45b"
              strokeOpacity={0.7}
              strokeDasharray="4 3"
              ifOverflow="hidden"
              label={(props: { viewBox?: { x?: number; y?: number; height?: number } }) => <WeightMarker viewBox={props.viewBox} title={m.title} />}
            />
          ))}
          <SeriesLayer lines={lines} />
        </LineChart>
      )}
    </figure>
  );
});
