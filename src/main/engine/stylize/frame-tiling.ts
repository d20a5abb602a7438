/**
 * Any-size frames through a StyleEngine: RGB24 in, RGB24 of the same size out, cut as ./tile-plan plans.
 *
 * - The padded frame is never built in bytes: windows are read from the frame through reflect-101 (see pixels.ts).
 * - Neighbouring tiles are blended with linear-ramp weights across each core boundary. The ramp spans only pixels
 *   that are at least `engine.contextPixels` inside both tiles (half-width margin - contextPixels), so for an engine
 *   whose receptive field is within its contextPixels <= overlap the blend is of equal values and the tiled frame
 *   equals the untiled one. Networks whose true field is wider than their contextPixels (layer norm sees a whole
 *   tile) still get a ramp at least FEATHER_PIXELS each side, which hides what differs, instead of a hard cut.
 * - An engine with a fixed input size (`engine.fixedSize`) gets tiles of exactly that size, so every caller (stills,
 *   previews, clips, photo folders) can hand it frames of any size.
 * - An engine call that runs out of memory (GpuOutOfMemory: a GPU allocation, a WebGPU binding limit, ONNX Runtime's
 *   allocator) is not fatal: the pixels per call are halved, the frames not yet done are planned and run again, the
 *   engine keeps the lower limit for every later call, and `onNotice` is told in a sentence for the job.
 * Memory: one float32 accumulator the size of a frame plus one batch of engine input, reused across batches.
 */
import { StudioError } from '@shared/errors';
import { isGpuOutOfMemory } from './gpu-memory-error';
import { rgbWindowToUnit, unitToByte, unitToRgb } from './pixels';
import { type EngineKind, type StyleEngine } from './style-engine';
import {
  type AxisTiles,
  DEFAULT_MAX_TILE_PIXELS,
  halvedTileLimit,
  MIN_DEFAULT_OVERLAP,
  perCall,
  type PlanOptions,
  planTiles,
  type Tile,
  type TilePlan,
  TilingError,
  type TilingOptions,
} from './tile-plan';

/** Options of {@link stylizeFrames}: how to tile, and where to say that tiles were made smaller. */
export interface StylizeOptions extends TilingOptions {
  /** Told, in a sentence for the job's notices, when the engine ran out of memory and the tiles were made smaller. */
  onNotice?: (text: string) => void;
  /**
   * Told after each engine call how much of the frames is done (0..1, by pixels), for a progress bar on work that
   * takes long, such as a still of a large photo; after a retry with smaller tiles it starts again from the frames
   * not yet done.
   */
  onProgress?: (fraction: number) => void;
}

/** Pixels per call each engine was found to hold after running out of memory; the tiler never plans above it. */
const learnedLimits = new WeakMap<StyleEngine, number>();

/** A packed RGB24 image: data is Uint8Array of width*height*3, row-major, R,G,B interleaved. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
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
 * TF.js engine measures `maxPixels` at load) caps the default, and one with a fixed input size sets the tile size, so
 * callers need not know which engine they hold.
 */
export function tilingDefaults(engine: StyleEngine, opts: TilingOptions = {}): PlanOptions {
  const limit = (engine as Partial<{ maxPixels: unknown }>).maxPixels;
  const engineMax = typeof limit === 'number' && limit >= 1 ? Math.floor(limit) : Infinity;
  const learned = learnedLimits.get(engine) ?? Infinity;
  return {
    maxTilePixels: Math.min(opts.maxTilePixels ?? Math.min(DEFAULT_MAX_TILE_PIXELS, engineMax), learned),
    overlap: opts.overlap ?? Math.max(engine.contextPixels, MIN_DEFAULT_OVERLAP),
    ...(engine.fixedSize ? { tileSize: engine.fixedSize } : {}),
  };
}

/**
 * Stylizes frames of the same size, batching several per engine call when they fit; any size in, same size out. An
 * engine call that runs out of memory is retried with half the pixels (see the module comment); when even the
 * smallest tiles do not fit, throws BAD_INPUT saying what to do.
 */
