/** Display-side reductions of a series: min/max bucketing and exponential smoothing. */

/** A read-only window on a series: the first `length` entries of `steps` and `values`. */
export interface SeriesView {
  readonly steps: Float64Array;
  readonly values: Float64Array;
  readonly length: number;
}

/**
 * Thins a series to at most `2 * buckets + 2` points: the step range is cut into equal buckets and each keeps its
 * lowest and highest value (in step order), so spikes and dips survive at any zoom-out. The first and last
 * points are always kept.
 */
export function minMaxBuckets(src: SeriesView, buckets: number): SeriesView {
  return take(src, minMaxIndices(src, buckets));
}

/** The indices {@link minMaxBuckets} keeps, ascending; every index when the series is short enough. */
export function minMaxIndices(src: SeriesView, buckets: number): Uint32Array {
  const n = src.length;
  if (n <= buckets * 2 || n < 3) return Uint32Array.from({ length: n }, (_, i) => i);
  const { steps, values } = src;
  const first = steps[0]!;
  const span = steps[n - 1]! - first || 1;
  const out = new Uint32Array(buckets * 2 + 2);
  let m = 0;
  const emit = (i: number) => {
    if (m === 0 || out[m - 1] !== i) out[m++] = i;
  };
  emit(0);
  let i = 1;
  for (let b = 0; b < buckets && i < n - 1; b++) {
    const end = first + (span * (b + 1)) / buckets;
    let lo = -1;
    let hi = -1;
    for (; i < n - 1 && (steps[i]! <= end || b === buckets - 1); i++) {
      if (lo < 0 || values[i]! < values[lo]!) lo = i;
      if (hi < 0 || values[i]! > values[hi]!) hi = i;
    }
    if (lo < 0) continue;
    emit(Math.min(lo, hi));
    emit(Math.max(lo, hi));
  }
  emit(n - 1);
  return out.subarray(0, m);
}

/** The points of `src` at `indices`. */
export function take(src: SeriesView, indices: Uint32Array): SeriesView {
  const steps = new Float64Array(indices.length);
  const values = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    steps[k] = src.steps[indices[k]!]!;
    values[k] = src.values[indices[k]!]!;
  }
  return { steps, values, length: indices.length };
}

/**
 * Exponential moving average with TensorBoard's debiasing (the first points are not pulled toward zero).
 * `alpha` 0 returns the series itself; 0.99 averages over roughly the last hundred points.
 */
export function ema(src: SeriesView, alpha: number): SeriesView {
  if (!(alpha > 0)) return src;
  const out = new Float64Array(src.length);
  let acc = 0;
  let weight = 0;
  for (let i = 0; i < src.length; i++) {
    acc = alpha * acc + (1 - alpha) * src.values[i]!;
    weight = alpha * weight + (1 - alpha);
    out[i] = acc / weight;
  }
  return { steps: src.steps, values: out, length: src.length };
}
