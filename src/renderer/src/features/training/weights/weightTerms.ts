import type { LossWeights, ModelInfo, WeightChange } from '@shared/training';
import { formatStep } from '../format';
import { formatWeightExact } from './weightScale';

export type WeightTerm = keyof LossWeights;

/** The sliders, in the order the papers list the terms. */
export const WEIGHT_TERMS: readonly { term: WeightTerm; label: string; hint: string }[] = [
  { term: 'adv', label: 'w_adv', hint: 'Adversarial: how hard the output must fool the discriminator' },
  { term: 'con', label: 'w_con', hint: 'Content: keep the VGG features of the photo' },
  { term: 'gra', label: 'w_gra', hint: 'Style: match the Gram matrices of the style images' },
  { term: 'col', label: 'w_col', hint: 'Colour: keep the photo’s colours (YUV distance)' },
  { term: 'tv', label: 'w_tv', hint: 'Total variation: smoothness, fewer high-frequency artefacts' },
  { term: 'cycle', label: 'w_cycle', hint: 'Cycle consistency: A→B→A must give A back' },
];

/** The terms a model has sliders for: the five AnimeGAN terms, plus cycle for cycle models. */
export function termsForModel(model: ModelInfo | undefined): WeightTerm[] {
  return WEIGHT_TERMS.map((t) => t.term).filter((t) => t !== 'cycle' || model?.cycle === true);
}

/** Two weights are the same when they agree to six significant digits (they travel as JSON numbers). */
export function sameWeight(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
}

/** "col 15 → 40, tv 1 → 0.5"; with no earlier weights, the values that were set. */
export function describeChange(prev: LossWeights | null, next: LossWeights): string {
  const parts: string[] = [];
  for (const { term } of WEIGHT_TERMS) {
    // Exact, since a fine step (15 → 15.02) must not read as no change at all.
    if (!prev) parts.push(`${term} ${formatWeightExact(next[term])}`);
    else if (!sameWeight(prev[term], next[term])) parts.push(`${term} ${formatWeightExact(prev[term])} → ${formatWeightExact(next[term])}`);
  }
  return parts.length > 0 ? parts.join(', ') : 'no change';
}

/** Each recorded change with a line saying what it changed against the weights before it. */
export function describeChanges(
  changes: readonly WeightChange[],
  start: LossWeights | null,
): { step: number; title: string; text: string; weights: LossWeights }[] {
  let prev = start;
  const out: { step: number; title: string; text: string; weights: LossWeights }[] = [];
  for (const c of changes) {
    const text = describeChange(prev, c.weights);
    prev = c.weights;
    // A record of the starting weights (or a repeat) changed nothing worth a mark.
    if (text === 'no change') continue;
    out.push({ step: c.step, text, title: `Weights changed at step ${formatStep(c.step)}: ${text}`, weights: c.weights });
  }
  return out;
}
