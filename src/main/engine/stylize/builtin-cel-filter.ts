/**
 * The built-in cel-shading filter on one image, after Winnemöller, Olsen & Gooch 2006 ("Real-Time Video
 * Abstraction", ACM SIGGRAPH): edge-aware smoothing, soft luminance quantization, DoG lines.
 *
 * 1. Flat paint: `smoothing` iterations of domain-transform smoothing (./builtin-cel-domain; Gastal & Oliveira
 *    2011). Each iteration re-reads the outlines from the image it smooths, so texture melts a little more each
 *    time while outlines between regions stay put; radii shrink from iteration to iteration (as in Gastal &
 *    Oliveira's schedule) so the late, small passes round off the blockiness 1-D passes leave.
 * 2. Tones: luma is pulled towards the middle of one of `levels` bands through a soft tanh step (Winnemöller et
 *    al.'s soft quantization): a region reads as one flat tone, and a gradient crosses into the next tone in a
 *    short smooth ramp rather than a hard posterized contour. Chroma is kept (hues survive banding) and lifted a
 *    little (anime palettes are more saturated than photos).
 * 3. Lines: thin DoG lines along outlines (./builtin-cel-lines), taken after the first iteration (fine enough for
 *    eyes and mouths, smooth enough that skin and grain draw nothing), drawn in a dark shade of the paint under
 *    them rather than pure black.
 *
 * Sizes are fixed in pixels, tuned on 480p-1080p frames: the engine sees tiles, not frames, so it cannot scale
 * with the frame. Pure arithmetic on typed arrays, deterministic; every output depends only on inputs within
 * celReceptiveField(options) pixels, so tiles with that overlap reproduce the whole frame.
 */
import { allocDomainScratch, allocPlanes, DOMAIN_PASS_FLOPS, type DomainPass, domainPass, domainPassReach, type DomainScratch, type Planes } from './builtin-cel-domain';
import { inkLines, type LineScratch, type LineSettings, linesFlops, linesReach } from './builtin-cel-lines';

/** Knobs of the filter (see createBuiltinCelEngine); names and ranges are BuiltinStyleOptions' in @shared/convert. */
export interface CelOptions {
  /** Luma tones, 2..32. */
  levels: number;
  /** Ink darkness, 0 (no lines) .. 1 (darkest lines). */
  edgeStrength: number;
  /** Iterations of edge-aware smoothing (each a row pass and a column pass), 0..8. */
  smoothing: number;
}

export const DEFAULT_CEL_OPTIONS: CelOptions = { levels: 6, edgeStrength: 0.9, smoothing: 3 };

/** Constants of the look, tuned by eye on the ../shared corpus (photos and clips); not user options. */
const TUNING = {
  /**
   * First smoothing pass: box radius 10 px on the transformed line; a colour step of 0.1 (luma, or 0.05 chroma)
   * counts as 6 px more distance: regions flatten over ~20 px, and a step of more than ~0.15 ends every window.
   */
  pass: { radius: 10, stretch: 60, chromaWeight: 2 } satisfies DomainPass,
  /** Lines are taken after at most this many smoothing iterations: later ones round off eyes and corners. */
  linesAfter: 1,
  /** DoG of sigma 1 px: a luma step of ~0.04 starts a line, one of ~0.25 draws it fully. */
  lines: { sigma: 1, floor: 0.004, fullAt: 0.025 } satisfies LineSettings,
  /** Steepness of the soft step between tone bands, in band widths (larger: harder bands). */
  bandSharpness: 6,
  /** Chroma gain. */
  saturation: 1.25,
  /** A fully inked pixel keeps this much of the paint's colour at edgeStrength 1 (0 would be black lines). */
  lineTint: 0.15,
} as const;

