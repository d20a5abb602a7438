import { memo, useMemo } from 'react';
import type { LossWeights } from '@shared/training';
import { describeChanges } from '../weights/weightTerms';
import { buildChartData, type ChartOptions } from './chartData';
import type { ChartGroup } from './chartGroups';
import { MetricChart } from './MetricChart';
import type { RunMetrics } from './series';
import { useInView } from './useInView';

/** The held series every chart draws from: the selected run's, the overlay run's (or null), and their version. */
export interface ChartSeries {
  primary: RunMetrics | null;
  overlay: RunMetrics | null;
  /** Bumped whenever either run's series changed (they are mutated in place). */
  version: number;
}

/** Off-screen charts redraw only every this many redraws of the visible ones. */
const OFFSCREEN_EVERY = 8;

/**
 * One chart with its data: built from the held series when they change, at full pace while on screen and
 * seldom while scrolled away (recharts' work is what makes a redraw cost, so it is spent where it shows).
 */
export const ChartCard = memo(function ChartCard({
  group,
  series,
  options,
  startWeights,
  weight,
}: {
  group: ChartGroup;
  series: ChartSeries;
  options: ChartOptions;
  startWeights: LossWeights | null;
  weight: number | null;
}) {
  const { primary, overlay, version } = series;
  const { logAxis } = options;
  const [ref, inView] = useInView<HTMLDivElement>();
  const drawn = inView ? `v${version}` : `s${Math.floor(version / OFFSCREEN_EVERY)}`;

  const view = useMemo(() => {
    void drawn;
    const data = buildChartData(group, primary, overlay, options);
    // Every chart spans the same steps, the union of both runs, so they line up one under another.
    const ranges = [primary?.stepRange(), overlay?.stepRange()].filter((r): r is [number, number] => !!r);
    const xDomain: [number, number] | null = ranges.length
      ? [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))]
      : null;
    // Shade the content-only init steps: up to the first GAN step, or everything while still in init.
    const first = primary?.stepRange()?.[0] ?? null;
    const end = primary ? (primary.ganStartStep ?? primary.lastStep) : null;
    const initRange: [number, number] | null = first !== null && end !== null && end > first ? [first, end] : null;
    const marks = primary ? describeChanges(primary.weightChanges, startWeights) : [];
    return { data, xDomain, initRange, marks };
  }, [group, primary, overlay, options, startWeights, drawn]);

  return (
    <div ref={ref} className="chart-cell">
      <MetricChart
        group={group}
        data={view.data}
        xDomain={view.xDomain}
        marks={view.marks}
        initRange={view.initRange}
        logAxis={logAxis}
        weight={weight}
      />
    </div>
  );
});
