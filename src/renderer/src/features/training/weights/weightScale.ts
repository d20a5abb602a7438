/**
 * The weight sliders' arithmetic: a log-scale track over a range around the preset's weight (÷10…×10 unless the
 * user widens it), nice values under the pointer, percentage steps for the keys, and typed weights checked against
 * the contract. No DOM here, so all of it is unit-tested.
 */
import { LossWeights } from '@shared/training';

const BOUNDS = LossWeights.shape.adv;
/** The contract's bounds of every weight (0 turns a term off). */
export const WEIGHT_FLOOR = BOUNDS.minValue ?? 0;
export const WEIGHT_LIMIT = BOUNDS.maxValue ?? Number.POSITIVE_INFINITY;

/** How far each way from the preset the track reaches (a factor); the user picks one per row. */
export const SPANS = [3, 10, 100, 1000] as const;
export const DEFAULT_SPAN = 10;

/** Key steps as a fraction of the weight: arrows, Shift+arrows, Page Up/Down. */
export const STEP = { normal: 0.01, fine: 0.001, coarse: 0.1 } as const;
export type StepSize = keyof typeof STEP;

/** Shift+drag moves the value this much slower than a plain drag. */
export const FINE_DRAG_GAIN = 0.1;
/** Values under the pointer are rounded to at most this fraction of themselves (plain drag, Shift+drag). */
export const DRAG_PRECISION = { normal: 0.01, fine: 0.001 } as const;

/** A typed or stepped value that falls outside the track widens it to the value and this much more. */
const WIDEN_MARGIN = 1.25;

/** A log-scale track: `lo` at the left end, `hi` at the right, both > 0; `centre` is what it was built around. */
export interface WeightRange {
  lo: number;
  hi: number;
  centre: number;
}

/** Drops floating-point dust (0.1 * 3 → 0.3), far below any precision the sliders use. */
function clean(x: number): number {
  return Number(x.toPrecision(12));
}

/** What a track is centred on: the preset's weight, or 1 when the preset turns the term off (or is unknown). */
export function trackCentre(preset: number | null): number {
  return preset !== null && preset > 0 ? preset : 1;
}

/** The track ÷span…×span around `centre`, its top end held to the contract's limit. */
export function rangeAround(centre: number, span: number): WeightRange {
  return { lo: clean(centre / span), hi: clean(Math.min(WEIGHT_LIMIT, centre * span)), centre };
}

/** `range`, or a wider one that shows `value` (with some room beyond it); the same object when it already does. */
export function widenToInclude(range: WeightRange, value: number): WeightRange {
  if (!(value > 0)) return range;
  const below = value < range.lo * (1 - 1e-9);
  const above = value > range.hi * (1 + 1e-9);
  if (!below && !above) return range;
  return {
    ...range,
    lo: below ? roundTo2(value / WIDEN_MARGIN, Math.floor) : range.lo,
    hi: above ? Math.min(WEIGHT_LIMIT, roundTo2(value * WIDEN_MARGIN, Math.ceil)) : range.hi,
  };
}

/** Two significant digits, rounded the given way (so a widened end reads 340, not 335.2). */
function roundTo2(x: number, round: (x: number) => number): number {
  const unit = 10 ** (Math.floor(Math.log10(x)) - 1);
  return clean(round(x / unit) * unit);
}

/** Where a weight sits on the track, 0..1 (clamped); off (0) sits at the left end. */
export function weightToFraction(range: WeightRange, weight: number): number {
  if (!(weight > 0)) return 0;
  const t = (Math.log10(weight) - Math.log10(range.lo)) / (Math.log10(range.hi) - Math.log10(range.lo));
  return Math.min(1, Math.max(0, t));
}

/**
 * The weight at a track position, rounded to a power of ten at most `precision` of itself (14.937 → 14.9) so a
 * drag sends readable numbers, and kept within the track. Powers of ten, unlike 1-2-5 steps, nest, so the
 * rounding never makes a step right of another give a smaller weight.
 */
