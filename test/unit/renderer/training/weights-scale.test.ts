/** The weight sliders' arithmetic: the track around the preset, pointer and key steps, and typed weights. */
import { describe, expect, it } from 'vitest';
import { LossWeights } from '@shared/training';
import {
  DEFAULT_SPAN,
  DRAG_PRECISION,
  dragFraction,
  formatWeightExact,
  fractionToWeight,
  niceStep,
  parseWeight,
  rangeAround,
  SPANS,
  stepWeight,
  trackCentre,
  WEIGHT_FLOOR,
  WEIGHT_LIMIT,
  weightToFraction,
  widenToInclude,
  type WeightRange,
} from '../../../../src/renderer/src/features/training/weights/weightScale';

/** Every weight of the app's presets (src/main/engine/training/presets.ts), and a few beyond. */
const PRESET_WEIGHTS = [0.1, 0.6, 1, 1.2, 1.5, 2, 2.5, 3, 10, 12.5, 15, 50, 300, 350];
/** About the track's width in the 272 px side column, and a wide one. */
const TRACK_WIDTHS = [228, 400];

const ratio = (a: number, b: number) => Math.max(a, b) / Math.min(a, b);

describe('the track around the preset', () => {
  it('takes its limits from the contract', () => {
    expect(WEIGHT_FLOOR).toBe(0);
    expect(WEIGHT_LIMIT).toBe(10_000);
    const weights = { adv: 1, con: 1, gra: 1, col: 1, tv: 1, cycle: 1 };
    expect(LossWeights.safeParse({ ...weights, col: WEIGHT_LIMIT }).success).toBe(true);
    expect(LossWeights.safeParse({ ...weights, col: WEIGHT_LIMIT * 1.0001 }).success).toBe(false);
  });

  it('reaches from the preset ÷10 to ×10 by default, with the preset in the middle', () => {
    expect(DEFAULT_SPAN).toBe(10);
    expect(rangeAround(2.5, 10)).toEqual({ lo: 0.25, hi: 25, centre: 2.5 });
    expect(rangeAround(15, 10)).toEqual({ lo: 1.5, hi: 150, centre: 15 });
    for (const w of PRESET_WEIGHTS) {
      for (const span of SPANS) if (w * span <= WEIGHT_LIMIT) expect(weightToFraction(rangeAround(w, span), w)).toBeCloseTo(0.5, 9);
    }
  });

  it('never reaches past the contract’s limit', () => {
    expect(rangeAround(300, 100)).toEqual({ lo: 3, hi: WEIGHT_LIMIT, centre: 300 });
    expect(rangeAround(350, 1000).hi).toBe(WEIGHT_LIMIT);
  });

  it('centres on 1 when the preset turns the term off or is unknown', () => {
    expect(trackCentre(0)).toBe(1);
    expect(trackCentre(null)).toBe(1);
    expect(trackCentre(2.5)).toBe(2.5);
  });

  it('grows to show a value beyond it, with room to spare, and keeps the same object when it already does', () => {
    const gra = rangeAround(2.5, 10);
    expect(widenToInclude(gra, 2.5)).toBe(gra);
    expect(widenToInclude(gra, 25)).toBe(gra);
    expect(widenToInclude(gra, 0)).toBe(gra);
    expect(widenToInclude(gra, Number.NaN)).toBe(gra);
    expect(widenToInclude(gra, 268)).toEqual({ lo: 0.25, hi: 340, centre: 2.5 });
    expect(widenToInclude(gra, 0.001)).toEqual({ lo: 0.0008, hi: 25, centre: 2.5 });
    expect(widenToInclude(rangeAround(300, 10), 9000).hi).toBe(WEIGHT_LIMIT);
    for (const v of [0.0003, 0.07, 31, 268, 9999]) {
      const f = weightToFraction(widenToInclude(gra, v), v);
      expect(f, String(v)).toBeGreaterThan(0);
      expect(f, String(v)).toBeLessThan(1);
    }
  });
});

