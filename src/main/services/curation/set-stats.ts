/** Statistics of a set: counts by status, resolutions, sources, tags, and score histograms. */
import type { Histogram, SetStats } from '@shared/curation';
import type { ItemRow } from '../library/set-images-table';

const BINS = 20;

/** A histogram of `values` over [lo, hi] (hi taken from the data when not given) in {@link BINS} bins. */
export function histogram(values: readonly number[], lo: number, hi?: number): Histogram {
  const top = hi ?? Math.max(lo + 1, ...values);
  const width = (top - lo) / BINS;
  const counts = new Array<number>(BINS).fill(0);
  for (const v of values) counts[Math.min(BINS - 1, Math.max(0, Math.floor((v - lo) / width)))]! += 1;
  return { edges: Array.from({ length: BINS + 1 }, (_, i) => lo + i * width), counts };
}

/** Sharpness spreads over orders of magnitude, so its bins are cut at a high percentile, not the max. */
function robustTop(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.max(1, sorted[Math.floor(0.98 * (sorted.length - 1))]!);
}

/** Computes the statistics of a set from its rows; `tags` come from the tags table. */
export function setStats(rows: readonly ItemRow[], tags: { tag: string; count: number }[]): SetStats {
  const byStatus = { unreviewed: 0, accepted: 0, rejected: 0 };
  const resolutions = new Map<string, { width: number; height: number; count: number }>();
  const sources = new Map<string, { path: string; kind: 'photo' | 'video'; count: number }>();
  const sharp: number[] = [];
  const bright: number[] = [];
  const contrast: number[] = [];
  let unscored = 0;
  for (const r of rows) {
    byStatus[r.status] += 1;
    const rk = `${r.width}x${r.height}`;
    const res = resolutions.get(rk) ?? { width: r.width, height: r.height, count: 0 };
    res.count += 1;
    resolutions.set(rk, res);
    const src = sources.get(r.source_path) ?? { path: r.source_path, kind: r.source_kind, count: 0 };
    src.count += 1;
    sources.set(r.source_path, src);
    if (r.sharpness === null || r.brightness === null || r.contrast === null) {
      unscored += 1;
      continue;
    }
    sharp.push(r.sharpness);
    bright.push(r.brightness);
    contrast.push(r.contrast);
  }
  const byCount = <T extends { count: number }>(m: Map<string, T>): T[] => [...m.values()].sort((a, b) => b.count - a.count);
  return {
    count: rows.length,
    byStatus,
    unscored,
    resolutions: byCount(resolutions),
    sources: byCount(sources),
    tags,
    histograms: {
      sharpness: histogram(sharp, 0, robustTop(sharp)),
      brightness: histogram(bright, 0, 255),
      contrast: histogram(contrast, 0, 128),
    },
  };
}
