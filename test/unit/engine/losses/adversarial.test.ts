/** Adversarial losses of the four families on logits whose losses can be worked out by hand. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { adversarialLosses, ANIMEGANV2_D_TERM_WEIGHTS } from '../../../../src/main/engine/losses';
import { useCpuBackend, value } from './tensor-helpers';

useCpuBackend();

const t = (v: number[]): tf.Tensor => tf.tensor4d(v, [v.length, 1, 1, 1]);

describe('LSGAN', () => {
  it('gives mean((real-1)²) + mean(fake²) for D and mean((fake-1)²) for G', () => {
    const r = adversarialLosses('lsgan', { real: t([1, 0]), fake: t([0.5, -0.5]) });
    expect(value(r.dTerms.real)).toBeCloseTo(0.5, 6); // (0 + 1) / 2
    expect(value(r.dTerms.fake)).toBeCloseTo(0.25, 6); // (0.25 + 0.25) / 2
    expect(value(r.d)).toBeCloseTo(0.75, 6);
    expect(value(r.g)).toBeCloseTo(1.25, 6); // (0.25 + 2.25) / 2
  });

  it('adds the gray and smooth terms labelled fake, weighted as AnimeGANv2 Shinkai (1.7, 1.7, 1.7, 1.0)', () => {
    const logits = { real: t([1, 0]), fake: t([0.5, -0.5]), gray: t([2]), smooth: t([1]) };
    const unit = adversarialLosses('lsgan', logits);
    expect(value(unit.dTerms.gray!)).toBeCloseTo(4, 6);
    expect(value(unit.dTerms.smooth!)).toBeCloseTo(1, 6);
    expect(value(unit.d)).toBeCloseTo(0.5 + 0.25 + 4 + 1, 5);
    const shinkai = adversarialLosses('lsgan', logits, ANIMEGANV2_D_TERM_WEIGHTS.shinkai);
    expect(value(shinkai.d)).toBeCloseTo(1.7 * (0.5 + 0.25 + 4) + 1.0 * 1, 5);
  });

  it('exports the per-style term weights of the official AnimeGANv2 code', () => {
    expect(ANIMEGANV2_D_TERM_WEIGHTS.hayao).toEqual({ real: 1.2, fake: 1.2, gray: 1.2, smooth: 0.8 });
    expect(ANIMEGANV2_D_TERM_WEIGHTS.paprika).toEqual({ real: 1.0, fake: 1.0, gray: 1.0, smooth: 0.005 });
    expect(ANIMEGANV2_D_TERM_WEIGHTS.shinkai).toEqual({ real: 1.7, fake: 1.7, gray: 1.7, smooth: 1.0 });
  });

  it('averages over a patch map', () => {
    const r = adversarialLosses('lsgan', { real: tf.ones([2, 3, 3, 1]), fake: tf.fill([2, 3, 3, 1], 2) });
    expect(value(r.d)).toBeCloseTo(4, 6);
    expect(value(r.g)).toBeCloseTo(1, 6);
  });
});

describe('WGAN (gp and clip)', () => {
  it('gives -mean(real) + mean(fake) for the critic and -mean(fake) for G', () => {
    for (const kind of ['wgan-gp', 'wgan-clip'] as const) {
      const r = adversarialLosses(kind, { real: t([1, 3]), fake: t([1, 2]), gray: t([4]) });
      expect(value(r.d)).toBeCloseTo(-2 + 1.5 + 4, 6);
      expect(value(r.g)).toBeCloseTo(-1.5, 6);
    }
  });
});

describe('BCE from logits', () => {
  it('gives ln 2 per term at logit 0 and softplus(-x) at large logits', () => {
    const r = adversarialLosses('bce', { real: t([0]), fake: t([0]) });
    expect(value(r.d)).toBeCloseTo(2 * Math.LN2, 5);
    expect(value(r.g)).toBeCloseTo(Math.LN2, 5);
    const sure = adversarialLosses('bce', { real: t([10]), fake: t([-10]) });
    expect(value(sure.d)).toBeCloseTo(2 * Math.log1p(Math.exp(-10)), 6);
    expect(value(sure.g)).toBeCloseTo(Math.log1p(Math.exp(10)), 4);
  });
});