describe('track position and weight', () => {
  const ranges: WeightRange[] = PRESET_WEIGHTS.flatMap((w) => SPANS.map((s) => rangeAround(w, s)));

  it('maps positions to weights monotonically, from the low end to the high end', () => {
    for (const range of ranges) {
      let prev = 0;
      for (let i = 0; i <= 1000; i++) {
        const w = fractionToWeight(range, i / 1000);
        expect(w, `${range.centre} ${i}`).toBeGreaterThanOrEqual(prev);
        prev = w;
      }
      expect(fractionToWeight(range, 0)).toBe(range.lo);
      expect(fractionToWeight(range, 1)).toBe(range.hi);
      expect(fractionToWeight(range, -0.5)).toBe(range.lo);
      expect(fractionToWeight(range, 1.5)).toBe(range.hi);
    }
  });

  it('maps weights to positions strictly increasing inside the track, clamped outside, off at the left end', () => {
    for (const range of ranges) {
      let prev = -1;
      for (let i = 0; i <= 200; i++) {
        const w = range.lo * (range.hi / range.lo) ** (i / 200);
        const f = weightToFraction(range, w);
        expect(f).toBeGreaterThan(prev);
        prev = f;
      }
      expect(weightToFraction(range, range.lo / 2)).toBe(0);
      expect(weightToFraction(range, range.hi * 2)).toBe(1);
      expect(weightToFraction(range, 0)).toBe(0);
      expect(weightToFraction(range, -1)).toBe(0);
    }
  });

  it('gives a weight back from its position within the drag’s rounding (0.5 %, Shift 0.05 %)', () => {
    for (const range of ranges) {
      for (let i = 0; i <= 100; i++) {
        const w = range.lo * (range.hi / range.lo) ** (i / 100);
        const f = weightToFraction(range, w);
        expect(ratio(fractionToWeight(range, f, DRAG_PRECISION.normal), w), `${w}`).toBeLessThanOrEqual(1.005);
        expect(ratio(fractionToWeight(range, f, DRAG_PRECISION.fine), w), `${w}`).toBeLessThanOrEqual(1.0005);
      }
    }
  });

  it('rounds weights under the pointer to readable numbers', () => {
    const col = rangeAround(15, 10);
    expect(fractionToWeight(col, weightToFraction(col, 14.937))).toBe(14.9);
    expect(fractionToWeight(col, weightToFraction(col, 14.937), DRAG_PRECISION.fine)).toBe(14.94);
    expect(fractionToWeight(col, weightToFraction(col, 40.13))).toBe(40.1);
    expect(fractionToWeight(col, weightToFraction(col, 0.4013))).toBe(1.5);
    expect(fractionToWeight(rangeAround(0.1, 10), weightToFraction(rangeAround(0.1, 10), 0.0123456))).toBe(0.0123);
  });

  it('moves a weight by a bounded factor in a 45 px drag: at most ×1.7 on a 400 px track, ×1.06 with Shift', () => {
    // The issue: a 45 px drag took w_gra from 2.5 to 268 on the old 100 px track over 0.1..1000.
    const gra = rangeAround(2.5, DEFAULT_SPAN);
    const dragged = fractionToWeight(gra, dragFraction(weightToFraction(gra, 2.5), 45, 400, false));
    expect(dragged).toBeGreaterThan(2.5 * 1.5);
    expect(dragged).toBeLessThan(2.5 * 1.7);
    for (const w of PRESET_WEIGHTS) {
      const range = rangeAround(w, DEFAULT_SPAN);
      for (const width of TRACK_WIDTHS) {
        // Two decades over the track: 10^(2 * 45 / width), and the rounding at both ends.
        const most = 10 ** ((2 * 45) / width) * 1.01;
        const mostFine = 10 ** ((2 * 45 * 0.1) / width) * 1.001;
        for (const start of [0.1, 0.5, 0.8]) {
          const from = fractionToWeight(range, start);
          const fromFine = fractionToWeight(range, start, DRAG_PRECISION.fine);
          for (const dx of [45, -45]) {
            const to = fractionToWeight(range, dragFraction(start, dx, width, false));
            const toFine = fractionToWeight(range, dragFraction(start, dx, width, true), DRAG_PRECISION.fine);
            expect(ratio(to, from), `${w} ${width} ${start} ${dx}`).toBeLessThanOrEqual(most);
            expect(ratio(toFine, fromFine), `${w} ${width} ${start} ${dx} fine`).toBeLessThanOrEqual(mostFine);
            expect(toFine).not.toBe(fromFine);
          }
        }
      }
    }
    expect(10 ** ((2 * 45) / 400)).toBeLessThan(1.7);
    expect(10 ** ((2 * 45) / 228)).toBeLessThan(2.5);
  });

  it('drags from where the drag began and stops at the ends, so overshooting and coming back lands where it began', () => {
    expect(dragFraction(0.5, 0, 400, false)).toBe(0.5);
    expect(dragFraction(0.5, 400, 400, false)).toBe(1);
    expect(dragFraction(0.5, -1000, 400, false)).toBe(0);
    expect(dragFraction(0.5, 400, 400, true)).toBeCloseTo(0.6, 12);
    expect(dragFraction(0.3, 50, 0, false)).toBe(0.3);
  });
});

