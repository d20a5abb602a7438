/**
 * Turns held series into what one chart draws: smoothed, thinned to ~1,000 points per line (min/max buckets),
 * with the overlay run's lines beside the selected run's.
 */
import { ema, minMaxIndices, take, type SeriesView } from './downsample';
import type { ChartGroup, ChartSeries } from './chartGroups';
import type { RunMetrics } from './series';

/** Buckets per line: each keeps its min and max, so at most ~1,000 points are drawn per line. */
export const DISPLAY_BUCKETS = 500;

export interface ChartLine {
  key: string;
  series: ChartSeries;
  /** Which run the line belongs to. */
  run: 'primary' | 'overlay';
  /** Raw values drawn faint behind the smoothed line. */
  faint: boolean;
  /** The thinned points, steps ascending. */
  view: SeriesView;
}

export interface ChartData {
  lines: ChartLine[];
  /** Points drawn over every line. */
  points: number;
  /** Steps the tooltip snaps to: those of the selected run's main line (else the overlay's). */
  snapSteps: number[];
  /** Newest raw and smoothed value per series of the selected run. */
  latest: Partial<Record<string, { raw: number; smooth: number }>>;
  /** [min, max] of the drawn values per axis (positive values only on a log axis); null when nothing is drawn. */
  yDomain: { left: [number, number] | null; right: [number, number] | null };
  /** Points left out because a log axis cannot show values at or below zero. */
  hiddenNonPositive: number;
}

export interface ChartOptions {
  smoothing: number;
  logAxis: boolean;
}

/** The drawable data of `group` for the selected run and, when given, the overlay run. */
export function buildChartData(
  group: ChartGroup,
  primary: RunMetrics | null,
  overlay: RunMetrics | null,
  { smoothing, logAxis }: ChartOptions,
): ChartData {
  const lines: ChartLine[] = [];
  const latest: ChartData['latest'] = {};
  const domain: ChartData['yDomain'] = { left: null, right: null };
  let hiddenNonPositive = 0;

  const add = (thin: SeriesView, key: string, series: ChartSeries, run: ChartLine['run'], faint: boolean) => {
    const view = logAxis ? positiveOnly(thin) : thin;
    hiddenNonPositive += thin.length - view.length;
    if (view.length === 0) return;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < view.length; i++) {
      const v = view.values[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const d = domain[series.axis];
    domain[series.axis] = d ? [Math.min(d[0], lo), Math.max(d[1], hi)] : [lo, hi];
    lines.push({ key, series, run, faint, view });
  };

  for (const series of group.series) {
    for (const [run, metrics] of [
      ['primary', primary],
      ['overlay', overlay],
    ] as const) {
      const raw = metrics?.series[series.key];
      if (!raw || raw.length === 0) continue;
      const smooth = ema(raw, smoothing);
      // The smoothed line is read at the raw line's min/max points, so both share their steps.
      const keep = minMaxIndices(raw, DISPLAY_BUCKETS);
      if (smooth !== raw) add(take(raw, keep), `${run}:raw:${series.key}`, series, run, true);
      add(take(smooth, keep), `${run}:${series.key}`, series, run, false);
      if (run === 'primary') latest[series.key] = { raw: raw.values[raw.length - 1]!, smooth: smooth.values[smooth.length - 1]! };
    }
  }

  const snap = lines.find((l) => !l.faint && l.run === 'primary') ?? lines.find((l) => !l.faint);
  return {
    lines,
    points: lines.reduce((n, l) => n + l.view.length, 0),
    snapSteps: snap ? Array.from(snap.view.steps.subarray(0, snap.view.length)) : [],
    latest,
    yDomain: domain,
    hiddenNonPositive,
  };
}

/** The value of `line` at the point nearest to `step`; undefined when the line has no points. */
export function valueNear(line: ChartLine, step: number): number | undefined {
  const { steps, values, length } = line.view;
  if (length === 0) return undefined;
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid]! < step) lo = mid + 1;
    else hi = mid;
  }
  const before = lo > 0 && Math.abs(steps[lo - 1]! - step) < Math.abs(steps[lo]! - step) ? lo - 1 : lo;
  return values[before];
}

function positiveOnly(src: SeriesView): SeriesView {
  let n = 0;
  for (let i = 0; i < src.length; i++) if (src.values[i]! > 0) n++;
  if (n === src.length) return src;
  const steps = new Float64Array(n);
  const values = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < src.length; i++) {
    if (src.values[i]! > 0) {
      steps[k] = src.steps[i]!;
      values[k++] = src.values[i]!;
    }
  }
  return { steps, values, length: n };
}