/** Options checked and filled in; throws RangeError naming the bad one. */
function resolveCelOptions(opts: Partial<CelOptions> = {}): CelOptions {
  const o = { ...DEFAULT_CEL_OPTIONS, ...opts };
  if (!Number.isInteger(o.levels) || o.levels < 2 || o.levels > 32) throw new RangeError(`cel levels must be an integer 2..32, got ${o.levels}`);
  if (!(o.edgeStrength >= 0 && o.edgeStrength <= 1)) throw new RangeError(`cel edgeStrength must be in [0, 1], got ${o.edgeStrength}`);
  if (!Number.isInteger(o.smoothing) || o.smoothing < 0 || o.smoothing > 8) throw new RangeError(`cel smoothing must be an integer 0..8, got ${o.smoothing}`);
  return o;
}

/** Iterations after which the lines are taken. */
const linesAt = (o: CelOptions): number => Math.min(o.smoothing, TUNING.linesAfter);

/** The passes of the smoothing iterations: radii shrink linearly from the first's to 1/N of it. */
function passesOf(o: CelOptions): DomainPass[] {
  const n = o.smoothing;
  return Array.from({ length: n }, (_, i) => ({ ...TUNING.pass, radius: (TUNING.pass.radius * (n - i)) / n }));
}

/** Exact receptive-field radius (px): every output pixel depends only on inputs at most this far away in x and y. */
export function celReceptiveField(o: CelOptions): number {
  const reach = passesOf(o).map(domainPassReach);
  const paint = reach.reduce((a, b) => a + b, 0);
  const beforeLines = reach.slice(0, linesAt(o)).reduce((a, b) => a + b, 0);
  return o.edgeStrength > 0 ? Math.max(paint, beforeLines + linesReach(TUNING.lines)) : paint;
}

/** Multiply-adds x 2 per pixel, counted from the loops (colour conversions ~ 20, tones and compositing ~ 40). */
export function celFlopsPerPixel(o: CelOptions): number {
  return o.smoothing * 2 * DOMAIN_PASS_FLOPS + (o.edgeStrength > 0 ? linesFlops(TUNING.lines) : 0) + 60;
}

/** Reusable buffers for one image size. */
interface Workspace {
  width: number;
  height: number;
  a: Planes;
  b: Planes;
  ink: Float32Array;
  lines: LineScratch;
  domain: DomainScratch;
}

/** Runs the filter on images, reusing buffers while the size stays the same. */
export class CelFilter {
  readonly options: CelOptions;
  /** Banded luma by input luma, LUT_SIZE + 1 entries over [0, 1]. */
  private readonly tone: Float32Array;
  private workspace: Workspace | undefined;

  constructor(opts: Partial<CelOptions> = {}) {
    this.options = resolveCelOptions(opts);
    this.tone = toneCurve(this.options.levels, TUNING.bandSharpness);
  }

  /** Filters one HWC float [-1, 1] image of x from xOffset into out from outOffset (same layout). */
  run(x: Float32Array, xOffset: number, out: Float32Array, outOffset: number, width: number, height: number): void {
    const ws = this.buffers(width, height);
    const o = this.options;
    const paint = ws.a;
    const half = ws.b;
    unitRgbToPlanes(x, xOffset, width * height, paint);
    const inked = o.edgeStrength > 0;
    const at = linesAt(o);
    if (inked && at === 0) inkLines(paint.y, ws.ink, width, height, TUNING.lines, ws.lines);
    const passes = passesOf(o);
    for (let i = 0; i < o.smoothing; i++) {
      domainPass(paint, paint, half, width, height, 'x', passes[i]!, ws.domain);
      domainPass(half, half, paint, width, height, 'y', passes[i]!, ws.domain);
      if (inked && i + 1 === at) inkLines(paint.y, ws.ink, width, height, TUNING.lines, ws.lines);
    }
    this.composite(paint, inked ? ws.ink : undefined, out, outOffset);
  }

