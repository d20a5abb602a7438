/**
 * Thin lines for the built-in cel style: a difference of Gaussians of the smoothed luma under a soft threshold
 * (Winnemöller, Olsen & Gooch 2006, "Real-Time Video Abstraction", ACM SIGGRAPH; see also Winnemöller, Kyprianidis
 * & Olsen 2012, "XDoG: An eXtended difference-of-Gaussians compendium including advanced image stylization",
 * Computers & Graphics 36(6)), thinned by non-maximum suppression (Canny 1986, "A Computational Approach to Edge
 * Detection", IEEE TPAMI 8(6)).
 *
 * The DoG dips just on the dark side of a luma step (to about -0.11 of the step at these widths), so a line lies
 * along each outline where a cel artist would ink it. What keeps lines thin and even instead of the blobs a plain
 * threshold gives:
 * - strength is the dip over a contrast floor, saturating at `fullAt`, so strong and faint outlines look alike;
 * - only the crest of the dip is inked: a pixel whose dip falls below RIDGE of the deepest dip one pixel either
 *   side across the line (along the luma gradient, bilinearly interpolated so the crest moves smoothly from frame
 *   to frame) draws nothing, so a line is 1-2 px wide whatever the contrast;
 * - specks (less than ~3 px of line in a 5x5 window) and hatching (lines covering more than DENSE.from of a 15x15
 *   window: foliage, gravel, fur, which a cel artist paints rather than inks) fade out.
 * Every step is a smooth function of the luma and each window is summed exactly, so the result is deterministic
 * and local (linesReach).
 */
import { reflect101 } from './pixels';

/** Line settings, in luma units (0..1) and pixels. */
export interface LineSettings {
  /** Inner Gaussian of the DoG (px); the outer is K times wider. */
  sigma: number;
  /** DoG dips shallower than this draw nothing: contrast below ~floor / 0.1 never inks. */
  floor: number;
  /** Dip at which a line is fully dark. */
  fullAt: number;
}

const K = 1.6;
/** A pixel is on the crest of its line when its dip is at least this fraction of the deepest dip across the line. */
const RIDGE = 0.55;
/** Ink summed over a 5x5 window below `below` marks a speck (erased); lines are whole from below + ramp. */
const SPECK = { below: 2.5, ramp: 2 } as const;
/** Line density (ink per pixel of a (2 radius + 1)^2 window) from which lines fade, and at which they are gone. */
const DENSE = { radius: 7, from: 0.12, to: 0.22 } as const;

/** Kernels by sigma: the filter runs per frame and per tile with the same few. */
const kernels = new Map<number, Float32Array>();

/** Normalized 1-D Gaussian of `sigma` and radius ceil(3 sigma): index k + radius for offset k (made once per sigma). */
function gaussianKernel(sigma: number): Float32Array {
  let kernel = kernels.get(sigma);
  if (!kernel) kernels.set(sigma, (kernel = makeGaussian(sigma)));
  return kernel;
}

function makeGaussian(sigma: number): Float32Array {
  const radius = Math.ceil(3 * sigma);
  const k = Float64Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const sum = k.reduce((a, b) => a + b, 0);
  return Float32Array.from(k, (v) => v / sum);
}

/** Separable blur of `src` (width*height) by `kernel` into `dst`; `tmp` is scratch of the same size. Borders mirror (reflect-101). */
function separableBlur(src: Float32Array, dst: Float32Array, tmp: Float32Array, width: number, height: number, kernel: Float32Array): void {
  const r = (kernel.length - 1) / 2;
  const taps = kernel.length;
  for (let y = 0; y < height; y++) {
    const base = y * width;
    for (let x = 0; x < width; x++) {
      let s = 0;
      if (x >= r && x < width - r) {
        for (let k = 0, q = base + x - r; k < taps; k++, q++) s += kernel[k]! * src[q]!;
      } else {
        for (let k = 0; k < taps; k++) s += kernel[k]! * src[base + reflect101(x + k - r, width)]!;
      }
      tmp[base + x] = s;
    }
  }
  const rows = new Int32Array(taps);
  for (let y = 0; y < height; y++) {
    for (let k = 0; k < taps; k++) rows[k] = reflect101(y + k - r, height) * width;
    const base = y * width;
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let k = 0; k < taps; k++) s += kernel[k]! * tmp[rows[k]! + x]!;
      dst[base + x] = s;
    }
  }
}

/** Scratch planes for inkLines, each Float32Array of width*height. */
export interface LineScratch {
  a: Float32Array;
  b: Float32Array;
  c: Float32Array;
}

/** Pixels the ink at a pixel depends on, each side: the outer Gaussian's radius, the crest test's 1, the density window's. */
export function linesReach(s: LineSettings): number {
  return (gaussianKernel(s.sigma * K).length - 1) / 2 + 1 + DENSE.radius;
}

/** Multiply-adds x 2 per pixel of inkLines: two separable blurs, the crest test, two running box sums and the ramp. */
export function linesFlops(s: LineSettings): number {
  return 2 * 2 * (gaussianKernel(s.sigma).length + gaussianKernel(s.sigma * K).length) + 30 + 2 * 8 + 20;
}

