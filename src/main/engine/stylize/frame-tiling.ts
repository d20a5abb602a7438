/**
 * Any-size frames through a StyleEngine: RGB24 in, RGB24 of the same size out.
 *
 * - A frame is reflect-padded on the right and bottom to the engine's `sizeMultiple` and cropped back afterwards; the
 *   padded frame is never built in bytes, windows are read from the frame through reflect-101 (see pixels.ts).
 * - A frame that fits `maxTilePixels` runs whole, and several such frames share one engine call.
 * - A larger frame is cut into equal tiles (equal, so a runtime that compiles per shape compiles once), each a
 *   multiple of `sizeMultiple` and placed at a multiple of it, so a strided network sees the same grid as on the
 *   whole frame. Tile *cores* partition the frame; each tile also reads a margin past its core: `overlap` plus
 *   FEATHER_PIXELS, rounded up to the multiple. Tiles stay inside the padded frame: a tile at the frame border sees
 *   the same border (the reflect padding and the engine's own edge handling) that the untiled frame does, so border
 *   pixels match too. (So a tile is never reflect-padded beyond the frame: it does not need to be.)
 * - Neighbouring tiles are blended with linear-ramp weights across each core boundary. The ramp spans only pixels
 *   that are at least `engine.contextPixels` inside both tiles (half-width margin - contextPixels), so for an engine
 *   whose receptive field is within its contextPixels <= overlap the blend is of equal values and the tiled frame
 *   equals the untiled one. Networks whose true field is wider than their contextPixels (layer norm sees a whole
 *   tile) still get a ramp at least FEATHER_PIXELS each side, which hides what differs, instead of a hard cut.
 * Memory: one float32 accumulator the size of a frame plus one batch of engine input, reused across batches.
 */
import { rgbWindowToUnit, unitToByte, unitToRgb } from './pixels';
import { type StyleEngine } from './style-engine';

/** A packed RGB24 image: data is Uint8Array of width*height*3, row-major, R,G,B interleaved. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** How frames are cut for an engine. */
export interface TilingOptions {
  /**
   * Most pixels (n x height x width, padding included) in one engine call; default DEFAULT_MAX_TILE_PIXELS. A whole
   * frame above this is tiled.
   */
  maxTilePixels?: number;
  /**
   * Pixels of context each tile reads past its core on every inner side, beyond the cross-fade; default
   * max(engine.contextPixels, 16). 0 butts tiles together with no margin and no blending.
   */
  overlap?: number;
}

/**
 * 2^21 pixels (a 1920x1088 frame runs whole). The tiler's own tensors for it are 2 x 24 MiB (input and output); a
 * generator's widest float32 activations at 32-64 channels are 256-512 MiB there, well under 1 GiB.
 */
export const DEFAULT_MAX_TILE_PIXELS = 1 << 21;
/** Overlap when the engine's context is smaller: enough for a ramp that hides small differences. */
export const MIN_DEFAULT_OVERLAP = 16;
/** Extra margin each tile reads (when overlap > 0) so that tiles always cross-fade over at least 2 x this. */
export const FEATHER_PIXELS = 8;

/** Tiles along one axis of the padded frame. */
export interface AxisTiles {
  /** Tile length along this axis (engine input), a multiple of the size multiple. */
  length: number;
  /** Where each tile's window starts, in padded-frame pixels (multiples of the size multiple). */
  starts: number[];
  /** Core boundaries: tile i owns [bounds[i], bounds[i+1]); bounds[0] = 0, last = padded size. */
  bounds: number[];
}

/** One tile: its window in the padded frame and the core it owns. */
export interface Tile {
  x: number;
  y: number;
  width: number;
  height: number;
  core: { x0: number; y0: number; x1: number; y1: number };
}

/** How one frame size is cut for an engine; the same plan serves every frame of that size. */
export interface TilePlan {
  width: number;
  height: number;
  /** The frame padded up to the size multiple. */
  paddedWidth: number;
  paddedHeight: number;
  multiple: number;
  overlap: number;
  /** What each tile reads past its core on inner sides: overlap + FEATHER_PIXELS rounded up to the multiple (0 untiled or at overlap 0). */
  margin: number;
  maxTilePixels: number;
  columns: AxisTiles;
  rows: AxisTiles;
  /** Row-major; exactly one tile (the padded frame) when the frame fits maxTilePixels. */
  tiles: Tile[];
  /** Whole frames per engine call (1 when tiled). */
  framesPerBatch: number;
  /** Tiles per engine call (1 when untiled). */
  tilesPerBatch: number;
}

