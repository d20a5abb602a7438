/**
 * A StyleEngine over ONNX Runtime: runs an imported or exported ONNX generator, converting between the
 * interface's float32 NHWC [-1,1] and whatever layout and value range the model was found to use
 * (./onnx-inspect). Models with a fixed batch size (the AnimeGANv3 releases take exactly 1) are run in chunks.
 * Models with a fixed image size take only that size here; the engine reports it as `fixedSize` and the tiler
 * (./frame-tiling) cuts and pads frames of any size into tiles of exactly that size.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import * as ort from 'onnxruntime-node';
import { StudioError } from '@shared/errors';
import { isOrtOutOfMemory, outOfMemory } from './gpu-memory-error';
import { inspectOnnx, type OnnxModelInfo } from './onnx-inspect';
import { openSession, type OrtProvider } from './onnx-session';
import { ORT_ENGINE_KIND } from './ort-providers';
import type { EngineKind, ImageSize, StyleEngine } from './style-engine';
import { convertBatch } from './tensor-convert';

export type { OrtProvider } from './onnx-session';

/** Options of {@link createOnnxEngine}. */
export interface OnnxEngineOptions {
  /** Intra-op threads; defaults to the physical core count. */
  threads?: number;
  /**
   * Providers to try, best first (the CPU is always tried last); defaults to the platform's list (see
   * ./ort-providers: CEL_STUDIO_ORT_PROVIDER and CEL_STUDIO_BACKEND=webgpu change it).
   */
  providers?: OrtProvider[];
  /** Shown in the UI; defaults to the file name, or 'ONNX model' for bytes. */
  label?: string;
  /** Overrides the FLOPs the inspector derives (our exporter knows them exactly). */
  flopsPerPixel?: number;
}

/** An ONNX engine, with what was found out about the model and the provider it runs on. */
export interface OnnxStyleEngine extends StyleEngine {
  readonly info: OnnxModelInfo;
  readonly provider: OrtProvider;
  /** Why better providers were skipped ('' when the first choice started). */
  readonly fallbackReason: string;
  /** The one size the model accepts (frames of other sizes are tiled to it), or null when any multiple of `sizeMultiple` works. */
  readonly fixedSize: ImageSize | null;
  /** Largest batch area (n x h x w) run in one call; the tiler cuts bigger frames into tiles. */
  readonly maxPixels: number;
}

/**
 * Pixels per ONNX Runtime call. Its CPU arena keeps every intermediate of a call: measured with the full-width
 * AnimeGANv2 generator, 4.4 GiB at 2^21 pixels (1448x1448) and about half at 2^20, so 1-megapixel tiles keep a
 * 4K frame (plus its blending buffers) near 2.5 GiB while a 720p frame still runs in one call.
 */
export const ONNX_MAX_TILE_PIXELS = 2 ** 20;

const INTERFACE = { layout: 'NHWC', range: '-1..1' } as const;

async function readModel(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StudioError('NOT_FOUND', `ONNX model ${path} does not exist`, 'model');
    throw new StudioError('IO', `cannot read ONNX model ${path}: ${(err as Error).message}`, 'model');
  }
}

/**
 * Loads an ONNX image-to-image model (file path or bytes) onto the best execution provider available.
 * The engine's stylize takes and returns float32 NHWC [n,h,w,3] in [-1,1].
 */
export async function createOnnxEngine(model: Uint8Array | string, opts: OnnxEngineOptions = {}): Promise<OnnxStyleEngine> {
  const label = opts.label ?? (typeof model === 'string' ? basename(model) : 'ONNX model');
  const bytes = typeof model === 'string' ? await readModel(model) : model;
  const info = inspectOnnx(bytes, label);
  // A path lets ONNX Runtime find external weight files beside the model.
  const opened = await openSession(typeof model === 'string' ? model : bytes, label, opts);
  return new OnnxEngine(label, info, opened.session, opened.provider, opened.fallbackReason, opts.flopsPerPixel);
}

class OnnxEngine implements OnnxStyleEngine {
  readonly kind: EngineKind;
  readonly sizeMultiple: number;
  readonly contextPixels: number;
  readonly flopsPerPixel: number;
  readonly fixedSize: ImageSize | null;
  readonly maxPixels = ONNX_MAX_TILE_PIXELS;
  private session: ort.InferenceSession | undefined;

  constructor(
    readonly label: string,
    readonly info: OnnxModelInfo,
    session: ort.InferenceSession,
    readonly provider: OrtProvider,
    readonly fallbackReason: string,
    flops: number | undefined,
  ) {
    this.session = session;
    this.kind = ORT_ENGINE_KIND[provider];
    this.fixedSize = info.fixedSize;
    this.sizeMultiple = fixedSizeMultiple(info.sizeMultiple, info.fixedSize);
    this.contextPixels = info.contextPixels;
    this.flopsPerPixel = flops ?? info.flopsPerPixel;
  }

