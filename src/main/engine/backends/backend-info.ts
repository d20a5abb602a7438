/** What the engine trains on: the tfjs backends it can choose between, best first, and what it reports. */

import { TFJS_BACKENDS } from '@shared/devices';

/** Our names for the backends; 'tensorflow-gpu' and 'tensorflow' are both tfjs's 'tensorflow' backend. */
export type BackendName = (typeof TFJS_BACKENDS)[number];

/**
 * The order `selectBackend` tries them in unless told otherwise: CUDA TensorFlow where it still loads, then any
 * real GPU through WebGPU (Vulkan, Metal, D3D12), then the CPU backends, fastest first. The contract lists them
 * in this order, so the doctor and a pin name the same backends.
 */
export const DEFAULT_ORDER: readonly BackendName[] = TFJS_BACKENDS;

/** The backend in use and why. */
export interface BackendInfo {
  name: BackendName;
  /** Versions, threads, SIMD, and why the better backends were skipped; one line for a status bar or log. */
  detail: string;
  /** True only on a real GPU: TensorFlow's CUDA device, or a WebGPU adapter that is not a software one. */
  gpu: boolean;
  /** The GPU adapter's name on webgpu (also for a software adapter); absent on the other backends. */
  device?: string;
}

export interface SelectOptions {
  /** Backends to try, in order (names from BackendName); defaults to DEFAULT_ORDER. */
  order?: string[];
  /** Receives one line per backend tried. */
  log?: (line: string) => void;
  /**
   * XNNPACK threads for the wasm backend; defaults to CEL_STUDIO_WASM_THREADS, else the machine's
   * available parallelism (at most 8). 1 loads the single-threaded build.
   */
  wasmThreads?: number;
  /**
   * Part of the name of the GPU adapter webgpu must use (a pinned device); defaults to CEL_STUDIO_GPU_ADAPTER.
   * A named adapter is used even when it is a software one.
   */
  adapter?: string;
  /** Loads an optional package by name; tests pass a fake, the app leaves it to Node's require. */
  requireModule?: (id: string) => unknown;
}

/** What trying one backend gave: either in use, or skipped with a reason a user can act on. */
export type Attempt = { ok: true; detail: string; gpu: boolean; device?: string } | { ok: false; reason: string };

/** Narrows a string to a BackendName. */
export function isBackendName(s: string): s is BackendName {
  return (DEFAULT_ORDER as readonly string[]).includes(s);
}
