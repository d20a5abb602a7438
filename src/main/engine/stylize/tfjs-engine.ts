/**
 * A StyleEngine over TensorFlow.js for studio-trained generators, on the backend selectBackend picks.
 *
 * Memory: a forward pass runs in one tf.tidy, which keeps every intermediate alive until it ends. AnimeGANv2 at
 * width 1 holds ~24 KB per input pixel that way (measured: 1.6 GB at 256x256 on wasm), so a 1280x720 frame
 * would need ~22 GB and overruns the wasm heap (4 GB, "memory access out of bounds", which also leaves the
 * backend unusable). So the engine measures bytes per pixel once, with a 64x64 probe at load, and exposes
 * `maxPixels`: batches are split into chunks under it, and a single image over it is refused (BAD_INPUT)
 * before it can break the heap. Callers must tile frames larger than that (./frame-tiling does).
 */
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '@shared/errors';
import { type BackendInfo, type BackendName, type SelectOptions, selectBackend } from '../backends';
import type { ModelSpec, Network } from '../network';
import type { EngineKind, StyleEngine } from './style-engine';
import { loadGeneratorFromCheckpoint } from './tfjs-generator';

/** Which generator to run: one already built (the caller's unless `ownsGenerator`) or a run's checkpoints. */
export type TfjsEngineSource =
  | { generator: Network; spec: ModelSpec; width?: number; ownsGenerator?: boolean }
  | { checkpointDir: string; spec?: ModelSpec; width?: number };

/** Options of {@link createTfjsEngine}. */
export type TfjsEngineOptions = TfjsEngineSource & {
  /** Shown in the UI; defaults to e.g. 'animeganv2 (step 1200)'. */
  label?: string;
  /** Tile margin; defaults to DEFAULT_TFJS_CONTEXT_PIXELS. */
  contextPixels?: number;
  /** 2 x multiply-adds per pixel when known (the ONNX exporter counts them); 0 otherwise. */
  flopsPerPixel?: number;
  /** Passed to selectBackend (the first selection in the process wins). */
  backend?: SelectOptions;
};

/** A tfjs engine, with its backend, generator and memory limit. */
export interface TfjsStyleEngine extends StyleEngine {
  readonly backend: BackendInfo;
  readonly spec: ModelSpec;
  readonly generator: Network;
  /** Most pixels (n x h x w) one forward pass may hold; larger batches are split, larger images refused. */
  readonly maxPixels: number;
  /** Measured tensor bytes one forward pass holds per input pixel. */
  readonly bytesPerPixel: number;
}

/**
 * Tile margin of the studio's generators. Their theoretical receptive fields are hundreds of pixels and
 * AnimeGANv2's layer norm sees the whole tile, so no margin is exact; 64 matches the ONNX inspector's cap.
 */
export const DEFAULT_TFJS_CONTEXT_PIXELS = 64;

const KIND: Record<BackendName, EngineKind> = { 'tensorflow-gpu': 'tfjs-node-gpu', tensorflow: 'tfjs-node', wasm: 'tfjs-wasm', cpu: 'tfjs-cpu' };
/** wasm32's heap ceiling. */
const WASM_HEAP = 4 * 1024 ** 3;
/** Share of the wasm heap a forward pass may take: XNNPACK scratch and fragmentation need the rest. */
const WASM_SHARE = 0.7;
/** Other backends have no hard ceiling; this keeps a desktop out of swap. */
const OTHER_BUDGET = 4 * 1024 ** 3;
/** Headroom over the probe's bytes per pixel (conv scratch buffers are not counted as tensors). */
const SAFETY = 1.25;
const PROBE_SIDE = 64;

/**
 * Loads a studio generator (built, or from a run's newest checkpoint) on the selected tfjs backend and
 * probes its memory use. The engine's stylize takes and returns float32 NHWC [n,h,w,3] in [-1,1].
 */
