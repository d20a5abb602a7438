/**
 * The last step of a strided transposed convolution (see axis-plan.ts): each stride phase (a, b) was computed
 * separately or as extra channels, and goes to rows t·sh + a, columns u·sw + b of dx. A plain copy that also
 * crops to the input size; tfjs-backend-wasm's depthToSpace took 310 ms for what this does in a few.
 */
import { copyRun } from './copy-run';

export interface PhaseLayout {
  batch: number;
  /** Rows and columns per phase (each phase convolution's output size). */
  rows: number;
  cols: number;
  phasesH: number;
  phasesW: number;
  channels: number;
  /** dx's height and width; phase rows and columns beyond them are dropped. */
  outH: number;
  outW: number;
}

/** Calls `copy(src, dst, phase)` for every phase pixel that lands inside dx; offsets are pixel starts. */
function forEachPixel(l: PhaseLayout, copy: (src: number, dst: number, phase: number) => void): void {
  for (let n = 0; n < l.batch; n++) {
    for (let t = 0; t < l.rows; t++) {
      for (let u = 0; u < l.cols; u++) {
        const src = (n * l.rows + t) * l.cols + u;
        for (let a = 0; a < l.phasesH; a++) {
          const row = t * l.phasesH + a;
          if (row >= l.outH) break;
          for (let b = 0; b < l.phasesW; b++) {
            const col = u * l.phasesW + b;
            if (col >= l.outW) break;
            copy(src, (n * l.outH + row) * l.outW + col, a * l.phasesW + b);
          }
        }
      }
    }
  }
}

/** Fills dx [N,outH,outW,C] from one [N,rows,cols,C] array per phase (row-major (a,b); missing = zeros). */
export function interleaveSeparate(dx: Float32Array, phases: ReadonlyArray<Float32Array | undefined>, l: PhaseLayout): void {
  const c = l.channels;
  forEachPixel(l, (src, dst, phase) => {
    const y = phases[phase];
    if (y !== undefined) copyRun(dx, dst * c, y, src * c, c);
  });
}

/** Fills dx [N,outH,outW,C] from y [N,rows,cols,C·sh·sw] whose channel c·sh·sw + a·sw + b is phase (a,b). */
export function interleaveChannelMajor(dx: Float32Array, y: Float32Array, l: PhaseLayout): void {
  const c = l.channels;
  const phases = l.phasesH * l.phasesW;
  forEachPixel(l, (src, dst, phase) => {
    const from = src * c * phases + phase;
    const to = dst * c;
    for (let k = 0; k < c; k++) dx[to + k] = y[from + k * phases]!;
  });
}