/** Thrown when the options cannot produce a tile; says what to change. */
export class TilingError extends Error {
  override readonly name = 'TilingError';
}

/** Cuts a width x height frame for an engine with size multiple `multiple` (see the module comment for the layout). */
export function planTiles(width: number, height: number, multiple: number, opts: Required<TilingOptions>): TilePlan {
  for (const [name, v] of [['width', width], ['height', height], ['multiple', multiple], ['maxTilePixels', opts.maxTilePixels]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new TilingError(`planTiles: ${name} must be a positive integer, got ${v}`);
  }
  if (!Number.isInteger(opts.overlap) || opts.overlap < 0) throw new TilingError(`planTiles: overlap must be a non-negative integer, got ${opts.overlap}`);
  const m = multiple;
  const paddedWidth = Math.ceil(width / m) * m;
  const paddedHeight = Math.ceil(height / m) * m;
  const base = { width, height, paddedWidth, paddedHeight, multiple: m, overlap: opts.overlap, maxTilePixels: opts.maxTilePixels };
  const framePixels = paddedWidth * paddedHeight;
  if (framePixels <= opts.maxTilePixels) {
    const whole = (size: number): AxisTiles => ({ length: size, starts: [0], bounds: [0, size] });
    return {
      ...base,
      margin: 0,
      columns: whole(paddedWidth),
      rows: whole(paddedHeight),
      tiles: [{ x: 0, y: 0, width: paddedWidth, height: paddedHeight, core: { x0: 0, y0: 0, x1: paddedWidth, y1: paddedHeight } }],
      framesPerBatch: Math.floor(opts.maxTilePixels / framePixels),
      tilesPerBatch: 1,
    };
  }
  const margin = opts.overlap === 0 ? 0 : Math.ceil((opts.overlap + FEATHER_PIXELS) / m) * m;
  const grid = bestGrid(paddedWidth, paddedHeight, m, margin, opts.maxTilePixels);
  if (!grid) {
    const least = (m + 2 * margin) ** 2;
    throw new TilingError(
      `maxTilePixels ${opts.maxTilePixels} is too small: with a margin of ${margin} px (overlap ${opts.overlap}) and size multiple ${m} a tile needs at least ${least} pixels`,
    );
  }
  const [nx, ny] = grid;
  const columns = axisTiles(paddedWidth, m, margin, nx);
  const rows = axisTiles(paddedHeight, m, margin, ny);
  const tiles: Tile[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      tiles.push({
        x: columns.starts[i]!,
        y: rows.starts[j]!,
        width: columns.length,
        height: rows.length,
        core: { x0: columns.bounds[i]!, y0: rows.bounds[j]!, x1: columns.bounds[i + 1]!, y1: rows.bounds[j + 1]! },
      });
    }
  }
  const tilePixels = columns.length * rows.length;
  return { ...base, margin, columns, rows, tiles, framesPerBatch: 1, tilesPerBatch: Math.min(tiles.length, Math.floor(opts.maxTilePixels / tilePixels)) };
}

/** Tile length along an axis of `size` cut into n cores of whole multiples, each read with `margin` either side. */
function tileLength(size: number, m: number, margin: number, n: number): number {
  return n === 1 ? size : Math.min(size, Math.ceil(size / m / n) * m + 2 * margin);
}

/** Each engine call costs about as much as this many pixels more (launch, conversion): fewer, larger tiles win ties. */
const CALL_COST_PIXELS = 4096;

/** The tile grid [columns, rows] that fits maxPixels with the least work (pixels computed, margins being the waste, plus calls); undefined when none fits. */
function bestGrid(width: number, height: number, m: number, margin: number, maxPixels: number): [number, number] | undefined {
  let best: [number, number] | undefined;
  let bestCost = Infinity;
  const unitsY = height / m;
  for (let nx = 1; nx <= width / m; nx++) {
    const tw = tileLength(width, m, margin, nx);
    const maxTh = Math.floor(maxPixels / tw);
    let ny: number;
    if (height <= maxTh) ny = 1;
    else {
      // Largest core (in multiples) whose tile still fits: ceil(unitsY / ny) <= q.
      const q = Math.floor((maxTh - 2 * margin) / m);
      if (q < 1) continue;
      ny = Math.ceil(unitsY / q);
    }
    const cost = nx * ny * (tw * tileLength(height, m, margin, ny) + CALL_COST_PIXELS);
    if (cost < bestCost) [best, bestCost] = [[nx, ny], cost];
  }
  return best;
}

