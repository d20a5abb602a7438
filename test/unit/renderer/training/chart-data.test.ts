/** What a chart draws: min/max thinning that keeps spikes, debiased smoothing, log-axis filtering and domains. */
import { describe, expect, it } from 'vitest';
import { buildChartData, DISPLAY_BUCKETS, valueNear } from '../../../../src/renderer/src/features/training/metrics/chartData';
import { CHART_GROUPS, groupsForModel } from '../../../../src/renderer/src/features/training/metrics/chartGroups';
import { ema, minMaxBuckets, minMaxIndices, type SeriesView } from '../../../../src/renderer/src/features/training/metrics/downsample';
import { RunMetrics } from '../../../../src/renderer/src/features/training/metrics/series';
import type { ModelInfo } from '@shared/training';
import { point } from '../fixtures';

const view = (stepsIn: number[], valuesIn: number[]): SeriesView => ({
  steps: Float64Array.from(stepsIn),
  values: Float64Array.from(valuesIn),
  length: stepsIn.length,
});
const list = (v: SeriesView, which: 'steps' | 'values'): number[] => Array.from(v[which].subarray(0, v.length));
const group = (id: string) => CHART_GROUPS.find((g) => g.id === id)!;

describe('minMaxIndices', () => {
  it('keeps every point of a short series', () => {
    expect(Array.from(minMaxIndices(view([1, 2, 3], [3, 1, 2]), 1))).toEqual([0, 1, 2]);
    expect(Array.from(minMaxIndices(view([], []), 10))).toEqual([]);
  });

  it('keeps the first and last points, every bucket’s extremes, ascending, at most 2 per bucket plus the ends', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const n = 10_000;
    const steps = Array.from({ length: n }, (_, i) => i * 3 + (i > 5000 ? 1000 : 0)); // a gap in the steps
    const values = steps.map(() => rand());
    values[1234] = 50;
    values[8765] = -50;
    const src = view(steps, values);
    for (const buckets of [1, 7, 100, 500]) {
      const idx = Array.from(minMaxIndices(src, buckets));
      expect(idx[0]).toBe(0);
      expect(idx.at(-1)).toBe(n - 1);
      expect(idx.every((v, i) => i === 0 || v > idx[i - 1]!), `ascending, ${buckets}`).toBe(true);
      expect(idx).toContain(1234);
      expect(idx).toContain(8765);
      // The doc says "at most 2 * buckets"; the two ends come on top of the buckets' pairs.
      expect(idx.length).toBeLessThanOrEqual(2 * buckets + 2);
    }
  });

  it('handles a series whose steps are all equal', () => {
    const src = view([5, 5, 5, 5, 5, 5, 5], [1, 9, 2, 8, 3, 7, 4]);
    const idx = Array.from(minMaxIndices(src, 2));
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(6);
    expect(idx).toContain(1); // the 9
  });

  it('takes the points at the kept indices', () => {
    const thin = minMaxBuckets(view([0, 1, 2, 3, 4, 5, 6, 7], [0, 5, 1, 1, 1, 1, -5, 0]), 2);
    expect(list(thin, 'values')).toContain(5);
    expect(list(thin, 'values')).toContain(-5);
    expect(list(thin, 'steps')[0]).toBe(0);
    expect(list(thin, 'steps').at(-1)).toBe(7);
  });
});

describe('ema', () => {
  it('returns the series itself for no smoothing', () => {
    const src = view([0, 1], [1, 2]);
    expect(ema(src, 0)).toBe(src);
    expect(ema(src, Number.NaN)).toBe(src);
  });

  it('is debiased: a constant stays constant from the first point, and the first point is itself', () => {
    const c = ema(view([0, 1, 2, 3], [4, 4, 4, 4]), 0.99);
    expect(list(c, 'values').every((v) => Math.abs(v - 4) < 1e-12)).toBe(true);
    expect(ema(view([0, 1], [7, 0]), 0.9).values[0]).toBeCloseTo(7, 12);
  });

  it('stays between the running min and max and keeps the steps', () => {
    const src = view([0, 10, 20, 30, 40], [1, 10, -3, 5, 2]);
    const s = ema(src, 0.6);
    expect(s.steps).toBe(src.steps);
    for (let i = 0; i < s.length; i++) {
      const seen = list(src, 'values').slice(0, i + 1);
      expect(s.values[i]).toBeGreaterThanOrEqual(Math.min(...seen) - 1e-12);
      expect(s.values[i]).toBeLessThanOrEqual(Math.max(...seen) + 1e-12);
    }
  });
});