export async function createTfjsEngine(opts: TfjsEngineOptions): Promise<TfjsStyleEngine> {
  const backend = await selectBackend(opts.backend);
  const loaded =
    'checkpointDir' in opts
      ? { ...(await loadGeneratorFromCheckpoint(opts.checkpointDir, opts.spec, opts.width)), owns: true }
      : { spec: opts.spec, generator: opts.generator, step: undefined, owns: opts.ownsGenerator ?? false };
  const label = opts.label ?? (loaded.step !== undefined ? `${loaded.spec.name} (step ${loaded.step})` : loaded.spec.name);
  try {
    const bytesPerPixel = probeBytesPerPixel(loaded.generator, loaded.spec.sizeMultiple);
    return new TfjsEngine(label, backend, loaded.spec, loaded.generator, loaded.owns, bytesPerPixel, opts);
  } catch (err) {
    if (loaded.owns) loaded.generator.dispose();
    throw err;
  }
}

/** Tensor bytes a forward pass holds per input pixel, from one probe (which also warms the kernels up). */
function probeBytesPerPixel(generator: Network, multiple: number): number {
  const side = Math.max(multiple, Math.ceil(PROBE_SIDE / multiple) * multiple);
  const before = tf.memory().numBytes;
  let peak = 0;
  tf.tidy(() => {
    generator.apply(tf.zeros([1, side, side, 3]), false);
    peak = tf.memory().numBytes - before;
  });
  return peak / (side * side);
}

class TfjsEngine implements TfjsStyleEngine {
  readonly kind: EngineKind;
  readonly sizeMultiple: number;
  readonly contextPixels: number;
  readonly flopsPerPixel: number;
  readonly maxPixels: number;
  private disposed = false;

  constructor(
    readonly label: string,
    readonly backend: BackendInfo,
    readonly spec: ModelSpec,
    readonly generator: Network,
    private readonly ownsGenerator: boolean,
    readonly bytesPerPixel: number,
    private readonly opts: TfjsEngineOptions,
  ) {
    this.kind = KIND[backend.name];
    this.sizeMultiple = spec.sizeMultiple;
    this.contextPixels = opts.contextPixels ?? DEFAULT_TFJS_CONTEXT_PIXELS;
    this.flopsPerPixel = opts.flopsPerPixel ?? 0;
    const budget = backend.name === 'wasm' ? WASM_HEAP * WASM_SHARE - tf.memory().numBytes : OTHER_BUDGET;
    this.maxPixels = Math.max(0, Math.floor(budget / (bytesPerPixel * SAFETY)));
  }

  /** x: float32 NHWC [n,h,w,3] in [-1,1] -> float32 NHWC [n,h,w,3] in [-1,1]. */
  async stylize(x: Float32Array, n: number, height: number, width: number): Promise<Float32Array> {
    if (this.disposed) throw new StudioError('BAD_INPUT', `${this.label} was disposed`);
    this.check(x, n, height, width);
    // Something else in the process may have switched tfjs's backend; put ours back (a no-op otherwise).
    await selectBackend(this.opts.backend);
    const per = height * width * 3;
    const chunk = Math.max(1, Math.floor(this.maxPixels / (height * width)));
    const out = new Float32Array(n * per);
    for (let start = 0; start < n; start += chunk) {
      const m = Math.min(chunk, n - start);
      const part = x.subarray(start * per, (start + m) * per);
      const y = tf.tidy(() => this.generator.apply(tf.tensor4d(part, [m, height, width, 3]), false));
      try {
        out.set(await y.data<'float32'>(), start * per);
      } finally {
        y.dispose();
      }
    }
    return out;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.ownsGenerator) this.generator.dispose();
  }

  private check(x: Float32Array, n: number, height: number, width: number): void {
    if (x.length !== n * height * width * 3) {
      throw new StudioError('BAD_INPUT', `${this.label}: got ${x.length} values for a ${n}x${height}x${width}x3 batch`);
    }
    const m = this.sizeMultiple;
    if (height % m !== 0 || width % m !== 0) {
      throw new StudioError('BAD_INPUT', `${this.label} needs width and height that are multiples of ${m}, not ${width}x${height}`);
    }
    if (height * width > this.maxPixels) {
      throw new StudioError(
        'BAD_INPUT',
        `${width}x${height} is more than ${this.label} can hold in memory on ${this.kind} (${this.maxPixels} pixels at once); tile the frame`,
      );
    }
  }
}