/** Ink coverage in [0, 1] for each pixel of `luma` (width*height, 0..1), written to `ink`. */
export function inkLines(luma: Float32Array, ink: Float32Array, width: number, height: number, s: LineSettings, scratch: LineScratch): void {
  const { a, b, c } = scratch;
  separableBlur(luma, a, c, width, height, gaussianKernel(s.sigma));
  separableBlur(luma, b, c, width, height, gaussianKernel(s.sigma * K));
  // Dip depth: how far the fine blur falls below the coarse one (0 on the bright side and in flat paint).
  const dip = b;
  for (let i = 0; i < dip.length; i++) {
    const d = b[i]! - a[i]!;
    dip[i] = d > 0 ? d : 0;
  }
  const { floor, fullAt } = s;
  const span = fullAt - floor;
  for (let y = 0; y < height; y++) {
    const up = reflect101(y - 1, height) * width;
    const down = reflect101(y + 1, height) * width;
    const base = y * width;
    for (let x = 0; x < width; x++) {
      const d = dip[base + x]!;
      if (d <= floor) {
        c[base + x] = 0;
        continue;
      }
      const l = x > 0 ? x - 1 : reflect101(x - 1, width);
      const r = x < width - 1 ? x + 1 : reflect101(x + 1, width);
      // Across the line: along the luma gradient, the dip one pixel either side, bilinearly interpolated (Canny's
      // non-maximum suppression, interpolated so the crest moves smoothly as the outline turns or shifts).
      const gx = a[base + r]! - a[base + l]!;
      const gy = a[down + x]! - a[up + x]!;
      const g = Math.sqrt(gx * gx + gy * gy);
      let deepest = d;
      if (g > 0) {
        const wx = (gx < 0 ? -gx : gx) / g;
        const wy = (gy < 0 ? -gy : gy) / g;
        const xf = gx >= 0 ? r : l;
        const xb = gx >= 0 ? l : r;
        const yf = gy >= 0 ? down : up;
        const yb = gy >= 0 ? up : down;
        const centre = (1 - wx) * (1 - wy) * d;
        const ahead = centre + wx * (1 - wy) * dip[base + xf]! + (1 - wx) * wy * dip[yf + x]! + wx * wy * dip[yf + xf]!;
        const behind = centre + wx * (1 - wy) * dip[base + xb]! + (1 - wx) * wy * dip[yb + x]! + wx * wy * dip[yb + xb]!;
        if (ahead > deepest) deepest = ahead;
        if (behind > deepest) deepest = behind;
      }
      // Crest: 1 at the deepest pixel across the line, fading to 0 where the dip is RIDGE of the deepest.
      const crest = (d / deepest - RIDGE) / (1 - RIDGE);
      const strength = (d - floor) / span;
      c[base + x] = (crest < 1 ? (crest > 0 ? crest : 0) : 1) * (strength < 1 ? strength : 1);
    }
  }
  // Specks: a line crossing a 5x5 window covers >= 5 of its pixels, a speck of texture fewer. Hatching: where
  // lines cover more than DENSE.from of a 15x15 window they are texture (foliage, gravel, fur), which a cel artist
  // paints flat rather than inks. Both fade out.
  boxSum(c, b, a, width, height, 2);
  boxSum(c, ink, a, width, height, DENSE.radius);
  const denseArea = (2 * DENSE.radius + 1) ** 2;
  const { below, ramp } = SPECK;
  const { from, to } = DENSE;
  for (let i = 0; i < ink.length; i++) {
    const v = c[i]!;
    if (v === 0) {
      ink[i] = 0;
      continue;
    }
    const speck = (b[i]! - below) / ramp;
    const dense = (to - ink[i]! / denseArea) / (to - from);
    const u = v * (speck < 1 ? (speck > 0 ? speck : 0) : 1) * (dense < 1 ? (dense > 0 ? dense : 0) : 1);
    // Smoothstep: anti-aliased edges without a visible ramp.
    ink[i] = u * u * (3 - 2 * u);
  }
}

/** Box sums run on integers (src in units of 1/BOX_UNITS), so a sum is exact whichever pixel its run started from. */
const BOX_UNITS = 4096;

/**
 * dst = sum of src over the (2r+1)^2 window around each pixel (reflect-101 borders), by running sums along rows
 * then columns; tmp is scratch. src values must lie in [0, 1].
 */
function boxSum(src: Float32Array, dst: Float32Array, tmp: Float32Array, width: number, height: number, r: number): void {
  const q = (v: number): number => Math.round(v * BOX_UNITS);
  for (let y = 0; y < height; y++) {
    const base = y * width;
    let s = 0;
    for (let k = -r; k <= r; k++) s += q(src[base + reflect101(k, width)]!);
    tmp[base] = s;
    for (let x = 1; x < width; x++) {
      const enter = x + r < width ? x + r : reflect101(x + r, width);
      const leave = x - r - 1 >= 0 ? x - r - 1 : reflect101(x - r - 1, width);
      s += q(src[base + enter]!) - q(src[base + leave]!);
      tmp[base + x] = s;
    }
  }
  const sums = new Float64Array(width);
  for (let k = -r; k <= r; k++) {
    const row = reflect101(k, height) * width;
    for (let x = 0; x < width; x++) sums[x] = sums[x]! + tmp[row + x]!;
  }
  for (let y = 0; y < height; y++) {
    const base = y * width;
    if (y > 0) {
      const enter = reflect101(y + r, height) * width;
      const leave = reflect101(y - r - 1, height) * width;
      for (let x = 0; x < width; x++) sums[x] = sums[x]! + tmp[enter + x]! - tmp[leave + x]!;
    }
    for (let x = 0; x < width; x++) dst[base + x] = sums[x]! / BOX_UNITS;
  }
}