/** n tiles along an axis: cores of whole multiples as even as they come, windows clamped inside [0, size). */
function axisTiles(size: number, m: number, margin: number, n: number): AxisTiles {
  const length = tileLength(size, m, margin, n);
  const units = size / m;
  const bounds = Array.from({ length: n + 1 }, (_, i) => m * Math.floor((i * units) / n));
  const starts = bounds.slice(0, n).map((b) => Math.min(Math.max(b - margin, 0), size - length));
  return { length, starts, bounds };
}

/** Weight of each tile along one axis at each pixel of its window; the weights of all tiles sum to 1 at every pixel. */
interface AxisWeights {
  weights: Float64Array[];
  /** Absolute [lo, hi) where tile i's weight is non-zero, clipped to the unpadded size. */
  lo: number[];
  hi: number[];
}

/** Ramp weights along one axis; the ramp at each core boundary spans pixels >= context inside both neighbours. */
function axisWeights(axis: AxisTiles, margin: number, context: number, size: number): AxisWeights {
  const n = axis.starts.length;
  const { bounds } = axis;
  // Half-width of the ramp at inner boundary i (1..n-1); cores are kept >= 2 half-widths so ramps never meet.
  const half = bounds.map((b, i) =>
    i === 0 || i === n ? 0 : Math.max(0, Math.min(margin - context, Math.floor((b - bounds[i - 1]!) / 2), Math.floor((bounds[i + 1]! - b) / 2))),
  );
  const ramp = (x: number, i: number): number => {
    const h = half[i]!;
    if (h === 0) return x >= bounds[i]! ? 1 : 0;
    return Math.min(1, Math.max(0, (x + 0.5 - (bounds[i]! - h)) / (2 * h)));
  };
  const weights: Float64Array[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = axis.starts[i]!;
    const w = new Float64Array(axis.length);
    for (let k = 0; k < axis.length; k++) {
      const x = start + k;
      w[k] = (i === 0 ? 1 : ramp(x, i)) * (i === n - 1 ? 1 : 1 - ramp(x, i + 1));
    }
    weights.push(w);
    lo.push(Math.max(0, i === 0 ? 0 : bounds[i]! - half[i]!));
    hi.push(Math.min(size, i === n - 1 ? size : bounds[i + 1]! + half[i + 1]!));
  }
  return { weights, lo, hi };
}

/**
 * Fills in the defaults of TilingOptions for an engine. An engine that knows how many pixels it can hold at once (the
 * TF.js engine measures `maxPixels` at load) caps the default, so callers need not know which engine they hold.
 */
export function tilingDefaults(engine: StyleEngine, opts: TilingOptions = {}): Required<TilingOptions> {
  const limit = (engine as Partial<{ maxPixels: unknown }>).maxPixels;
  const engineMax = typeof limit === 'number' && limit >= 1 ? Math.floor(limit) : Infinity;
  return {
    maxTilePixels: opts.maxTilePixels ?? Math.min(DEFAULT_MAX_TILE_PIXELS, engineMax),
    overlap: opts.overlap ?? Math.max(engine.contextPixels, MIN_DEFAULT_OVERLAP),
  };
}

/** Stylizes frames of the same size, batching several per engine call when they fit; any size in, same size out. */
export async function stylizeFrames(engine: StyleEngine, frames: readonly RgbImage[], opts?: TilingOptions): Promise<RgbImage[]> {
  const first = frames[0];
  if (!first) return [];
  for (const f of frames) {
    if (f.width !== first.width || f.height !== first.height) {
      throw new TilingError(`stylizeFrames: frames must share one size, got ${first.width}x${first.height} and ${f.width}x${f.height}`);
    }
    if (f.data.length < f.width * f.height * 3) throw new TilingError(`stylizeFrames: a ${f.width}x${f.height} frame needs ${f.width * f.height * 3} bytes, got ${f.data.length}`);
  }
  const plan = planTiles(first.width, first.height, engine.sizeMultiple, tilingDefaults(engine, opts));
  if (plan.tiles.length === 1) return stylizeWhole(engine, frames, plan);
  const out: RgbImage[] = [];
  for (const f of frames) out.push(await stylizeTiled(engine, f, plan));
  return out;
}