  /** x: float32 NHWC [n,h,w,3] in [-1,1] -> float32 NHWC [n,h,w,3] in [-1,1]. */
  async stylize(x: Float32Array, n: number, height: number, width: number): Promise<Float32Array> {
    const session = this.session;
    if (!session) throw new StudioError('BAD_INPUT', `${this.label} was disposed`);
    this.check(x, n, height, width);
    const per = height * width * 3;
    const out = new Float32Array(n * per);
    const chunk = this.info.fixedBatch ?? n;
    for (let start = 0; start < n; start += chunk) {
      const m = Math.min(chunk, n - start);
      let part = x.subarray(start * per, (start + m) * per);
      // A fixed-batch model gets a full batch: the tail is padded with zeros and its results dropped.
      if (m < chunk) {
        const padded = new Float32Array(chunk * per);
        padded.set(part);
        part = padded;
      }
      const y = await this.runChunk(session, part, chunk, height, width);
      out.set(y.subarray(0, m * per), start * per);
    }
    return out;
  }

  async dispose(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.release();
  }

  private check(x: Float32Array, n: number, height: number, width: number): void {
    if (x.length !== n * height * width * 3) {
      throw new StudioError('BAD_INPUT', `${this.label}: got ${x.length} values for a ${n}x${height}x${width}x3 batch`);
    }
    const fixed = this.fixedSize;
    if (fixed && (fixed.height !== height || fixed.width !== width)) {
      const size = `${fixed.width}x${fixed.height}`;
      throw new StudioError('BAD_INPUT', `${this.label} accepts only ${size} images, not ${width}x${height} (the tiler cuts other sizes into ${size} tiles)`);
    }
    const m = this.sizeMultiple;
    if (height % m !== 0 || width % m !== 0) {
      throw new StudioError('BAD_INPUT', `${this.label} needs width and height that are multiples of ${m}, not ${width}x${height}`);
    }
  }

  /** One batch of exactly `n` images through the model, converted both ways. */
  private async runChunk(session: ort.InferenceSession, x: Float32Array, n: number, h: number, w: number): Promise<Float32Array> {
    const { info } = this;
    const dims = { n, h, w, c: 3 };
    const fed = convertNeeded(INTERFACE, { layout: info.layout, range: info.inputRange })
      ? convertBatch(x, dims, INTERFACE, { layout: info.layout, range: info.inputRange })
      : x;
    const shape = info.layout === 'NHWC' ? [n, h, w, 3] : [n, 3, h, w];
    let result: ort.InferenceSession.OnnxValueMapType;
    try {
      result = await session.run({ [info.inputName]: new ort.Tensor('float32', fed, shape) });
    } catch (err) {
      const why = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
      // The tiler halves its tiles and runs the frame again.
      if (isOrtOutOfMemory(why)) throw outOfMemory(this.label, this.provider === 'cpu' ? 'CPU' : 'GPU', n, h, w, why);
      throw new StudioError('BAD_INPUT', `${this.label} failed on a ${w}x${h} image: ${why}`);
    }
    const y = result[info.outputName] as ort.Tensor | undefined;
    const expected = info.outputLayout === 'NHWC' ? [n, h, w, 3] : [n, 3, h, w];
    if (!y || y.type !== 'float32' || y.dims.join('x') !== expected.join('x')) {
      const got = y ? `${y.type} [${y.dims.join(',')}]` : 'nothing';
      throw new StudioError('BAD_INPUT', `${this.label} returned ${got} for a ${w}x${h} image; Cel Studio needs an image of the same size back`);
    }
    const data = y.data as Float32Array;
    const from = { layout: info.outputLayout, range: info.outputRange };
    return convertNeeded(from, INTERFACE) ? convertBatch(data, dims, from, INTERFACE) : data;
  }
}

/**
 * The size multiple to align tiles to: the graph's, reduced to a divisor of a fixed size so that tiles of exactly
 * that size sit on the grid (a graph estimate that does not divide the size the model was exported at is wrong).
 */
function fixedSizeMultiple(multiple: number, fixed: ImageSize | null): number {
  if (!fixed) return multiple;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  return gcd(gcd(multiple, fixed.height), fixed.width);
}

function convertNeeded(a: { layout: string; range: string }, b: { layout: string; range: string }): boolean {
  return a.layout !== b.layout || a.range !== b.range;
}
