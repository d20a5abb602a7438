/** RunMetrics: points held per measure, rewinds after a resume, bounded memory over long runs, weight changes. */
import { describe, expect, it } from 'vitest';
import type { WeightChange } from '@shared/training';
import { RunMetrics, Series, SERIES_KEYS } from '../../../../src/renderer/src/features/training/metrics/series';
import { point, WEIGHTS } from '../fixtures';

const steps = (s: Series): number[] => Array.from(s.steps.subarray(0, s.length));
const values = (s: Series): number[] => Array.from(s.values.subarray(0, s.length));
const change = (step: number, adv = 300): WeightChange => ({ step, weights: { ...WEIGHTS, adv } });

describe('RunMetrics.append', () => {
  it('reports whether anything was appended', () => {
    const m = new RunMetrics('r');
    expect(m.append([])).toBe(false);
    expect(m.append([point(0, { gTotal: 1 })])).toBe(true);
  });

  it('stores each measure only where it was measured (null, NaN and infinities are left out)', () => {
    const m = new RunMetrics('r');
    m.append([point(0, { gTotal: 2, psnr: 30 }), point(10, { gTotal: Number.NaN, psnr: 31 }), point(20, { gTotal: Number.POSITIVE_INFINITY })]);
    expect(steps(m.series.gTotal)).toEqual([0]);
    expect(steps(m.series.psnr)).toEqual([0, 10]);
    expect(m.series.cycle.length).toBe(0);
    expect(m.series.cycle.last()).toBeNull();
    expect(m.lastStep).toBe(20);
    expect(m.recorded).toBe(3);
    expect(m.stepRange()).toEqual([0, 10]);
  });

  it('has no step range while empty', () => {
    expect(new RunMetrics('r').stepRange()).toBeNull();
    expect(new RunMetrics('r').lastStep).toBe(-1);
  });

  it('replaces what it holds from a point at or before the last step on (a run resumed from a checkpoint)', () => {
    const m = new RunMetrics('r');
    m.append([0, 10, 20, 30, 40].map((s) => point(s, { gTotal: s })));
    m.append([point(25, { gTotal: -25 }), point(35, { gTotal: -35 })]);
    expect(steps(m.series.gTotal)).toEqual([0, 10, 20, 25, 35]);
    expect(values(m.series.gTotal)).toEqual([0, 10, 20, -25, -35]);
    expect(m.lastStep).toBe(35);
    // Rewinding to exactly a held step replaces that step.
    m.append([point(20, { gTotal: 99 })]);
    expect(steps(m.series.gTotal)).toEqual([0, 10, 20]);
    expect(m.series.gTotal.last()).toBe(99);
  });

  it('holds a repeated batch once (history and live points overlapping)', () => {
    const m = new RunMetrics('r');
    const batch = [10, 20, 30].map((s) => point(s, { con: s / 10 }));
    m.append(batch);
    m.append(batch);
    expect(steps(m.series.con)).toEqual([10, 20, 30]);
    expect(m.lastStep).toBe(30);
  });

  // useRunMetrics appends live points heard while the history loaded, which overlap the history's last steps.
  it('does not count a repeated batch as newly recorded points', () => {
    const m = new RunMetrics('r');
    const batch = [10, 20, 30].map((s) => point(s, { con: s / 10 }));
    m.append(batch);
    m.append(batch);
    expect(m.recorded).toBe(3);
  });

  it('forgets the GAN start when a rewind goes back before it, and finds it again', () => {
    const m = new RunMetrics('r');
    m.append([point(0, { phase: 'init' }), point(10, { phase: 'init' }), point(20), point(30)]);
    expect(m.ganStartStep).toBe(20);
    m.append([point(25)]);
    expect(m.ganStartStep).toBe(20);
    m.append([point(10, { phase: 'init' })]);
    expect(m.ganStartStep).toBeNull();
    m.append([point(20, { phase: 'init' }), point(30)]);
    expect(m.ganStartStep).toBe(30);
  });

  it('keeps 100,000 live points bounded, in step order, with the first, last, highest and lowest points', () => {
    const m = new RunMetrics('r');
    const total = 100_000;
    const spikeAt = 54_321;
    const dipAt = 7_777;
    const valueAt = (s: number) => (s === spikeAt ? 1e6 : s === dipAt ? -1e6 : Math.sin(s / 100));
    let maxHeld = 0;
    for (let start = 0; start < total; start += 50) {
      const batch = [];
      for (let s = start; s < start + 50; s++) batch.push(point(s, { gTotal: valueAt(s), ssim: 0.5 }));
      m.append(batch);
      maxHeld = Math.max(maxHeld, m.series.gTotal.length);
    }
    const g = m.series.gTotal;
    expect(maxHeld).toBeLessThanOrEqual(40_000);
    expect(g.steps.length).toBeLessThanOrEqual(65_536); // the arrays stop growing too
    expect(g.length).toBeGreaterThan(1000); // thinned, not emptied
    const held = steps(g);
    expect(held.every((s, i) => i === 0 || s > held[i - 1]!)).toBe(true);
    expect(held[0]).toBe(0);
    expect(held.at(-1)).toBe(total - 1);
    expect(g.last()).toBe(valueAt(total - 1));
    const vals = values(g);
    expect(Math.max(...vals)).toBe(1e6);
    expect(Math.min(...vals)).toBe(-1e6);
    expect(held).toContain(spikeAt);
    // Every held point is a real one: its value is the one recorded at its step.
    expect(held.every((s, i) => vals[i] === valueAt(s))).toBe(true);
    expect(m.lastStep).toBe(total - 1);
    expect(m.recorded).toBe(total);
    expect(m.stepRange()).toEqual([0, total - 1]);
  });

  it('rewinds correctly after it has thinned a long series', () => {
    const m = new RunMetrics('r');
    const batch = Array.from({ length: 50_000 }, (_, s) => point(s, { tv: s }));
    m.append(batch);
    m.append([point(30_000, { tv: -1 })]);
    const held = steps(m.series.tv);
    expect(held.at(-1)).toBe(30_000);
    expect(held.filter((s) => s >= 30_000)).toEqual([30_000]);
    expect(m.series.tv.last()).toBe(-1);
  });
});

