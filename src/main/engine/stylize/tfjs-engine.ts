/**
 * A StyleEngine over TensorFlow.js for studio-trained generators, on the backend selectBackend picks.
 *
 * Memory: a forward pass runs in one tf.tidy, which keeps every intermediate alive until it ends. AnimeGANv2 at
 * width 1 holds ~24 KB per input pixel that way (measured: 1.6 GB at 256x256 on wasm), so a 1280x720 frame
 * would need ~22 GB and overruns the wasm heap (4 GB, "memory access out of bounds", which also leaves the
 * backend unusable). So the engine measures bytes per pixel once, with a 64x64 probe at load, and exposes
 * `maxPixels`: batches are split into chunks under it, and a single image over it is refused (BAD_INPUT)
 * before it can break the heap. Callers must tile frames larger than that (./frame-tiling does).
 *
 * On the webgpu backend the limit follows the adapter instead: the largest single activation must fit one storage
 * binding (`maxStorageBufferBindingSize`, 128 MiB on some adapters), and the whole pass a budget of at most one
 * `maxBufferSize`. WebGPU reports an allocation that fails anyway as an uncaptured device error while the pass
 * returns garbage, so each pass checks for one and throws GpuOutOfMemory (the tiler then halves its tiles). Reads
 * are async (`await data()`): `dataSync()` needs OffscreenCanvas on webgpu, which Node lacks.
 */
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '@shared/errors';
import { activeGpuAdapter, type BackendInfo, type BackendName, type GpuAdapterReport, type SelectOptions, selectBackend, takeGpuError } from '../backends';
import type { ModelSpec, Network } from '../network';
import { outOfMemory } from './gpu-memory-error';
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
  /** Measured bytes of the largest single tensor of a forward pass, per input pixel (bounds one GPU binding). */
  readonly activationBytesPerPixel: number;
}

/**
 * Tile margin of the studio's generators. Their theoretical receptive fields are hundreds of pixels and
 * AnimeGANv2's layer norm sees the whole tile, so no margin is exact; 64 matches the ONNX inspector's cap.
 */
export const DEFAULT_TFJS_CONTEXT_PIXELS = 64;

const KIND: Record<BackendName, EngineKind> = {
  'tensorflow-gpu': 'tfjs-node-gpu',
  webgpu: 'tfjs-webgpu',
  tensorflow: 'tfjs-node',
  wasm: 'tfjs-wasm',
  cpu: 'tfjs-cpu',
};
/** wasm32's heap ceiling. */
const WASM_HEAP = 4 * 1024 ** 3;
/** Share of the wasm heap a forward pass may take: XNNPACK scratch and fragmentation need the rest. */
const WASM_SHARE = 0.7;
/** Other backends have no hard ceiling; this keeps a desktop out of swap (and, on webgpu, a GPU's memory in reach). */
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
    const probe = await probeBytesPerPixel(loaded.generator, loaded.spec.sizeMultiple);
    const gpu = backend.name === 'webgpu' ? activeGpuAdapter() : undefined;
    const maxPixels = passPixelLimit(backend.name, probe, gpu);
    return new TfjsEngine(label, backend, loaded.spec, loaded.generator, loaded.owns, probe, maxPixels, opts);
  } catch (err) {
    if (loaded.owns) loaded.generator.dispose();
    throw err;
  }
}

/** What one forward pass holds per input pixel: all its tensors together, and the largest one alone. */
export interface PassMemory {
  bytesPerPixel: number;
  activationBytesPerPixel: number;
}

/**
 * Measures {@link PassMemory} with one 64x64 probe (which also warms the kernels up). Reads no tensor, so it runs on
 * webgpu too. The peak comes from tf.profile (bytes held after each kernel), since a pass frees its feature maps
 * as it goes (models/layers/apply.ts chain); the largest tensor from what the tidy scope saw created.
 */
async function probeBytesPerPixel(generator: Network, multiple: number): Promise<PassMemory> {
  const side = Math.max(multiple, Math.ceil(PROBE_SIDE / multiple) * multiple);
  const x = tf.zeros([1, side, side, 3]) as tf.Tensor4D;
  const before = tf.memory().numBytes;
  let largest = 0;
  try {
    const info = await tf.profile(() => {
      tf.tidy(() => {
        generator.apply(x, false);
        for (const t of tf.engine().state.activeScope.track) largest = Math.max(largest, t.size * bytesPerElement(t.dtype));
      });
      return [];
    });
    const peak = Math.max(0, info.peakBytes - before);
    return { bytesPerPixel: peak / (side * side), activationBytesPerPixel: largest / (side * side) };
  } finally {
    x.dispose();
  }
}

