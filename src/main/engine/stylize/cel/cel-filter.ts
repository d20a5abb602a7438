/**
 * The built-in cel-shading filter on one image: iterated separable bilateral smoothing in YCbCr (flat paint with
 * outlines kept), luma banded into `levels` tones with chroma kept (and lifted a little: anime palettes are more
 * saturated than photos), and dark DoG ink lines along outlines. Pure arithmetic on typed arrays, deterministic.
 */
import { type BilateralKernel, bilateralKernel, bilateralPass, bilateralPassFlops } from './bilateral';
import { inkFlops, inkFromLuma, inkReach, type InkScratch, type InkSettings } from './ink';
import { bandLuma } from './quantize';
import { allocPlanes, type Planes, unitRgbToPlanes, ycbcrToRgb } from './ycbcr';

/** Knobs of the filter (see createBuiltinCelEngine). */
export interface CelOptions {
  /** Luma tones, 2..32. */
  levels: number;
  /** Ink darkness, 0 (no lines) .. 1 (black lines). */
  edgeStrength: number;
  /** Bilateral iterations (each a row pass and a column pass), 0..8. */
  smoothing: number;
}

export const DEFAULT_CEL_OPTIONS: CelOptions = { levels: 6, edgeStrength: 0.9, smoothing: 3 };

/** Bilateral pass radius and sigmas: sigmaRange ~ 25/255 of luma keeps outlines and melts skin and foliage texture. */
const RADIUS = 3;
const SIGMA_SPACE = 2;
const SIGMA_RANGE = 0.1;
/** Hue changes outline regions as much as luma changes do, though chroma spans a smaller range: weigh it up. */
const CHROMA_WEIGHT = 2;
/** Ink is taken after at most this many smoothing iterations: later ones would round off corners of the lines. */
const INK_AFTER_ITERATIONS = 2;
/** The DoG of a luma step c dips to about -0.11 c: a step of ~0.06 (15/255) starts a line, ~0.2 draws it nearly full. */
const INK: InkSettings = { threshold: 0.006, sharpness: 100 };
/** Chroma gain. */
const SATURATION = 1.2;

/** Options checked and filled in; throws RangeError naming the bad one. */
export function resolveCelOptions(opts: Partial<CelOptions> = {}): CelOptions {
  const o = { ...DEFAULT_CEL_OPTIONS, ...opts };
  if (!Number.isInteger(o.levels) || o.levels < 2 || o.levels > 32) throw new RangeError(`cel levels must be an integer 2..32, got ${o.levels}`);
  if (!(o.edgeStrength >= 0 && o.edgeStrength <= 1)) throw new RangeError(`cel edgeStrength must be in [0, 1], got ${o.edgeStrength}`);
  if (!Number.isInteger(o.smoothing) || o.smoothing < 0 || o.smoothing > 8) throw new RangeError(`cel smoothing must be an integer 0..8, got ${o.smoothing}`);
  return o;
}

/** Iterations after which ink is taken. */
const inkIterations = (o: CelOptions): number => Math.min(o.smoothing, INK_AFTER_ITERATIONS);

/** Exact receptive-field radius (px): every output pixel depends only on inputs at most this far away in x and y. */
export function celReceptiveField(o: CelOptions): number {
  const paint = o.smoothing * RADIUS;
  return o.edgeStrength > 0 ? Math.max(paint, inkIterations(o) * RADIUS + inkReach()) : paint;
}

/** Multiply-adds x 2 per pixel, counted from the loops (colour conversions ~ 20, banding and compositing ~ 40). */
export function celFlopsPerPixel(o: CelOptions): number {
  return o.smoothing * 2 * bilateralPassFlops(RADIUS) + (o.edgeStrength > 0 ? inkFlops() : 0) + 60;
}

/** Reusable buffers for one image size. */
interface Workspace {
  pixels: number;
  a: Planes;
  b: Planes;
  ink: Float32Array;
  scratch: InkScratch;
}

/** Runs the filter on images, reusing buffers while the size stays the same. */
export class CelFilter {
  readonly options: CelOptions;
  private readonly kernel: BilateralKernel;
  private workspace: Workspace | undefined;

  constructor(opts: Partial<CelOptions> = {}) {
    this.options = resolveCelOptions(opts);
    this.kernel = bilateralKernel(RADIUS, SIGMA_SPACE, SIGMA_RANGE, CHROMA_WEIGHT);
  }

  /** Filters one HWC float [-1, 1] image of x from xOffset into out from outOffset (same layout). */
  run(x: Float32Array, xOffset: number, out: Float32Array, outOffset: number, width: number, height: number): void {
    const ws = this.buffers(width * height);
    const o = this.options;
    // Each iteration filters rows from `paint` into `half`, then columns back into `paint`.
    const paint = ws.a;
    const half = ws.b;
    unitRgbToPlanes(x, xOffset, ws.pixels, paint);
    const inkAt = inkIterations(o);
    if (o.edgeStrength > 0 && inkAt === 0) inkFromLuma(paint.y, ws.ink, width, height, INK, ws.scratch);
    for (let i = 0; i < o.smoothing; i++) {
      bilateralPass(paint, half, width, height, 'x', this.kernel);
      bilateralPass(half, paint, width, height, 'y', this.kernel);
      if (o.edgeStrength > 0 && i + 1 === inkAt) inkFromLuma(paint.y, ws.ink, width, height, INK, ws.scratch);
    }
    this.composite(paint, ws.ink, out, outOffset);
  }

  /** Bands luma, lifts chroma, draws ink, writes [-1, 1] RGB. */
  private composite(p: Planes, ink: Float32Array, out: Float32Array, offset: number): void {
    const { levels, edgeStrength } = this.options;
    const rgb = new Float64Array(3);
    const inked = edgeStrength > 0;
    for (let i = 0, j = offset; i < p.y.length; i++, j += 3) {
      ycbcrToRgb(bandLuma(p.y[i]!, levels), SATURATION * p.cb[i]!, SATURATION * p.cr[i]!, rgb);
      const keep = inked ? 1 - edgeStrength * ink[i]! : 1;
      out[j] = 2 * keep * rgb[0]! - 1;
      out[j + 1] = 2 * keep * rgb[1]! - 1;
      out[j + 2] = 2 * keep * rgb[2]! - 1;
    }
  }

  private buffers(pixels: number): Workspace {
    if (this.workspace?.pixels !== pixels) {
      const plane = (): Float32Array => new Float32Array(pixels);
      this.workspace = { pixels, a: allocPlanes(pixels), b: allocPlanes(pixels), ink: plane(), scratch: { a: plane(), b: plane(), c: plane() } };
    }
    return this.workspace;
  }

  /** Drops the buffers. */
  release(): void {
    this.workspace = undefined;
  }
}
