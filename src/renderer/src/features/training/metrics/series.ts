/**
 * Metric series held in the page: one growing pair of typed arrays (step, value) per measure, so 100,000 points
 * cost a few megabytes and no objects. Missing measures (null) are simply not stored.
 */
import type { MetricPoint, WeightChange } from '@shared/training';
import { minMaxBuckets, type SeriesView } from './downsample';

/** Every measure a run reports, in MetricPoint's field names. */
export const SERIES_KEYS = ['gTotal', 'dTotal', 'adv', 'con', 'gra', 'col', 'tv', 'cycle', 'psnr', 'ssim', 'styleDist', 'kid'] as const;
export type SeriesKey = (typeof SERIES_KEYS)[number];

/** Above this many points a series is thinned (min/max buckets) to COMPACT_TO; the display never needs more. */
const HOLD_LIMIT = 40_000;
const COMPACT_TO = 12_000;

/** One measure over steps, steps ascending. */
export class Series implements SeriesView {
  steps = new Float64Array(1024);
  values = new Float64Array(1024);
  length = 0;

  push(step: number, value: number): void {
    if (this.length === this.steps.length) {
      const steps = new Float64Array(this.length * 2);
      const values = new Float64Array(this.length * 2);
      steps.set(this.steps);
      values.set(this.values);
      this.steps = steps;
      this.values = values;
    }
    this.steps[this.length] = step;
    this.values[this.length] = value;
    this.length++;
  }

  /** Drops every point at or after `step` (a run resumed from an earlier checkpoint records those again). */
  truncateFrom(step: number): void {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.steps[mid]! < step) lo = mid + 1;
      else hi = mid;
    }
    this.length = lo;
  }

  /** Thins the series in place when it holds more than the display will ever need. */
  compactIfLarge(): void {
    if (this.length <= HOLD_LIMIT) return;
    const thin = minMaxBuckets(this, COMPACT_TO / 2);
    this.steps.set(thin.steps.subarray(0, thin.length));
    this.values.set(thin.values.subarray(0, thin.length));
    this.length = thin.length;
  }

  last(): number | null {
    return this.length > 0 ? this.values[this.length - 1]! : null;
  }
}

/** A run's metrics as the page holds them: its series, where the GAN phase began, and its weight changes. */
export class RunMetrics {
  readonly series: Record<SeriesKey, Series>;
  /** Highest step held; -1 when empty. */
  lastStep = -1;
  /** First step of the GAN phase (after the content-only init steps); null while still in init. */
  ganStartStep: number | null = null;
  /** Points recorded on the service (before its downsampling), counting those heard since. */
  recorded = 0;
  /** Highest step ever appended: a point at or below it repeats or replaces one already counted. */
  private counted = -1;
  weightChanges: WeightChange[] = [];

  constructor(readonly runId: string) {
    this.series = Object.fromEntries(SERIES_KEYS.map((k) => [k, new Series()])) as Record<SeriesKey, Series>;
  }

  /**
   * Appends points in step order. A point at or before the last held step means the run went back to a
   * checkpoint (or repeats what the first load already had): what is held from that step on is replaced, and it
   * is not counted again. Weight changes stay: they come from the service's own list, which a rewind keeps.
   */
  append(points: readonly MetricPoint[]): boolean {
    if (points.length === 0) return false;
    for (const p of points) {
      if (p.step <= this.lastStep) this.truncateFrom(p.step);
      if (p.step > this.counted) {
        this.recorded++;
        this.counted = p.step;
      }
      for (const key of SERIES_KEYS) {
        const v = p[key];
        if (typeof v === 'number' && Number.isFinite(v)) this.series[key].push(p.step, v);
      }
      if (p.phase === 'gan' && this.ganStartStep === null) this.ganStartStep = p.step;
      this.lastStep = p.step;
    }
    for (const key of SERIES_KEYS) this.series[key].compactIfLarge();
    return true;
  }

  /** Merges recorded weight changes (by step; a later list wins). */
  mergeWeightChanges(changes: readonly WeightChange[]): boolean {
    const byStep = new Map(this.weightChanges.map((c) => [c.step, c]));
    let changed = false;
    for (const c of changes) {
      const old = byStep.get(c.step);
      if (!old || JSON.stringify(old.weights) !== JSON.stringify(c.weights)) {
        byStep.set(c.step, c);
        changed = true;
      }
    }
    if (changed) this.weightChanges = [...byStep.values()].sort((a, b) => a.step - b.step);
    return changed;
  }

  /** Lowest and highest step held over every series; null when empty. */
  stepRange(): [number, number] | null {
    let lo = Infinity;
    let hi = -Infinity;
    for (const key of SERIES_KEYS) {
      const s = this.series[key];
      if (s.length === 0) continue;
      lo = Math.min(lo, s.steps[0]!);
      hi = Math.max(hi, s.steps[s.length - 1]!);
    }
    return lo <= hi ? [lo, hi] : null;
  }

  private truncateFrom(step: number): void {
    for (const key of SERIES_KEYS) this.series[key].truncateFrom(step);
    if (this.ganStartStep !== null && this.ganStartStep >= step) this.ganStartStep = null;
    this.lastStep = step - 1;
  }
}