  /** Tones luma, lifts chroma, draws the lines, writes [-1, 1] RGB. */
  private composite(p: Planes, ink: Float32Array | undefined, out: Float32Array, offset: number): void {
    const { edgeStrength } = this.options;
    const { saturation, lineTint } = TUNING;
    const tone = this.tone;
    const last = tone.length - 1;
    const lineDepth = edgeStrength * (1 - lineTint);
    for (let i = 0, j = offset; i < p.y.length; i++, j += 3) {
      const l = p.y[i]!;
      const t = l <= 0 ? tone[0]! : l >= 1 ? tone[last]! : lerpTable(tone, l * last);
      const keep = ink ? 1 - lineDepth * ink[i]! : 1;
      const u = saturation * p.cb[i]!;
      const v = saturation * p.cr[i]!;
      out[j] = 2 * keep * clamp01(t + 1.403 * v) - 1;
      out[j + 1] = 2 * keep * clamp01(t - 0.344 * u - 0.714 * v) - 1;
      out[j + 2] = 2 * keep * clamp01(t + 1.773 * u) - 1;
    }
  }

  private buffers(width: number, height: number): Workspace {
    const ws = this.workspace;
    if (ws?.width === width && ws.height === height) return ws;
    const pixels = width * height;
    const plane = (): Float32Array => new Float32Array(pixels);
    this.workspace = {
      width,
      height,
      a: allocPlanes(pixels),
      b: allocPlanes(pixels),
      ink: plane(),
      lines: { a: plane(), b: plane(), c: plane() },
      domain: allocDomainScratch(width, height),
    };
    return this.workspace;
  }

  /** Drops the buffers. */
  release(): void {
    this.workspace = undefined;
  }
}

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

/** Linear interpolation in `table` at fractional index f (0 <= f < table.length - 1). */
function lerpTable(table: Float32Array, f: number): number {
  const k = f | 0;
  const a = table[k]!;
  return a + (f - k) * (table[k + 1]! - a);
}

/** Table resolution of the tone curve: 1024 steps over [0, 1] (linear interpolation between them). */
const LUT_SIZE = 1024;

/**
 * Soft quantization of luma into `levels` bands (Winnemöller et al. 2006): between the centres of two neighbouring
 * bands, l rises from one centre to the other through a tanh step about the boundary, `sharpness` steep (in band
 * widths): at 6 a band is nearly flat over its middle half and a gradient crosses into the next band in a smooth
 * ramp rather than a hard posterized contour. Below the darkest centre and above the lightest, l is kept (no
 * crushed blacks or blown whites). Returned as a table of LUT_SIZE + 1 values over [0, 1].
 */
function toneCurve(levels: number, sharpness: number): Float32Array {
  const band = 1 / levels;
  const norm = Math.tanh(0.5 * sharpness);
  const table = new Float32Array(LUT_SIZE + 1);
  for (let k = 0; k <= LUT_SIZE; k++) {
    const l = k / LUT_SIZE;
    if (l <= 0.5 * band || l >= 1 - 0.5 * band) {
      table[k] = l;
      continue;
    }
    const boundary = Math.round(l * levels) * band;
    const t = (l - boundary) / band; // -0.5 .. 0.5
    table[k] = boundary + 0.5 * band * (Math.tanh(sharpness * t) / norm);
  }
  return table;
}

/** NHWC float [-1, 1] RGB (one image of `pixels` from `offset`) -> planar YCbCr (BT.601, full range) in `dst`. */
function unitRgbToPlanes(x: Float32Array, offset: number, pixels: number, dst: Planes): void {
  const { y, cb, cr } = dst;
  for (let i = 0, j = offset; i < pixels; i++, j += 3) {
    const r = (x[j]! + 1) * 0.5;
    const g = (x[j + 1]! + 1) * 0.5;
    const b = (x[j + 2]! + 1) * 0.5;
    const l = 0.299 * r + 0.587 * g + 0.114 * b;
    y[i] = l;
    cb[i] = 0.564 * (b - l);
    cr[i] = 0.713 * (r - l);
  }
}
