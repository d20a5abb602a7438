/**
 * What the conversion benchmarks share: the run mode (full, or BENCH_QUICK=1 for development), the AnimeGANv2
 * generator and its ONNX export, synthetic frames, and a timing loop.
 */
import { resetBackendSelection, selectBackend } from '../../src/main/engine/backends';
import { getModel } from '../../src/main/engine/models/registry';
import type { ModelSpec, Network } from '../../src/main/engine/network';
import { exportGeneratorOnnx } from '../../src/main/engine/onnx';
import type { RgbImage } from '../../src/main/engine/stylize/frame-tiling';

/** A frame size. */
export interface Size {
  w: number;
  h: number;
}

/** Sizes and widths of one benchmark run. */
export interface BenchMode {
  /** BENCH_QUICK=1: a quarter-width generator and small frames, for developing the benchmark itself. */
  quick: boolean;
  /** BENCH_FULL=1: time tfjs cpu at every size instead of estimating the large one. */
  full: boolean;
  /** Generator width multiplier (1 = the published AnimeGANv2). */
  width: number;
  /** The engines table's sizes: small (what tfjs cpu runs) and large (the target size). */
  small: Size;
  large: Size;
  /** The pipeline clip's frame size, frame count and frame rate. */
  clip: Size & { frames: number; fps: number };
  /** The peak-memory frame. */
  peak: Size;
}

/** Reads BENCH_QUICK / BENCH_FULL. */
export function benchMode(): BenchMode {
  const quick = process.env.BENCH_QUICK === '1';
  const full = process.env.BENCH_FULL === '1';
  return quick
    ? { quick, full, width: 0.25, small: { w: 64, h: 64 }, large: { w: 320, h: 180 }, clip: { w: 320, h: 180, frames: 8, fps: 24 }, peak: { w: 960, h: 540 } }
    : { quick, full, width: 1, small: { w: 256, h: 256 }, large: { w: 1280, h: 720 }, clip: { w: 1280, h: 720, frames: 8, fps: 24 }, peak: { w: 3840, h: 2160 } };
}

/** "1280x720". */
export function sizeName(s: Size): string {
  return `${s.w}x${s.h}`;
}

/** AnimeGANv2's spec. */
export function animeSpec(): ModelSpec {
  return getModel('animeganv2');
}

/**
 * Makes `backend` tfjs's current one (forgetting any earlier selection) and builds a seeded AnimeGANv2 generator
 * on it: random weights run exactly as fast as trained ones.
 */
export async function generatorOn(backend: 'cpu' | 'wasm', width: number): Promise<{ spec: ModelSpec; generator: Network }> {
  resetBackendSelection();
  await selectBackend({ order: [backend] });
  const spec = animeSpec();
  return { spec, generator: spec.createGenerator({ width, seed: 1 }) };
}

/** The generator exported to ONNX, with its exact convolution FLOPs per pixel (built on tfjs cpu, then freed). */
export async function exportedGenerator(width: number): Promise<{ bytes: Uint8Array; flopsPerPixel: number }> {
  const { spec, generator } = await generatorOn('cpu', width);
  try {
    return exportGeneratorOnnx(spec, generator);
  } finally {
    generator.dispose();
  }
}

/** A deterministic, detailed RGB frame (a hash pattern over gradients), so no engine sees flat input. */
export function syntheticFrame({ w, h }: Size): RgbImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = (y * w + x) * 3;
      const n = ((x * 73856093) ^ (y * 19349663)) >>> 26;
      data[p] = (x * 255) / w + n;
      data[p + 1] = (y * 255) / h + n;
      data[p + 2] = ((x + y) * 97) & 255;
    }
  }
  return { width: w, height: h, data };
}

/** Best and median of the timed runs, in ms. */
export interface Timing {
  best: number;
  median: number;
  runs: number;
}

/**
 * Times `fn`: at least `minRuns` runs, more while the total is under `minMs` (at most `maxRuns`). No warm-up here;
 * callers warm up first.
 */
export async function timeRuns(fn: () => Promise<unknown>, minRuns = 2, minMs = 5000, maxRuns = 10): Promise<Timing> {
  const times: number[] = [];
  let total = 0;
  while (times.length < minRuns || (total < minMs && times.length < maxRuns)) {
    const t0 = performance.now();
    await fn();
    const ms = performance.now() - t0;
    times.push(ms);
    total += ms;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { best: sorted[0]!, median, runs: times.length };
}

/** PASS or MISS with the measured value against the target, e.g. "PASS  >= 120 GFLOP/s: 131". */
export function verdict(pass: boolean, target: string, measured: string): string {
  return `${pass ? 'PASS' : 'MISS'}  ${target}: measured ${measured}`;
}
