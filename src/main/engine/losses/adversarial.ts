/**
 * Adversarial losses for the four families the papers use, in the form of the official AnimeGANv2 code
 * (`tools/ops.py` discriminator_loss / generator_loss): the discriminator sees real anime frames, generated images,
 * and, for AnimeGAN, grayscale anime frames and grayscale edge-smoothed anime frames, the last three labelled fake
 * so that D learns that anime means colour and crisp edges.
 *
 * Term weights: the official code's comment lists one set per style (Hayao 1.2/1.2/1.2/0.8, Paprika
 * 1.0/1.0/1.0/0.005, Shinkai 1.7/1.7/1.7/1.0 for real/fake/gray/smooth) and the line it runs uses the Shinkai set.
 * They are exported below for presets to pick; the default here is 1 for every term, so models without gray and
 * smooth inputs (CycleGAN, Tan's ResNet GAN) get the plain real + fake loss. The returned `d` is not multiplied by
 * the D adversarial weight (AnimeGANv2's d_adv_weight, 300 in its presets): the trainer applies that.
 */
import * as tf from '@tensorflow/tfjs';
import type { AdversarialKind } from '../network';

/** Discriminator logits, each [N,h,w,1] (a patch map) or any shape; gray and smooth only for AnimeGAN models. */
export interface DiscriminatorLogits {
  /** D(real style image). */
  real: tf.Tensor;
  /** D(G(photo)). */
  fake: tf.Tensor;
  /** D(grayscale style image), labelled fake. */
  gray?: tf.Tensor;
  /** D(grayscale of the edge-smoothed style image), labelled fake. */
  smooth?: tf.Tensor;
}

/** Multipliers of the discriminator's terms. */
export interface DiscriminatorTermWeights {
  real: number;
  fake: number;
  gray: number;
  smooth: number;
}

/** Every term counted once: the plain GAN discriminator loss when gray and smooth are absent. */
export const UNIT_D_TERM_WEIGHTS: Readonly<DiscriminatorTermWeights> = { real: 1, fake: 1, gray: 1, smooth: 1 };

/** The per-style sets of the official AnimeGANv2 code (`tools/ops.py`); it runs with `shinkai`. */
export const ANIMEGANV2_D_TERM_WEIGHTS: Readonly<Record<'hayao' | 'paprika' | 'shinkai', DiscriminatorTermWeights>> = {
  hayao: { real: 1.2, fake: 1.2, gray: 1.2, smooth: 0.8 },
  paprika: { real: 1.0, fake: 1.0, gray: 1.0, smooth: 0.005 },
  shinkai: { real: 1.7, fake: 1.7, gray: 1.7, smooth: 1.0 },
};

/** The adversarial losses of one step, unweighted by the adversarial weight. */
export interface AdversarialLosses {
  /** Discriminator loss: the weighted sum of `dTerms`. */
  d: tf.Scalar;
  /** Generator loss on D(G(photo)). */
  g: tf.Scalar;
  /** Each discriminator term before its weight (absent inputs give no term), for the charts. */
  dTerms: { real: tf.Scalar; fake: tf.Scalar; gray?: tf.Scalar; smooth?: tf.Scalar };
}

/** Loss of logits that should read "real" (target 1) or "fake" (target 0) under one family. logits any shape -> scalar. */
function termLoss(kind: AdversarialKind, logits: tf.Tensor, real: boolean): tf.Scalar {
  switch (kind) {
    case 'lsgan':
      return (real ? tf.mean(tf.square(tf.sub(logits, 1))) : tf.mean(tf.square(logits))) as tf.Scalar;
    case 'wgan-gp':
    case 'wgan-clip':
      // The critic raises its score on real images and lowers it on fakes.
      return (real ? tf.neg(tf.mean(logits)) : tf.mean(logits)) as tf.Scalar;
    case 'bce':
      return tf.losses.sigmoidCrossEntropy(real ? tf.onesLike(logits) : tf.zerosLike(logits), logits) as tf.Scalar;
  }
}

/**
 * Discriminator and generator losses of one family from D's logits (see {@link DiscriminatorLogits}).
 * LSGAN: D = w_r·mean((real-1)²) + w_f·mean(fake²) + w_g·mean(gray²) + w_s·mean(smooth²), G = mean((fake-1)²).
 * WGAN (-gp and -clip): D = -w_r·mean(real) + w_f·mean(fake) + ..., G = -mean(fake); the gradient penalty and the
 * clipping are separate ({@link gradientPenalty}, {@link clipWeights}). BCE: sigmoid cross-entropy from logits.
 */
export function adversarialLosses(
  kind: AdversarialKind,
  logits: DiscriminatorLogits,
  weights: DiscriminatorTermWeights = UNIT_D_TERM_WEIGHTS,
): AdversarialLosses {
  return tf.tidy(() => {
    const dTerms: AdversarialLosses['dTerms'] = {
      real: termLoss(kind, logits.real, true),
      fake: termLoss(kind, logits.fake, false),
    };
    if (logits.gray) dTerms.gray = termLoss(kind, logits.gray, false);
    if (logits.smooth) dTerms.smooth = termLoss(kind, logits.smooth, false);
    const weighted = (Object.keys(dTerms) as (keyof DiscriminatorTermWeights)[]).map((k) =>
      tf.mul(weights[k], dTerms[k]!),
    );
    return { d: tf.addN(weighted) as tf.Scalar, g: termLoss(kind, logits.fake, true), dTerms };
  });
}

/** The generator's adversarial loss alone, from D's logits on generated images (any shape) -> scalar. */
export function generatorAdversarialLoss(kind: AdversarialKind, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => termLoss(kind, fakeLogits, true));
}