describe('key steps', () => {
  it('are nice 1-2-5 numbers near the asked fraction', () => {
    expect(niceStep(15, 0.01)).toBe(0.2);
    expect(niceStep(40, 0.01)).toBe(0.5);
    expect(niceStep(100, 0.01)).toBe(1);
    expect(niceStep(2.5, 0.001)).toBe(0.002);
    for (let w = 0.01; w < 10_000; w *= 1.07) {
      const r = niceStep(w, 0.01) / (w * 0.01);
      expect(r, String(w)).toBeGreaterThanOrEqual(0.63);
      expect(r, String(w)).toBeLessThanOrEqual(1.59);
    }
  });

  it('walk the whole track ~1 % a press (0.1 % with Shift, 10 % with Page keys), every press moving, and stop at its ends', () => {
    // Two decades at 1 % a press are 463 presses; nice steps are 0.63..1.58 of the asked fraction.
    const asked = { normal: 0.01, fine: 0.001, coarse: 0.1 } as const;
    for (const w of [2.5, 15, 300]) {
      const range = rangeAround(w, DEFAULT_SPAN);
      for (const size of ['normal', 'fine', 'coarse'] as const) {
        const nominal = Math.log(100) / Math.log(1 + asked[size]);
        for (const direction of [1, -1] as const) {
          let v = direction > 0 ? range.lo : range.hi;
          const end = direction > 0 ? range.hi : range.lo;
          let presses = 0;
          while (v !== end && presses < 10_000) {
            const next = stepWeight(v, direction, size, range);
            expect(direction * (next - v), `${size} ${direction} from ${v}`).toBeGreaterThan(0);
            // At most 1.6 × the asked fraction of the weight it leaves.
            expect(Math.abs(next - v) / v, `${size} ${direction} from ${v}`).toBeLessThanOrEqual(1.6 * asked[size]);
            v = next;
            presses++;
          }
          expect(stepWeight(v, direction, size, range)).toBe(end);
          expect(presses, `${w} ${size} ${direction}`).toBeGreaterThan(nominal / 1.6);
          expect(presses, `${w} ${size} ${direction}`).toBeLessThan(nominal / 0.6 + 2);
        }
      }
    }
  });

  it('land on round numbers, and back where they started', () => {
    const col = rangeAround(15, 10);
    expect(stepWeight(15, 1, 'normal', col)).toBe(15.2);
    expect(stepWeight(15.2, -1, 'normal', col)).toBe(15);
    expect(stepWeight(15, 1, 'fine', col)).toBe(15.02);
    expect(stepWeight(15, -1, 'coarse', col)).toBe(14);
    expect(stepWeight(14.937, 1, 'normal', col)).toBe(15);
    expect(stepWeight(10, -1, 'normal', col)).toBe(9.9);
  });

  it('go from off to the low end, and stay off going down', () => {
    const col = rangeAround(15, 10);
    expect(stepWeight(0, 1, 'normal', col)).toBe(1.5);
    expect(stepWeight(0, -1, 'normal', col)).toBe(0);
  });
});

describe('typed weights', () => {
  it('accept numbers from 0 (off) to the contract’s limit, as typed', () => {
    expect(parseWeight(' 12.5 ')).toEqual({ value: 12.5 });
    expect(parseWeight('0')).toEqual({ value: 0 });
    expect(parseWeight('1e3')).toEqual({ value: 1000 });
    expect(parseWeight('.5')).toEqual({ value: 0.5 });
    expect(parseWeight(String(WEIGHT_LIMIT))).toEqual({ value: WEIGHT_LIMIT });
  });

  it('say what is wrong with anything else', () => {
    expect(parseWeight('')).toEqual({ error: 'Type a weight, 0 to 10,000' });
    expect(parseWeight('  ')).toEqual({ error: 'Type a weight, 0 to 10,000' });
    expect(parseWeight('-1')).toEqual({ error: 'At least 0 (0 turns the term off)' });
    expect(parseWeight('10000.5')).toEqual({ error: 'At most 10,000' });
    expect(parseWeight('1,5')).toEqual({ error: 'Use a dot for decimals, e.g. 1.5' });
    for (const t of ['abc', 'Infinity', 'NaN', '1..2', '1,000.5']) expect(parseWeight(t).error, t).toMatch(/^Not a number/);
  });

  it('show exactly to six significant digits', () => {
    expect(formatWeightExact(15)).toBe('15');
    expect(formatWeightExact(15.015)).toBe('15.015');
    expect(formatWeightExact(0.1 + 0.2)).toBe('0.3');
    expect(formatWeightExact(1 / 3)).toBe('0.333333');
  });
});
