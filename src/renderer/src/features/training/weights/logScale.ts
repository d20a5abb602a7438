/**
 * The weight sliders' scale: position 0 is "off" (weight 0); positions 1..STEPS run logarithmically over
 * 0.1..1000, the range the papers' weights span (w_tv 0.1 .. w_adv 350). Typed values may go beyond it.
 */
export const SLIDER_STEPS = 1000;
export const WEIGHT_MIN = 0.1;
export const WEIGHT_MAX = 1000;
/** The contract's upper bound of any weight. */
export const WEIGHT_LIMIT = 10_000;

const LO = Math.log10(WEIGHT_MIN);
const HI = Math.log10(WEIGHT_MAX);

/** Slider position of a weight (clamped to the slider's range). */
export function weightToPosition(weight: number): number {
  if (!(weight > 0)) return 0;
  const t = (Math.log10(weight) - LO) / (HI - LO);
  return Math.min(SLIDER_STEPS, Math.max(1, Math.round(1 + t * (SLIDER_STEPS - 1))));
}

/**
 * Weight at a slider position: the roundest value (15, not 14.94) that still sits at that position. A round value
 * from a neighbouring position would give two positions one weight, and the controlled slider would then stick
 * there under the arrow keys (a step is only 0.93 %).
 */
export function positionToWeight(position: number): number {
  if (position <= 0) return 0;
  const p = Math.min(SLIDER_STEPS, Math.round(position));
  const exact = 10 ** (LO + ((p - 1) / (SLIDER_STEPS - 1)) * (HI - LO));
  for (const digits of [2, 3]) {
    const round = Number(exact.toPrecision(digits));
    if (weightToPosition(round) === p) return round;
  }
  return Number(exact.toPrecision(4));
}

/** Parses a typed weight; null when it is not a number in 0..WEIGHT_LIMIT. */
export function parseWeight(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < 0 || value > WEIGHT_LIMIT) return null;
  return value;
}