describe('buildChartData', () => {
  const metrics = (runId: string, values: (number | null)[], ssim?: number[]): RunMetrics => {
    const m = new RunMetrics(runId);
    m.append(values.map((v, i) => point(i * 10, { gTotal: v, psnr: v, ssim: ssim?.[i] ?? null })));
    return m;
  };

  it('draws only the smoothed line when there is no smoothing, and a faint raw line behind it when there is', () => {
    const m = metrics('a', [1, 2, 3]);
    const plain = buildChartData(group('gTotal'), m, null, { smoothing: 0, logAxis: false });
    expect(plain.lines.map((l) => [l.key, l.faint])).toEqual([['primary:gTotal', false]]);
    const smooth = buildChartData(group('gTotal'), m, null, { smoothing: 0.5, logAxis: false });
    expect(smooth.lines.map((l) => [l.key, l.faint])).toEqual([
      ['primary:raw:gTotal', true],
      ['primary:gTotal', false],
    ]);
    expect(list(smooth.lines[0]!.view, 'steps')).toEqual(list(smooth.lines[1]!.view, 'steps'));
    expect(smooth.latest.gTotal!.raw).toBe(3);
    expect(smooth.latest.gTotal!.smooth).toBeLessThan(3);
    expect(smooth.points).toBe(6);
  });

  it('thins a long run to about 2 points per display bucket', () => {
    const m = metrics('a', Array.from({ length: 20_000 }, (_, i) => Math.cos(i)));
    const data = buildChartData(group('gTotal'), m, null, { smoothing: 0, logAxis: false });
    expect(data.points).toBeLessThanOrEqual(2 * DISPLAY_BUCKETS + 2);
    expect(data.snapSteps).toEqual(list(data.lines[0]!.view, 'steps'));
  });

  it('leaves out values at or below zero on a log axis and counts them', () => {
    const m = metrics('a', [1, 0, -2, 4]);
    const data = buildChartData(group('gTotal'), m, null, { smoothing: 0, logAxis: true });
    expect(list(data.lines[0]!.view, 'values')).toEqual([1, 4]);
    expect(data.hiddenNonPositive).toBe(2);
    expect(data.yDomain.left).toEqual([1, 4]);
  });

  it('spans each axis over the lines drawn on it, overlay included', () => {
    const data = buildChartData(group('psnr'), metrics('a', [20, 30], [0.5, 0.9]), metrics('b', [10, 25], [0.2, 0.4]), {
      smoothing: 0,
      logAxis: false,
    });
    expect(data.yDomain).toEqual({ left: [10, 30], right: [0.2, 0.9] });
    expect(data.lines.map((l) => l.key)).toEqual(['primary:psnr', 'overlay:psnr', 'primary:ssim', 'overlay:ssim']);
    expect(Object.keys(data.latest).sort()).toEqual(['psnr', 'ssim']); // the selected run's only
  });

  it('snaps to the overlay when the selected run has no points, and draws nothing for no runs', () => {
    const data = buildChartData(group('gTotal'), metrics('a', [null, null]), metrics('b', [1, 2]), { smoothing: 0, logAxis: false });
    expect(data.snapSteps).toEqual([0, 10]);
    const empty = buildChartData(group('gTotal'), null, null, { smoothing: 0.5, logAxis: true });
    expect(empty).toMatchObject({ lines: [], points: 0, snapSteps: [], yDomain: { left: null, right: null }, hiddenNonPositive: 0 });
  });
});

describe('valueNear', () => {
  const line = buildChartData(group('gTotal'), (() => {
    const m = new RunMetrics('a');
    m.append([0, 10, 20, 40].map((s) => point(s, { gTotal: s + 0.5 })));
    return m;
  })(), null, { smoothing: 0, logAxis: false }).lines[0]!;

  it('reads the point with the nearest step, clamping outside the line', () => {
    expect(valueNear(line, 0)).toBe(0.5);
    expect(valueNear(line, 14)).toBe(10.5);
    expect(valueNear(line, 16)).toBe(20.5);
    expect(valueNear(line, 29)).toBe(20.5);
    expect(valueNear(line, 31)).toBe(40.5);
    expect(valueNear(line, -100)).toBe(0.5);
    expect(valueNear(line, 1e9)).toBe(40.5);
  });

  it('has no value on an empty line', () => {
    expect(valueNear({ ...line, view: view([], []) }, 5)).toBeUndefined();
  });
});

describe('groupsForModel', () => {
  const model = (losses: string[], cycle: boolean) => ({ losses, cycle }) as ModelInfo;

  it('shows every chart while models are unknown, and only the terms a model trains with', () => {
    expect(groupsForModel(undefined)).toHaveLength(CHART_GROUPS.length);
    const ids = groupsForModel(model(['adv', 'con'], false)).map((g) => g.id);
    expect(ids).toEqual(['gTotal', 'dTotal', 'adv', 'con', 'psnr', 'styleDist']);
    expect(groupsForModel(model(['adv'], true)).map((g) => g.id)).toContain('cycle');
  });
});
