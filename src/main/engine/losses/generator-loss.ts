/**
 * The generator's objective of the papers (Kalin & Akniyet: L = w_adv·L_adv + w_con·L_con + w_gra·L_gra +
 * w_col·L_col; AnimeGANv2 adds w_tv·L_tv; CycleGAN adds w_cycle·L_cycle), keeping each term so the dashboard can
 * chart them and the sliders can change the weights between steps.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossTerm } from '../network';

/** Weights of the generator's terms (the UI's sliders); cycle only for cycle models. */
export interface GeneratorLossWeights {
  adv: number;
  con: number;
  gra: number;
  col: number;
  tv: number;
  cycle?: number;
}

/** The generator's loss: every term given, unweighted, and the weighted total. */
export interface GeneratorLoss {
  terms: Partial<Record<LossTerm, tf.Scalar>>;
  total: tf.Scalar;
}

/**
 * Σ weight·term over the terms given (a model computes only the terms it trains with). Each term is a scalar;
 * `terms` in the result are the same tensors as given. Throws when a term is given without a weight.
 */
export function generatorLoss(weights: GeneratorLossWeights, terms: Partial<Record<LossTerm, tf.Scalar>>): GeneratorLoss {
  const present = (Object.keys(terms) as LossTerm[]).filter((k) => terms[k] !== undefined);
  if (present.length === 0) throw new Error('the generator loss needs at least one term');
  for (const k of present) {
    if (weights[k] === undefined) throw new Error(`the ${k} loss term was given without a weight`);
  }
  const total = tf.tidy(() => tf.addN(present.map((k) => tf.mul(weights[k]!, terms[k]!))) as tf.Scalar);
  return { terms, total };
}