describe('RunMetrics.mergeWeightChanges', () => {
  it('says whether anything changed, and keeps the changes in step order', () => {
    const m = new RunMetrics('r');
    expect(m.mergeWeightChanges([])).toBe(false);
    expect(m.mergeWeightChanges([change(500), change(100)])).toBe(true);
    expect(m.weightChanges.map((c) => c.step)).toEqual([100, 500]);
    expect(m.mergeWeightChanges([change(100), change(500)])).toBe(false);
  });

  it('lets a later list win for the same step', () => {
    const m = new RunMetrics('r');
    m.mergeWeightChanges([change(100, 300)]);
    const before = m.weightChanges;
    expect(m.mergeWeightChanges([change(100, 50)])).toBe(true);
    expect(m.weightChanges).toEqual([change(100, 50)]);
    expect(before).not.toBe(m.weightChanges); // a new array, so a memo sees the change
  });

  it('keeps changes it already holds that a later list leaves out', () => {
    const m = new RunMetrics('r');
    m.mergeWeightChanges([change(100), change(200)]);
    expect(m.mergeWeightChanges([change(300)])).toBe(true);
    expect(m.weightChanges.map((c) => c.step)).toEqual([100, 200, 300]);
  });

  // The overlap once dropped the weight changes at those steps, and the chart's marker with them.
  it('keeps the weight changes at steps that a repeated point re-delivers', () => {
    const m = new RunMetrics('r');
    m.append([0, 10, 20, 30].map((s) => point(s, { gTotal: 1 })));
    m.mergeWeightChanges([change(20, 50)]);
    m.append([point(20, { gTotal: 1 }), point(30, { gTotal: 1 })]); // heard while the history loaded
    expect(m.weightChanges).toEqual([change(20, 50)]);
  });
});

describe('Series', () => {
  it('truncates at the first step at or after the given one, by binary search', () => {
    const s = new Series();
    for (const step of [0, 5, 10, 15, 20]) s.push(step, step);
    s.truncateFrom(11);
    expect(steps(s)).toEqual([0, 5, 10]);
    s.truncateFrom(10);
    expect(steps(s)).toEqual([0, 5]);
    s.truncateFrom(-1);
    expect(s.length).toBe(0);
  });

  it('grows past its first capacity without losing points', () => {
    const s = new Series();
    for (let i = 0; i < 5000; i++) s.push(i, i * 2);
    expect(s.length).toBe(5000);
    expect(s.values[4999]).toBe(9998);
    expect(s.steps[1023]).toBe(1023);
  });

  it('lists every measure of a MetricPoint', () => {
    const p = point(0);
    for (const k of SERIES_KEYS) expect(p, k).toHaveProperty(k);
  });
});