/** Stylizes one image of any size; the same as stylizeFrames with one frame. */
export async function stylizeImage(engine: StyleEngine, image: RgbImage, opts?: TilingOptions): Promise<RgbImage> {
  const [out] = await stylizeFrames(engine, [image], opts);
  return out!;
}

/** Runs the engine and checks it returned a whole batch. */
async function runEngine(engine: StyleEngine, x: Float32Array, n: number, height: number, width: number): Promise<Float32Array> {
  const y = await engine.stylize(x, n, height, width);
  if (y.length !== n * height * width * 3) {
    throw new TilingError(`${engine.label} returned ${y.length} values for a ${n}x${height}x${width}x3 batch (${n * height * width * 3} expected)`);
  }
  return y;
}

/** Frames that fit whole: several per engine call, padded by reflection, cropped back. */
async function stylizeWhole(engine: StyleEngine, frames: readonly RgbImage[], plan: TilePlan): Promise<RgbImage[]> {
  const { width, height, paddedWidth: pw, paddedHeight: ph } = plan;
  const per = Math.min(plan.framesPerBatch, frames.length);
  const frameFloats = pw * ph * 3;
  const input = new Float32Array(per * frameFloats);
  const out: RgbImage[] = [];
  for (let b = 0; b < frames.length; b += per) {
    const batch = frames.slice(b, b + per);
    batch.forEach((f, k) => rgbWindowToUnit(f.data, width, height, 0, 0, pw, ph, input, k * frameFloats));
    const y = await runEngine(engine, input.subarray(0, batch.length * frameFloats), batch.length, ph, pw);
    for (let k = 0; k < batch.length; k++) {
      const data = new Uint8Array(width * height * 3);
      for (let row = 0; row < height; row++) unitToRgb(y, data, row * width * 3, k * frameFloats + row * pw * 3, width);
      out.push({ width, height, data });
    }
  }
  return out;
}

/** One frame above maxTilePixels: tiles in batches, blended with ramp weights into a frame-sized accumulator. */
async function stylizeTiled(engine: StyleEngine, frame: RgbImage, plan: TilePlan): Promise<RgbImage> {
  const { width, height, paddedWidth: pw, paddedHeight: ph } = plan;
  const context = Math.max(0, engine.contextPixels);
  const wx = axisWeights(plan.columns, plan.margin, context, width);
  const wy = axisWeights(plan.rows, plan.margin, context, height);
  const tw = plan.columns.length;
  const th = plan.rows.length;
  const tileFloats = tw * th * 3;
  const nx = plan.columns.starts.length;
  const acc = new Float32Array(width * height * 3);
  const input = new Float32Array(plan.tilesPerBatch * tileFloats);
  for (let b = 0; b < plan.tiles.length; b += plan.tilesPerBatch) {
    const batch = plan.tiles.slice(b, b + plan.tilesPerBatch);
    batch.forEach((t, k) => rgbWindowToUnit(frame.data, width, height, t.x, t.y, tw, th, input, k * tileFloats, pw, ph));
    const y = await runEngine(engine, input.subarray(0, batch.length * tileFloats), batch.length, th, tw);
    batch.forEach((t, k) => {
      const index = b + k;
      const [i, j] = [index % nx, Math.floor(index / nx)];
      accumulate(acc, width, y, k * tileFloats, t, tw, [wx.weights[i]!, wx.lo[i]!, wx.hi[i]!], [wy.weights[j]!, wy.lo[j]!, wy.hi[j]!]);
    });
  }
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = unitToByte(acc[i]!);
  return { width, height, data };
}

/** acc += weight x tile output over the tile's non-zero weight range. Axis args: [weights over the window, lo, hi]. */
function accumulate(
  acc: Float32Array,
  width: number,
  y: Float32Array,
  offset: number,
  tile: Tile,
  tw: number,
  [wxs, x0, x1]: [Float64Array, number, number],
  [wys, y0, y1]: [Float64Array, number, number],
): void {
  for (let row = y0; row < y1; row++) {
    const wRow = wys[row - tile.y]!;
    let src = offset + ((row - tile.y) * tw + (x0 - tile.x)) * 3;
    let dst = (row * width + x0) * 3;
    for (let col = x0; col < x1; col++, src += 3, dst += 3) {
      const w = wRow * wxs[col - tile.x]!;
      acc[dst] = acc[dst]! + w * y[src]!;
      acc[dst + 1] = acc[dst + 1]! + w * y[src + 1]!;
      acc[dst + 2] = acc[dst + 2]! + w * y[src + 2]!;
    }
  }
}
