/**
 * The kernels of the stride-1 correlations that make up a transposed convolution (see axis-plan.ts), copied
 * straight out of the forward kernel: small loops over a few thousand weights, cheaper than the gather,
 * concat and transpose ops they replace.
 */
import type { AxisPlan } from './axis-plan';

/** A run of combined taps [start, start + count) of one phase along one axis. */
export interface TapRun {
  start: number;
  count: number;
}

/** The combined taps phase `a` uses: a contiguous run (empty when no forward tap lands in that phase). */
export function tapRun(plan: AxisPlan, a: number): TapRun {
  const used = plan.source[a]!.flatMap((src, j) => (src >= 0 ? [j] : []));
  return { start: used[0] ?? 0, count: used.length };
}

/**
 * Fills g [countH,countW,O,C] for conv2d phase (a,b): the forward kernel w [kh,kw,C,O] at the phase's taps,
 * with input and output channels swapped (the correlation runs from dy's channels back to x's).
 */
export function convPhaseFilter(
  g: Float32Array,
  w: Float32Array,
  wShape: readonly number[],
  ph: AxisPlan,
  pw: AxisPlan,
  a: number,
  b: number,
): void {
  const [, kw, c, o] = wShape as [number, number, number, number];
  const rh = tapRun(ph, a);
  const rw = tapRun(pw, b);
  let at = 0;
  for (let i = rh.start; i < rh.start + rh.count; i++) {
    for (let j = rw.start; j < rw.start + rw.count; j++) {
      const tap = (ph.source[a]![i]! * kw + pw.source[b]![j]!) * c * o;
      for (let oc = 0; oc < o; oc++) {
        for (let ic = 0; ic < c; ic++) g[at++] = w[tap + ic * o + oc]!;
      }
    }
  }
}

/**
 * Fills g [KH,KW,C·M,sh·sw] for depthwiseConv2d from w [kh,kw,C,M]: every phase as a channel multiplier, so
 * one depthwise convolution computes them all (zeros where a phase has no tap).
 */
export function depthwisePhaseFilter(g: Float32Array, w: Float32Array, wShape: readonly number[], ph: AxisPlan, pw: AxisPlan): void {
  const [, kw, c, m] = wShape as [number, number, number, number];
  const cm = c * m;
  const phases = ph.phases * pw.phases;
  for (let i = 0; i < ph.taps; i++) {
    for (let j = 0; j < pw.taps; j++) {
      for (let a = 0; a < ph.phases; a++) {
        for (let b = 0; b < pw.phases; b++) {
          const r = ph.source[a]![i]!;
          const q = pw.source[b]![j]!;
          if (r < 0 || q < 0) continue;
          const from = (r * kw + q) * cm;
          const to = (i * pw.taps + j) * cm * phases + a * pw.phases + b;
          for (let k = 0; k < cm; k++) g[to + k * phases] = w[from + k]!;
        }
      }
    }
  }
}
