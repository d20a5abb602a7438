/**
 * Input gradients of conv2d and depthwiseConv2d computed with forward (stride-1) convolutions of the padded
 * dy, following axis-plan.ts, then a copy that sends each stride phase to its pixels (phase-interleave.ts).
 * Call inside a tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';
import { type AxisPlan, planAxis } from './axis-plan';
import { hostOp } from './host-arrays';
import { convPhaseFilter, depthwisePhaseFilter, tapRun } from './phase-filters';
import { interleaveChannelMajor, interleaveSeparate, type PhaseLayout } from './phase-interleave';

type ConvInfo = tf.backend_util.Conv2DInfo;

/** Pads (or, where negative, crops) dy's rows and columns: the input to one stride-1 correlation. */
function padOrCrop(
  dy: tf.Tensor4D,
  top: number,
  bottom: number,
  left: number,
  right: number,
): { x: tf.Tensor4D; pad: tf.backend_util.ExplicitPadding } {
  const [n, h, w, c] = dy.shape;
  const [ct, cb, cl, cr] = [top, bottom, left, right].map((v) => Math.max(0, -v)) as [number, number, number, number];
  const x = ct + cb + cl + cr > 0 ? tf.slice(dy, [0, ct, cl, 0], [n, h - ct - cb, w - cl - cr, c]) : dy;
  const keep = (v: number): number => Math.max(0, v);
  return {
    x,
    pad: [
      [0, 0],
      [keep(top), keep(bottom)],
      [keep(left), keep(right)],
      [0, 0],
    ],
  };
}

function layoutOf(n: number, rows: number, cols: number, ph: AxisPlan, pw: AxisPlan, channels: number, info: ConvInfo): PhaseLayout {
  return { batch: n, rows, cols, phasesH: ph.phases, phasesW: pw.phases, channels, outH: info.inHeight, outW: info.inWidth };
}

function plans(info: ConvInfo): [AxisPlan, AxisPlan] {
  return [
    planAxis(info.filterHeight, info.strideHeight, info.dilationHeight, info.padInfo.top, info.inHeight, info.outHeight),
    planAxis(info.filterWidth, info.strideWidth, info.dilationWidth, info.padInfo.left, info.inWidth, info.outWidth),
  ];
}

/**
 * dx [N,H,W,C] of conv2d(x, w [kh,kw,C,O]) from dy [N,OH,OW,O]. Each stride phase gets its own convolution
 * over just its taps (9 taps in all for a 3x3 kernel, where one combined kernel would need 16) and the
 * phases are interleaved after.
 */
export function conv2dInputGradient(dy: tf.Tensor4D, w: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  const [ph, pw] = plans(info);
  const [, , c, o] = w.shape;
  const n = dy.shape[0];
  const phases: Array<tf.Tensor | undefined> = [];
  for (let a = 0; a < ph.phases; a++) {
    for (let b = 0; b < pw.phases; b++) {
      const rh = tapRun(ph, a);
      const rw = tapRun(pw, b);
      if (rh.count === 0 || rw.count === 0) {
        phases.push(undefined);
        continue;
      }
      const filter = hostOp([w], [rh.count, rw.count, o, c], (g, wv) => convPhaseFilter(g, wv!, w.shape, ph, pw, a, b)) as tf.Tensor4D;
      const top = ph.padBefore - rh.start;
      const left = pw.padBefore - rw.start;
      const bottom = ph.phaseLength + (rh.count - 1) * ph.dilation - info.outHeight - top;
      const right = pw.phaseLength + (rw.count - 1) * pw.dilation - info.outWidth - left;
      const { x, pad } = padOrCrop(dy, top, bottom, left, right);
      phases.push(tf.conv2d(x, filter, 1, pad, 'NHWC', [ph.dilation, pw.dilation]));
    }
  }
  if (phases.length === 1) return phases[0] as tf.Tensor4D;
  const layout = layoutOf(n, ph.phaseLength, pw.phaseLength, ph, pw, c, info);
  const present = phases.filter((p): p is tf.Tensor => p !== undefined);
  return hostOp(present, [n, info.inHeight, info.inWidth, c], (dx, ...ys) => {
    let next = 0;
    interleaveSeparate(dx, phases.map((p) => (p === undefined ? undefined : ys[next++])), layout);
  }) as tf.Tensor4D;
}

/** dx [N,H,W,C] of depthwiseConv2d(x, w [kh,kw,C,M]) from dy [N,OH,OW,C·M]. */
export function depthwiseInputGradient(dy: tf.Tensor4D, w: tf.Tensor4D, info: ConvInfo): tf.Tensor4D {
  const [ph, pw] = plans(info);
  const [, , c, m] = w.shape;
  const phases = ph.phases * pw.phases;
  const filter = hostOp([w], [ph.taps, pw.taps, c * m, phases], (g, wv) => depthwisePhaseFilter(g, wv!, w.shape, ph, pw)) as tf.Tensor4D;
  const { x, pad } = padOrCrop(dy, ph.padBefore, ph.padAfter, pw.padBefore, pw.padAfter);
  let y: tf.Tensor = tf.depthwiseConv2d(x, filter, 1, pad, 'NHWC', [ph.dilation, pw.dilation]);
  const [n, th, tw] = y.shape as [number, number, number];
  // Channels are (c, q, a, b): sum the multiplier q away, then send each phase (a, b) to its pixels.
  if (m > 1) y = tf.reshape(tf.sum(tf.reshape(y, [n, th, tw, c, m, phases]), 4), [n, th, tw, c * phases]);
  if (phases === 1) return y as tf.Tensor4D;
  const layout = layoutOf(n, th, tw, ph, pw, c, info);
  return hostOp([y], [n, info.inHeight, info.inWidth, c], (dx, yv) => interleaveChannelMajor(dx, yv!, layout)) as tf.Tensor4D;
}
