/**
 * How a frame is cut into engine calls (./frame-tiling runs the plan):
 *
 * - A frame is reflect-padded on the right and bottom to the engine's `sizeMultiple` and cropped back afterwards.
 * - A frame that fits `maxTilePixels` runs whole, and several such frames share one engine call.
 * - A larger frame is cut into equal tiles (equal, so a runtime that compiles per shape compiles once), each a
 *   multiple of `sizeMultiple` and placed at a multiple of it, so a strided network sees the same grid as on the
 *   whole frame. Tile *cores* partition the frame; each tile also reads a margin past its core: `overlap` plus
 *   FEATHER_PIXELS, rounded up to the multiple. Tiles stay inside the padded frame: a tile at the frame border sees
 *   the same border (the reflect padding and the engine's own edge handling) that the untiled frame does, so border
 *   pixels match too. (So a tile is never reflect-padded beyond the frame: it does not need to be.)
 * - An engine with one fixed input size (an ONNX file exported with fixed H and W) gets tiles of exactly that size
 *   whatever `maxTilePixels` says. Along an axis where the frame is smaller, the frame is reflect-padded up to the
 *   tile. Along an axis where it is larger, the fewest tiles whose windows overlap by at least twice the margin are
 *   spread evenly from the first pixel to the last, so the last one sits flush with the far edge instead of hanging
 *   past it; core boundaries sit in the middle of each overlap.
 */
import type { ImageSize } from './style-engine';

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