export async function stylizeFrames(engine: StyleEngine, frames: readonly RgbImage[], opts: StylizeOptions = {}): Promise<RgbImage[]> {
  const first = frames[0];
  if (!first) return [];
  for (const f of frames) {
    if (f.width !== first.width || f.height !== first.height) {
      throw new TilingError(`stylizeFrames: frames must share one size, got ${first.width}x${first.height} and ${f.width}x${f.height}`);
    }
    if (f.data.length < f.width * f.height * 3) throw new TilingError(`stylizeFrames: a ${f.width}x${f.height} frame needs ${f.width * f.height * 3} bytes, got ${f.data.length}`);
  }
  const out: RgbImage[] = [];
  for (;;) {
    const planOpts = tilingDefaults(engine, opts);
    const plan = planTiles(first.width, first.height, engine.sizeMultiple, planOpts);
    try {
      // Frames already in `out` are done: a retry starts from the first one that is not.
      const progress = (framesDone: number): void => opts.onProgress?.(Math.min(1, framesDone / frames.length));
      if (plan.tiles.length === 1) await stylizeWhole(engine, frames.slice(out.length), plan, out, () => progress(out.length));
      else {
        while (out.length < frames.length) {
          out.push(await stylizeTiled(engine, frames[out.length]!, plan, (part) => progress(out.length + part)));
        }
      }
      return out;
    } catch (err) {
      if (!isGpuOutOfMemory(err)) throw err;
      const left = frames.length - out.length;
      const limit = halvedTileLimit(plan, left, planOpts);
      if (limit === undefined) {
        throw new StudioError('BAD_INPUT', `${err.message}, and ${describeCall(plan, left)} are the smallest the tiler makes: ${lessMemory(engine.kind)}`);
      }
      learnedLimits.set(engine, limit);
      const next = planTiles(first.width, first.height, engine.sizeMultiple, tilingDefaults(engine, opts));
      opts.onNotice?.(`${isGpuKind(engine.kind) ? 'GPU ran' : 'Ran'} out of memory at ${describeCall(plan, left)}; continuing with ${describeCall(next, left)}`);
    }
  }
}

/** E.g. '1280x720 tiles', '4 x 640x360 frames per pass': what one engine call of `plan` takes. */
function describeCall(plan: TilePlan, frames: number): string {
  const k = perCall(plan, frames);
  const what = `${plan.columns.length}x${plan.rows.length} ${plan.tiles.length === 1 ? 'frames' : 'tiles'}`;
  return k > 1 ? `${k} x ${what} per pass` : what;
}

function isGpuKind(kind: EngineKind): boolean {
  return kind === 'tfjs-node-gpu' || kind === 'tfjs-webgpu' || (kind.startsWith('onnxruntime-') && kind !== 'onnxruntime-cpu');
}

/** What a user can do when an engine runs out of memory with the smallest tiles. */
function lessMemory(kind: EngineKind): string {
  if (kind.startsWith('tfjs-') && kind !== 'tfjs-cpu' && kind !== 'tfjs-wasm') return 'close other programs that use the GPU, or run on the CPU with CEL_STUDIO_BACKEND=wasm';
  if (kind.startsWith('onnxruntime-') && kind !== 'onnxruntime-cpu') return 'close other programs that use the GPU, or run on the CPU with CEL_STUDIO_ORT_PROVIDER=cpu';
  return 'close other programs to free memory, or convert at a smaller size';
}

/** Stylizes one image of any size; the same as stylizeFrames with one frame. */
export async function stylizeImage(engine: StyleEngine, image: RgbImage, opts?: StylizeOptions): Promise<RgbImage> {
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

/** Frames that fit whole: several per engine call, padded by reflection, cropped back; each batch appended to `out` when done. */
async function stylizeWhole(
  engine: StyleEngine,
  frames: readonly RgbImage[],
  plan: TilePlan,
  out: RgbImage[],
  onBatch: () => void,
): Promise<void> {
  const { width, height, paddedWidth: pw, paddedHeight: ph } = plan;
  const per = perCall(plan, frames.length);
  const frameFloats = pw * ph * 3;
  const input = new Float32Array(per * frameFloats);
  for (let b = 0; b < frames.length; b += per) {
    const batch = frames.slice(b, b + per);
    batch.forEach((f, k) => rgbWindowToUnit(f.data, width, height, 0, 0, pw, ph, input, k * frameFloats));
    const y = await runEngine(engine, input.subarray(0, batch.length * frameFloats), batch.length, ph, pw);
    for (let k = 0; k < batch.length; k++) {
      const data = new Uint8Array(width * height * 3);
      for (let row = 0; row < height; row++) unitToRgb(y, data, row * width * 3, k * frameFloats + row * pw * 3, width);
      out.push({ width, height, data });
    }
    onBatch();
  }
}

/** One frame above maxTilePixels: tiles in batches, blended with ramp weights into a frame-sized accumulator. */
async function stylizeTiled(engine: StyleEngine, frame: RgbImage, plan: TilePlan, onPart: (fraction: number) => void): Promise<RgbImage> {
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
    // Tiles are as large as each other: their count is the share of the frame done (the last few percent, the
    // conversion to bytes, is quick).
    onPart((b + batch.length) / plan.tiles.length);
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
