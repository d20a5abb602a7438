/** Round axis ticks (1, 2 or 5 times a power of ten), since recharts keeps an explicit domain's odd ends. */

/** About `count` round ticks inside [lo, hi]. */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi <= lo) return Number.isFinite(lo) ? [lo] : [];
  // A span near the resolution of doubles (a measure that barely moves) has no round ticks worth showing.
  if ((hi - lo) / Math.max(Math.abs(lo), Math.abs(hi)) < 1e-9) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = [1, 2, 5, 10].map((m) => m * power).find((u) => u >= raw) ?? 10 * power;
  const first = Math.ceil(lo / unit);
  const ticks: number[] = [];
  // Ticks by index, not by adding `unit` up: repeated addition can stall or drift on doubles.
  for (let k = 0; k <= count * 2 + 1; k++) {
    const t = (first + k) * unit;
    if (t > hi + unit * 1e-9) break;
    ticks.push(Number(t.toPrecision(12)));
  }
  return ticks;
}

/** Powers of ten inside [lo, hi] (lo > 0), with 2 and 5 times them when fewer than three decades show. */
export function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi > lo)) return lo > 0 ? [lo] : [];
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  const multiples = last - first <= 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let p = first; p <= last; p++) {
    for (const m of multiples) {
      const t = Number((m * 10 ** p).toPrecision(12));
      if (t >= lo && t <= hi) ticks.push(t);
    }
  }
  return ticks.length >= 2 ? ticks : linearTicks(lo, hi, 3);
}