/** What planTiles needs: the tiling options filled in, and the engine's fixed input size when it has one. */
export type PlanOptions = Required<TilingOptions> & {
  /** Every tile is exactly this size (an engine that accepts one size only); a multiple of the size multiple. */
  tileSize?: ImageSize;
};

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
  /** The frame padded up to the size multiple (and, for a fixed tile size, at least to the tile). */
  paddedWidth: number;
  paddedHeight: number;
  multiple: number;
  overlap: number;
  /** What each tile reads past its core on inner sides: overlap + FEATHER_PIXELS rounded up to the multiple (0 untiled or at overlap 0). */
  margin: number;
  maxTilePixels: number;
  columns: AxisTiles;
  rows: AxisTiles;
  /** Row-major; exactly one tile (the padded frame) when the frame runs whole. */
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
export function planTiles(width: number, height: number, multiple: number, opts: PlanOptions): TilePlan {
  for (const [name, v] of [['width', width], ['height', height], ['multiple', multiple], ['maxTilePixels', opts.maxTilePixels]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new TilingError(`planTiles: ${name} must be a positive integer, got ${v}`);
  }
  if (!Number.isInteger(opts.overlap) || opts.overlap < 0) throw new TilingError(`planTiles: overlap must be a non-negative integer, got ${opts.overlap}`);
  if (opts.tileSize) return planFixedTiles(width, height, multiple, opts, opts.tileSize);
  const m = multiple;
  const paddedWidth = Math.ceil(width / m) * m;
  const paddedHeight = Math.ceil(height / m) * m;
  const base = { width, height, paddedWidth, paddedHeight, multiple: m, overlap: opts.overlap, maxTilePixels: opts.maxTilePixels };
  const framePixels = paddedWidth * paddedHeight;
  if (framePixels <= opts.maxTilePixels) {
    return { ...base, margin: 0, ...grid(wholeAxis(paddedWidth), wholeAxis(paddedHeight)), framesPerBatch: Math.floor(opts.maxTilePixels / framePixels), tilesPerBatch: 1 };
  }
  const margin = marginFor(opts.overlap, m);
  const best = bestGrid(paddedWidth, paddedHeight, m, margin, opts.maxTilePixels);
  if (!best) {
    const least = (m + 2 * margin) ** 2;
    throw new TilingError(
      `maxTilePixels ${opts.maxTilePixels} is too small: with a margin of ${margin} px (overlap ${opts.overlap}) and size multiple ${m} a tile needs at least ${least} pixels`,
    );
  }
  const [nx, ny] = best;
  const cut = grid(axisTiles(paddedWidth, m, margin, nx), axisTiles(paddedHeight, m, margin, ny));
  const tilePixels = cut.columns.length * cut.rows.length;
  return { ...base, margin, ...cut, framesPerBatch: 1, tilesPerBatch: Math.min(cut.tiles.length, Math.floor(opts.maxTilePixels / tilePixels)) };
}

/** The plan for an engine that takes `size` only: tiles of exactly that size (see the module comment). */
function planFixedTiles(width: number, height: number, m: number, opts: PlanOptions, size: ImageSize): TilePlan {
  for (const v of [size.width, size.height]) {
    if (!Number.isInteger(v) || v < 1 || v % m !== 0) {
      throw new TilingError(`planTiles: a fixed tile of ${size.width}x${size.height} must be whole multiples of the size multiple ${m}`);
    }
  }
  const paddedWidth = Math.max(Math.ceil(width / m) * m, size.width);
  const paddedHeight = Math.max(Math.ceil(height / m) * m, size.height);
  // The margin shrinks to what leaves a core of one multiple in the tile along each axis that is cut (a 64 px tile
  // cannot keep an 80 px margin each side).
  const cutLengths = [paddedWidth > size.width ? size.width : Infinity, paddedHeight > size.height ? size.height : Infinity];
  const widestMargin = Math.min(...cutLengths.map((t) => Math.floor((t - m) / (2 * m)) * m));
  const margin = Math.min(marginFor(opts.overlap, m), widestMargin);
  const cut = grid(fixedAxisTiles(paddedWidth, size.width, m, margin), fixedAxisTiles(paddedHeight, size.height, m, margin));
  // A tile bigger than maxTilePixels still runs: the engine takes no other size.
  const perCall = Math.max(1, Math.floor(opts.maxTilePixels / (size.width * size.height)));
  const whole = cut.tiles.length === 1;
  const base = { width, height, paddedWidth, paddedHeight, multiple: m, overlap: opts.overlap, maxTilePixels: opts.maxTilePixels };
  return {
    ...base,
    margin: whole ? 0 : margin,
    ...cut,
    framesPerBatch: whole ? perCall : 1,
    tilesPerBatch: whole ? 1 : Math.min(cut.tiles.length, perCall),
  };
}

/** Smallest tile side the tiler shrinks to after running out of memory: below it the margins are most of the work. */
export const MIN_SHRUNK_TILE_SIDE = 64;

/** How many tiles (or whole frames) one engine call of `plan` takes when `frames` frames are run. */
export function perCall(plan: TilePlan, frames: number): number {
  return plan.tiles.length === 1 ? Math.max(1, Math.min(plan.framesPerBatch, frames)) : Math.max(1, Math.min(plan.tilesPerBatch, plan.tiles.length));
}

/**
 * The maxTilePixels to plan again with after an engine call of `plan` (for `frames` frames of its size) ran out of
 * memory: half the pixels of that call, so the next plan takes fewer tiles or frames per call, or smaller tiles; but
 * never below the smallest tile (MIN_SHRUNK_TILE_SIDE squared, or what the margins need around one size multiple of
 * core). Undefined when nothing smaller can be planned: one fixed-size tile per call, or the smallest tile already.
 */
export function halvedTileLimit(plan: TilePlan, frames: number, opts: PlanOptions): number | undefined {
  const tile = plan.columns.length * plan.rows.length;
  const calls = perCall(plan, frames);
  const half = Math.floor((tile * calls) / 2);
  if (calls > 1) return half;
  if (opts.tileSize) return undefined;
  const margin = marginFor(opts.overlap, plan.multiple);
  const least = Math.max((plan.multiple + 2 * margin) ** 2, MIN_SHRUNK_TILE_SIDE ** 2);
  return tile > least ? Math.max(half, least) : undefined;
}

/** What a tile reads past its core for `overlap`: the overlap plus the feather, rounded up to the multiple. */
function marginFor(overlap: number, m: number): number {
  return overlap === 0 ? 0 : Math.ceil((overlap + FEATHER_PIXELS) / m) * m;
}

/** One tile covering an axis of `size`. */
function wholeAxis(size: number): AxisTiles {
  return { length: size, starts: [0], bounds: [0, size] };
}

/** The row-major tiles of a grid of columns x rows. */
function grid(columns: AxisTiles, rows: AxisTiles): { columns: AxisTiles; rows: AxisTiles; tiles: Tile[] } {
  const tiles: Tile[] = [];
  for (let j = 0; j < rows.starts.length; j++) {
    for (let i = 0; i < columns.starts.length; i++) {
      tiles.push({
        x: columns.starts[i]!,
        y: rows.starts[j]!,
        width: columns.length,
        height: rows.length,
        core: { x0: columns.bounds[i]!, y0: rows.bounds[j]!, x1: columns.bounds[i + 1]!, y1: rows.bounds[j + 1]! },
      });
    }
  }
  return { columns, rows, tiles };
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

/**
 * Windows of exactly `length` along a padded axis of `size` (both multiples of m, margin too, length > 2 x margin):
 * the fewest whose neighbours overlap by >= 2 x margin, starts spread evenly over [0, size - length] on the m grid,
 * each core boundary in the middle of its overlap, so every core has >= margin of its own tile on each inner side.
 */
function fixedAxisTiles(size: number, length: number, m: number, margin: number): AxisTiles {
  if (size <= length) return wholeAxis(size);
  const stride = length - 2 * margin;
  const n = Math.ceil((size - 2 * margin) / stride);
  // (n - 1) strides reach size - length, and stride is whole multiples, so no step below exceeds it.
  const span = (size - length) / m;
  const starts = Array.from({ length: n }, (_, i) => m * Math.floor((i * span) / (n - 1)));
  const inner = starts.slice(1).map((s, i) => s + m * Math.floor((starts[i]! + length - s) / (2 * m)));
  return { length, starts, bounds: [0, ...inner, size] };
}
