/**
 * How one spatial axis of a transposed convolution becomes stride-1 forward correlations, which XNNPACK runs
 * fast. The gradient of a forward convolution (kernel k, stride s, dilation d, padding p before, input length
 * n, output length m) with respect to its input is
 *   dx[h] = Σ dy[y]·w[i]  over y, i with  y·s + i·d − p = h.
 * With stride 1 that is a correlation of dy with the flipped kernel. With stride s the rows h = s·t + a of
 * one phase a see only the taps i ≡ a + p (mod s), so each phase is a small stride-1 correlation of dy; all
 * phases share one zero-padded combined kernel whose outputs are interleaved afterwards (polyphase
 * decomposition, the same arithmetic as the forward pass instead of s² times as much with zero insertion).
 */

export interface AxisPlan {
  /** Number of phases (the forward stride). */
  phases: number;
  /** Length of the combined kernel. */
  taps: number;
  /** Spacing of the combined kernel's taps (the forward dilation; 1 when strided). */
  dilation: number;
  /** Zeros to add before and after dy along this axis; negative means rows of dy to drop. */
  padBefore: number;
  padAfter: number;
  /** Rows each phase produces; phases · phaseLength ≥ n, the excess is cropped. */
  phaseLength: number;
  /** source[a][j]: the forward tap that combined tap j of phase a carries, or -1 for a zero. */
  source: number[][];
}

/** Plans one axis for forward kernel `k`, stride `s`, dilation `d`, padding `p` before, lengths `n` in and `m` out. */
export function planAxis(k: number, s: number, d: number, p: number, n: number, m: number): AxisPlan {
  if (s === 1) {
    const padBefore = (k - 1) * d - p;
    const source = [Array.from({ length: k }, (_, j) => k - 1 - j)];
    return { phases: 1, taps: k, dilation: d, padBefore, padAfter: n + (k - 1) * d - m - padBefore, phaseLength: n, source };
  }
  if (d !== 1) throw new Error(`a transposed convolution with stride ${s} and dilation ${d} is not supported`);
  // Phase a: dx[s·t + a] = Σ_j dy[t + offset − j]·w[residue + s·j] for j < count.
  const phase = Array.from({ length: s }, (_, a) => {
    const residue = (a + p) % s;
    return { residue, offset: Math.floor((a + p) / s), count: residue < k ? Math.ceil((k - residue) / s) : 0 };
  });
  const used = phase.filter((q) => q.count > 0);
  // Pad dy so every phase's first tap lands at or after index 0, and size the kernel to the widest phase.
  const padBefore = Math.max(...used.map((q) => q.count - 1 - q.offset));
  const taps = Math.max(...used.map((q) => q.offset + padBefore)) + 1;
  const phaseLength = Math.ceil(n / s);
  const source = phase.map((q) =>
    Array.from({ length: taps }, (_, j) => {
      const back = q.offset + padBefore - j;
      return back >= 0 && back < q.count ? q.residue + s * back : -1;
    }),
  );
  return { phases: s, taps, dilation: 1, padBefore, padAfter: phaseLength + taps - 1 - m - padBefore, phaseLength, source };
}