function bytesPerElement(dtype: tf.DataType): number {
  return dtype === 'complex64' ? 8 : dtype === 'bool' ? 1 : 4;
}

/**
 * Most pixels (n x h x w) one forward pass may take on `backend`: within 70% of what is left of the wasm heap; on
 * webgpu, with the largest activation inside one storage binding and the whole pass inside min(4 GiB, the adapter's
 * largest buffer); elsewhere inside 4 GiB. Each with 25% headroom for what the probe does not count.
 */
export function passPixelLimit(backend: BackendName, probe: PassMemory, gpu?: GpuAdapterReport): number {
  const per = (budget: number, bytes: number): number => (bytes > 0 ? Math.floor(budget / (bytes * SAFETY)) : Infinity);
  let limit: number;
  if (backend === 'wasm') limit = per(WASM_HEAP * WASM_SHARE - tf.memory().numBytes, probe.bytesPerPixel);
  else if (backend === 'webgpu' && gpu) {
    limit = Math.min(per(Math.min(OTHER_BUDGET, gpu.maxBufferSize), probe.bytesPerPixel), per(gpu.maxStorageBufferBindingSize, probe.activationBytesPerPixel));
  } else limit = per(OTHER_BUDGET, probe.bytesPerPixel);
  return Math.max(0, Math.min(limit, Number.MAX_SAFE_INTEGER));
}

class TfjsEngine implements TfjsStyleEngine {
  readonly kind: EngineKind;
  readonly sizeMultiple: number;
  readonly contextPixels: number;
  readonly flopsPerPixel: number;
  readonly bytesPerPixel: number;
  readonly activationBytesPerPixel: number;
  private disposed = false;

  constructor(
    readonly label: string,
    readonly backend: BackendInfo,
    readonly spec: ModelSpec,
    readonly generator: Network,
    private readonly ownsGenerator: boolean,
    probe: PassMemory,
    readonly maxPixels: number,
    private readonly opts: TfjsEngineOptions,
  ) {
    this.kind = KIND[backend.name];
    this.sizeMultiple = spec.sizeMultiple;
    this.contextPixels = opts.contextPixels ?? DEFAULT_TFJS_CONTEXT_PIXELS;
    this.flopsPerPixel = opts.flopsPerPixel ?? 0;
    this.bytesPerPixel = probe.bytesPerPixel;
    this.activationBytesPerPixel = probe.activationBytesPerPixel;
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
      out.set(await this.pass(part, m, height, width), start * per);
    }
    return out;
  }

  /** One forward pass: x float32 NHWC [m,h,w,3] -> the same shape; throws GpuOutOfMemory when the GPU reported an error. */
  private async pass(x: Float32Array, m: number, height: number, width: number): Promise<Float32Array> {
    const gpu = this.backend.name === 'webgpu';
    // An error left from before this pass is not this pass's.
    if (gpu) takeGpuError();
    let data: Float32Array;
    try {
      const y = tf.tidy(() => this.generator.apply(tf.tensor4d(x, [m, height, width, 3]), false));
      try {
        data = await y.data<'float32'>();
      } finally {
        y.dispose();
      }
    } catch (err) {
      // TensorFlow's CUDA device says "OOM when allocating tensor": smaller tiles fit. (wasm's "memory access out of
      // bounds" is not caught: it leaves the backend broken, which is why maxPixels keeps passes under the heap.)
      const why = err instanceof Error ? err.message.split('\n')[0]! : String(err);
      if (/\bOOM\b|out of memory/i.test(why) && this.backend.name !== 'wasm') throw outOfMemory(this.label, this.backend.gpu ? 'GPU' : 'CPU', m, height, width, why);
      throw err;
    }
    const error = gpu ? takeGpuError() : undefined;
    if (error === undefined) return data;
    if (/lost/i.test(error)) {
      throw new StudioError('INTERNAL', `${this.label}: ${error} while stylizing; start the job again (it resumes), or set CEL_STUDIO_BACKEND=wasm to leave the GPU out`);
    }
    throw outOfMemory(this.label, 'GPU', m, height, width, error);
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
