/** The weight terms a model has sliders for, and the text of recorded weight changes. */
import { describe, expect, it } from 'vitest';
import type { LossWeights, ModelInfo } from '@shared/training';
import { describeChange, describeChanges, sameWeight, termsForModel, WEIGHT_TERMS } from '../../../../src/renderer/src/features/training/weights/weightTerms';
import { WEIGHTS } from '../fixtures';

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

  it('shows a fine step exactly, so it never reads as no change', () => {
    expect(describeChange(WEIGHTS, { ...WEIGHTS, col: 10.01 })).toBe('col 10 → 10.01');
    expect(describeChange(WEIGHTS, { ...WEIGHTS, gra: 3.0045 })).toBe('gra 3 → 3.0045');
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