export function fractionToWeight(range: WeightRange, fraction: number, precision: number = DRAG_PRECISION.normal): number {
  if (fraction <= 0) return range.lo;
  if (fraction >= 1) return range.hi;
  const exact = 10 ** (Math.log10(range.lo) + fraction * (Math.log10(range.hi) - Math.log10(range.lo)));
  const e = Math.floor(Math.log10(exact * precision));
  // Divide by 100, not multiply by 0.01, so the rounded weight comes out as 14.9 rather than 14.900000000000002.
  const rounded = e >= 0 ? Math.round(exact / 10 ** e) * 10 ** e : Math.round(exact * 10 ** -e) / 10 ** -e;
  return Math.min(range.hi, Math.max(range.lo, clean(rounded)));
}

/** The 1, 2 or 5 × 10ⁿ nearest (on a log scale) to `fraction` of `value`: 1 % of 15 is 0.2, 1 % of 40 is 0.5. */
export function niceStep(value: number, fraction: number): number {
  const target = Math.abs(value) * fraction;
  if (!(target > 0)) return Number.MIN_VALUE;
  const exponent = Math.floor(Math.log10(target));
  const unit = 10 ** exponent;
  let best = unit;
  for (const m of [2, 5, 10]) {
    if (Math.abs(Math.log10((m * unit) / target)) < Math.abs(Math.log10(best / target))) best = m * unit;
  }
  return clean(best);
}

/**
 * One key step up (`direction` 1) or down (-1): to the next multiple of a nice step of about 1 % (0.1 % fine,
 * 10 % coarse) of the weight, so 15 → 15.2 → 15.4 and every press moves. It stops at the track's ends (widen the
 * track or type to go further); from off, up goes to the low end and down stays off.
 */
export function stepWeight(value: number, direction: 1 | -1, size: StepSize, range: WeightRange): number {
  if (!(value > 0)) return direction > 0 ? range.lo : 0;
  const step = niceStep(value, STEP[size]);
  const k = direction > 0 ? Math.floor(value / step + 1e-9) + 1 : Math.ceil(value / step - 1e-9) - 1;
  return Math.min(range.hi, Math.max(range.lo, clean(k * step)));
}

/** The track position while dragging: from where the drag (or its last Shift change) began, slower with Shift. */
export function dragFraction(anchor: number, dx: number, trackWidth: number, fine: boolean): number {
  if (!(trackWidth > 0)) return anchor;
  const f = anchor + (dx / trackWidth) * (fine ? FINE_DRAG_GAIN : 1);
  return Math.min(1, Math.max(0, f));
}

/** A typed weight, or what is wrong with it in words the row can show. */
export type ParsedWeight = { value: number; error?: undefined } | { value?: undefined; error: string };

/** Parses a typed weight: a number from 0 (off) to the contract's limit, with a dot for decimals. */
export function parseWeight(text: string): ParsedWeight {
  const trimmed = text.trim();
  const limit = formatLimit(WEIGHT_LIMIT);
  if (trimmed === '') return { error: `Type a weight, 0 to ${limit}` };
  // "1,5" is one and a half in half the world and 15 in the other half: ask rather than guess.
  if (/^[-+]?\d*,\d+$/.test(trimmed)) return { error: 'Use a dot for decimals, e.g. 1.5' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { error: `Not a number: type 0 to ${limit}` };
  if (value < WEIGHT_FLOOR) return { error: `At least ${WEIGHT_FLOOR} (0 turns the term off)` };
  if (value > WEIGHT_LIMIT) return { error: `At most ${limit}` };
  return { value };
}

function formatLimit(x: number): string {
  return x.toLocaleString('en-US');
}

/** A weight exact to six significant digits (15.015, not 15), as the entry and the change history show it. */
export function formatWeightExact(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return String(Number(value.toPrecision(6)));
}
