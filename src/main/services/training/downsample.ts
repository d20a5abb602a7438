/**
 * Downsamples metric series for charts: the points are cut into buckets and each bucket keeps its first point
 * plus the points holding each series' minimum and maximum, so spikes survive at any zoom.
 */
import type { MetricPoint } from '@shared/training';

const SERIES = ['gTotal', 'dTotal', 'adv', 'con', 'gra', 'col', 'tv', 'cycle', 'psnr', 'ssim', 'styleDist', 'kid'] as const;

/** At most about `maxPoints` points of `points` (which are in step order), extremes kept. */
export function downsampleMetrics(points: readonly MetricPoint[], maxPoints: number): MetricPoint[] {
  if (points.length <= maxPoints) return [...points];
  // Each bucket can keep up to 1 + 2 per series, so size the buckets for the worst case.
  const perBucket = 1 + 2 * SERIES.length;
  const buckets = Math.max(1, Math.floor(maxPoints / perBucket));
  const size = Math.ceil(points.length / buckets);
  const out: MetricPoint[] = [];
  for (let start = 0; start < points.length; start += size) {
    const bucket = points.slice(start, start + size);
    const keep = new Set<MetricPoint>([bucket[0]!]);
    for (const key of SERIES) {
      let lo: MetricPoint | undefined;
      let hi: MetricPoint | undefined;
      for (const p of bucket) {
        const v = p[key];
        if (v === null || v === undefined) continue;
        if (!lo || v < (lo[key] as number)) lo = p;
        if (!hi || v > (hi[key] as number)) hi = p;
      }
      if (lo) keep.add(lo);
      if (hi) keep.add(hi);
    }
    out.push(...[...keep].sort((a, b) => a.step - b.step));
  }
  return out;
}
