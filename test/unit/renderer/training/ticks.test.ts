/** Axis ticks: round numbers (1, 2 or 5 × 10^k) inside the domain, evenly spaced, free of float noise. */
import { describe, expect, it } from 'vitest';
import { linearTicks, logTicks } from '../../../../src/renderer/src/features/training/metrics/ticks';

/** True when `x` is 1, 2 or 5 times a power of ten (up to float noise). */
function isRound(x: number): boolean {
  const power = 10 ** Math.floor(Math.log10(x) + 1e-9);
  return [1, 2, 5, 10].some((m) => Math.abs(x / power - m) < 1e-6);
}

describe('linearTicks', () => {
  it('gives the obvious ticks for simple domains', () => {
    expect(linearTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(linearTicks(-1, 1)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(linearTicks(0.1, 0.3)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
  });

  it('keeps round, evenly spaced ticks inside any domain', () => {
    let seed = 11;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const bad: string[] = [];
    for (let i = 0; i < 2000 && bad.length < 5; i++) {
      const scale = 10 ** Math.floor(rand() * 16 - 8);
      const lo = (rand() - 0.5) * 100 * scale;
      const hi = lo + rand() * 100 * scale + scale * 1e-3;
      const ticks = linearTicks(lo, hi);
      const step = ticks[1]! - ticks[0]!;
      const ok =
        ticks.length >= 2 &&
        ticks.length <= 11 &&
        ticks.every((t) => t >= lo - Math.abs(step) * 1e-6 && t <= hi + Math.abs(step) * 1e-6) &&
        isRound(step) &&
        ticks.every((t, k) => k === 0 || Math.abs(t - ticks[k - 1]! - step) <= step * 1e-6) &&
        ticks.every((t) => String(t).length <= 22); // no 0.30000000000000004
      if (!ok) bad.push(`[${lo}, ${hi}] -> ${ticks.join(', ')}`);
    }
    expect(bad).toEqual([]);
  });

  it('gives the one value of a flat or nearly flat series, and nothing for no domain', () => {
    expect(linearTicks(3, 3)).toEqual([3]);
    expect(linearTicks(1, 1 + 1e-12)).toEqual([1]);
    expect(linearTicks(5, 2)).toEqual([5]);
    expect(linearTicks(Number.NaN, 1)).toEqual([]);
    expect(linearTicks(0, Number.POSITIVE_INFINITY)).toEqual([0]);
  });

  it('never loops forever or returns a flood of ticks for a huge span', () => {
    expect(linearTicks(-1e300, 1e300).length).toBeLessThanOrEqual(11);
    expect(linearTicks(0, 1, 0).length).toBeGreaterThan(0);
  });
});

describe('logTicks', () => {
  it('gives powers of ten across several decades', () => {
    expect(logTicks(0.001, 1000)).toEqual([0.001, 0.01, 0.1, 1, 10, 100, 1000]);
    expect(logTicks(0.5, 5000)).toEqual([1, 10, 100, 1000]);
  });

  it('adds 2 and 5 times them when two decades or fewer show', () => {
    expect(logTicks(1, 100)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(logTicks(0.3, 3)).toEqual([0.5, 1, 2]);
  });

  it('falls back to linear ticks inside a narrow domain', () => {
    expect(logTicks(2, 4)).toEqual([2, 3, 4]);
    for (const t of logTicks(1.1, 1.9)) {
      expect(t).toBeGreaterThanOrEqual(1.1);
      expect(t).toBeLessThanOrEqual(1.9);
    }
  });

  it('gives nothing for a domain that a log axis cannot show', () => {
    expect(logTicks(0, 10)).toEqual([]);
    expect(logTicks(-1, 10)).toEqual([]);
    expect(logTicks(5, 5)).toEqual([5]);
  });
});
