/** The weight sliders' log scale, typed weights, and the text of recorded weight changes. */
import { describe, expect, it } from 'vitest';
import type { LossWeights, ModelInfo } from '@shared/training';
import {
  parseWeight,
  positionToWeight,
  SLIDER_STEPS,
  WEIGHT_LIMIT,
  WEIGHT_MAX,
  WEIGHT_MIN,
  weightToPosition,
} from '../../../../src/renderer/src/features/training/weights/logScale';
import { describeChange, describeChanges, sameWeight, termsForModel, WEIGHT_TERMS } from '../../../../src/renderer/src/features/training/weights/weightTerms';
import { WEIGHTS } from '../fixtures';

describe('the log slider scale', () => {
  it('puts 651 of 1000 at w 40, as the e2e test drives it', () => {
    expect(positionToWeight(651)).toBe(40);
    expect(weightToPosition(40)).toBe(651);
  });

  it('runs from off through 0.1 to 1000', () => {
    expect(positionToWeight(0)).toBe(0);
    expect(positionToWeight(-5)).toBe(0);
    expect(positionToWeight(1)).toBe(WEIGHT_MIN);
    expect(positionToWeight(SLIDER_STEPS)).toBe(WEIGHT_MAX);
    expect(positionToWeight(SLIDER_STEPS + 50)).toBe(WEIGHT_MAX);
    expect(weightToPosition(0)).toBe(0);
  });

  it('clamps typed weights outside the slider’s range to its ends, but keeps a tiny weight off "off"', () => {
    expect(weightToPosition(WEIGHT_LIMIT)).toBe(SLIDER_STEPS);
    expect(weightToPosition(0.001)).toBe(1);
    expect(weightToPosition(Number.NaN)).toBe(0);
    expect(weightToPosition(-1)).toBe(0);
  });

  it('snaps to round values near them and never moves a weight more than half a percent', () => {
    expect(positionToWeight(weightToPosition(15))).toBe(15);
    expect(positionToWeight(weightToPosition(350))).toBe(350);
    for (let p = 1; p <= SLIDER_STEPS; p++) {
      const exact = 10 ** (-1 + (4 * (p - 1)) / (SLIDER_STEPS - 1));
      expect(Math.abs(positionToWeight(p) - exact) / exact, String(p)).toBeLessThanOrEqual(0.005 + 1e-12);
    }
  });

  it('maps the papers’ weights to positions that give them back', () => {
    for (const w of [0.1, 0.5, 1, 1.5, 2.5, 3, 10, 50, 100, 250, 300, 350, 1000]) {
      expect(positionToWeight(weightToPosition(w)), String(w)).toBe(w);
    }
  });

  // The slider is controlled: it shows weightToPosition(value), and a move calls onChange(positionToWeight(p)).
  // Snapping every position to a value within 0.5 % (more than half a 0.93 % step) once gave 28 pairs of
  // neighbouring positions the same weight, and → or ← stuck there (at the presets' w_col 15 and 10 among others).
  it('lets → step the slider through the whole range from 0.1', () => {
    let w = WEIGHT_MIN;
    let presses = 0;
    while (w < WEIGHT_MAX && presses < 2 * SLIDER_STEPS) {
      const next = positionToWeight(weightToPosition(w) + 1);
      expect(next, `stuck at ${w}`).toBeGreaterThan(w);
      w = next;
      presses++;
    }
    expect(w).toBe(WEIGHT_MAX);
  });

  it('gives every slider position its own weight, which shows at that position', () => {
    const stuck: string[] = [];
    for (let p = 0; p <= SLIDER_STEPS; p++) {
      const back = weightToPosition(positionToWeight(p));
      if (back !== p) stuck.push(`${p} -> ${positionToWeight(p)} -> ${back}`);
    }
    expect(stuck).toEqual([]);
  });
});

describe('parseWeight', () => {
  it('accepts numbers from 0 to the contract’s limit, as typed', () => {
    expect(parseWeight(' 12.5 ')).toBe(12.5);
    expect(parseWeight('0')).toBe(0);
    expect(parseWeight('1e3')).toBe(1000);
    expect(parseWeight(String(WEIGHT_LIMIT))).toBe(WEIGHT_LIMIT);
  });

  it('refuses empty, negative, too large and non-numeric text', () => {
    for (const t of ['', '  ', '-1', '10000.5', 'abc', 'Infinity', 'NaN', '1,5']) expect(parseWeight(t), t).toBeNull();
  });
});

describe('weight terms', () => {
  it('offer cycle only to cycle models', () => {
    expect(termsForModel({ cycle: false } as ModelInfo)).toEqual(['adv', 'con', 'gra', 'col', 'tv']);
    expect(termsForModel({ cycle: true } as ModelInfo)).toEqual(['adv', 'con', 'gra', 'col', 'tv', 'cycle']);
    expect(termsForModel(undefined)).not.toContain('cycle');
  });

  it('has a slider for every loss weight of the contract', () => {
    expect(WEIGHT_TERMS.map((t) => t.term).sort()).toEqual(Object.keys(WEIGHTS).sort());
  });

  it('treats weights equal to six significant digits as the same (they travel as JSON)', () => {
    expect(sameWeight(0.1 + 0.2, 0.3)).toBe(true);
    expect(sameWeight(350, 350.0001)).toBe(true);
    expect(sameWeight(350, 350.01)).toBe(false);
    expect(sameWeight(0, 0)).toBe(true);
    expect(sameWeight(0, 1e-9)).toBe(false);
  });

  it('describes a change by the terms that moved, and the starting weights in full', () => {
    const next: LossWeights = { ...WEIGHTS, col: 40, tv: 0.5 };
    expect(describeChange(WEIGHTS, next)).toBe('col 10 → 40, tv 1 → 0.5');
    expect(describeChange(WEIGHTS, { ...WEIGHTS, adv: 300.00000001 })).toBe('no change');
    expect(describeChange(null, WEIGHTS)).toBe('adv 300, con 1.5, gra 3, col 10, tv 1, cycle 0');
  });

  it('marks each recorded change against the one before it, skipping repeats of the starting weights', () => {
    const marks = describeChanges(
      [
        { step: 0, weights: WEIGHTS },
        { step: 1200, weights: { ...WEIGHTS, col: 40 } },
        { step: 1500, weights: { ...WEIGHTS, col: 40 } },
        { step: 2000, weights: { ...WEIGHTS, col: 20 } },
      ],
      WEIGHTS,
    );
    expect(marks.map((m) => [m.step, m.text])).toEqual([
      [1200, 'col 10 → 40'],
      [2000, 'col 40 → 20'],
    ]);
    expect(marks[0]!.title).toBe('Weights changed at step 1,200: col 10 → 40');
  });
});
