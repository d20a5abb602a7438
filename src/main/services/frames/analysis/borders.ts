/**
 * Border rules for neighbourhood filters, named as OpenCV names them. Image code indexes past the edge only through
 * these, so each filter states which rule it copies.
 */

/** Index `i` folded into 0..n-1 by mirroring without repeating the edge (OpenCV BORDER_REFLECT_101, numpy pad 'reflect'): -1 → 1, n → n-2. */
export function reflect101(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * n - 2;
  let k = i % period;
  if (k < 0) k += period;
  return k < n ? k : period - k;
}

/** Index `i` clamped into 0..n-1 (OpenCV BORDER_REPLICATE): -1 → 0, n → n-1. */
export function replicate(i: number, n: number): number {
  return i < 0 ? 0 : i >= n ? n - 1 : i;
}
