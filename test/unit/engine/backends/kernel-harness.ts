/**
 * Runs one kernel on a named backend from plain arrays and compares results. tfjs is one global per test
 * file (each vitest file has its own worker), so every call makes its backend current, builds its inputs
 * there, and disposes everything it made.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { selectBackend } from '../../../../src/main/engine/backends';

export interface Input {
  shape: number[];
  values: Float32Array;
}

/** Selects wasm (one thread: tests run side by side) with our kernels, and the cpu fixes. */
export async function useWasm(): Promise<void> {
  const info = await selectBackend({ order: ['wasm'], wasmThreads: 1 });
  expect(info.name).toBe('wasm');
}

/** Deterministic pseudo-random values in [-1, 1) (mulberry32). */
export function random(shape: number[], seed: number): Input {
  let a = seed >>> 0;
  const n = shape.reduce((x, y) => x * y, 1);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    values[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return { shape, values };
}

/** Runs `kernel` on `backend` with `inputs` and `attrs`; returns its output's shape and values. */
export async function runKernelOn(
  backend: string,
  kernel: string,
  inputs: Record<string, Input>,
  attrs: Record<string, unknown>,
): Promise<Input> {
  await tf.setBackend(backend);
  const tensors = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, tf.tensor(v.values, v.shape)]));
  try {
    const out = tf.engine().runKernel(kernel, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
    const values = out.dataSync() as Float32Array;
    const shape = out.shape.slice();
    out.dispose();
    return { shape, values: Float32Array.from(values) };
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

/** max |got − want| / max |want| (0 when both are all zeros). */
export function relativeError(got: Float32Array, want: Float32Array | Float64Array): number {
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < want.length; i++) {
    scale = Math.max(scale, Math.abs(want[i]!));
    diff = Math.max(diff, Math.abs(want[i]! - got[i]!));
  }
  return scale === 0 ? diff : diff / scale;
}

/** Runs `kernel` on wasm and on cpu and expects the same shape and values within `tolerance`. */
export async function expectWasmMatchesCpu(
  kernel: string,
  inputs: Record<string, Input>,
  attrs: Record<string, unknown>,
  tolerance = 1e-5,
): Promise<Input> {
  const cpu = await runKernelOn('cpu', kernel, inputs, attrs);
  const wasm = await runKernelOn('wasm', kernel, inputs, attrs);
  expect(wasm.shape).toEqual(cpu.shape);
  expect(relativeError(wasm.values, cpu.values)).toBeLessThan(tolerance);
  return wasm;
}
