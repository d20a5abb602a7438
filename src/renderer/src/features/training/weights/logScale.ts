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

/** Weight at a slider position, snapped to a round value (15, not 14.94) when one is within half a percent. */
export function positionToWeight(position: number): number {
  if (position <= 0) return 0;
  const t = (Math.min(SLIDER_STEPS, position) - 1) / (SLIDER_STEPS - 1);
  return roundNicely(10 ** (LO + t * (HI - LO)));
}

/** Two significant digits when that is within 0.5 %, else three. */
export function roundNicely(value: number): number {
  if (!(value > 0)) return 0;
  const two = Number(value.toPrecision(2));
  return Math.abs(two - value) / value <= 0.005 ? two : Number(value.toPrecision(3));
}

/** Parses a typed weight; null when it is not a number in 0..WEIGHT_LIMIT. */
export function parseWeight(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < 0 || value > WEIGHT_LIMIT) return null;
  return value;
}
