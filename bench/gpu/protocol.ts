/**
 * What the GPU benchmark's parent and its child processes (child.ts) say to each other. tfjs picks its backend once
 * per process, and Dawn, wasm threads and ONNX Runtime each hold native memory, so every device is measured in a
 * child of its own: the parent sends one job as a JSON argument, the child prints `INFO {json}` about the device it
 * got and `RESULT {json}` per measurement as each lands (an interrupted child still leaves what it measured), then
 * exits by itself.
 */
import type { GpuAdapterReport } from '../../src/main/engine/backends';

/** Where a job runs: a tfjs backend (wasm, or webgpu on one adapter by name) or ONNX Runtime. */
export type Device =
  | { kind: 'wasm' }
  | { kind: 'webgpu'; adapter: string; software: boolean }
  /** ONNX Runtime on its CPU provider ('cpu'), or on the best provider this install has ('auto'). */
  | { kind: 'ort'; provider: 'cpu' | 'auto' };

/** A training case: AnimeGANv2 at `size` px, `batch` images, generator width `width`. */
export interface TrainCase {
  size: number;
  batch: number;
  width: number;
}

/** Timing settings shared by every job: at least `minRuns` timed runs after one warm-up, more while under `minMs`. */
export interface Timing {
  minRuns: number;
  minMs: number;
  maxRuns: number;
}

/** A frame size for inference. */
export interface FrameSize {
  w: number;
  h: number;
}

/** One job for one child process. */
export type Job =
  | { job: 'list' }
  /** Exports the generator to `onnxPath` (on tfjs cpu) and counts a training step's FLOPs (on wasm, at `probe`). */
  | { job: 'prepare'; width: number; onnxPath: string; probe: TrainCase }
  | { job: 'train'; device: Device; train: TrainCase; timing: Timing }
  /** `budgetMs`: a size whose warm-up and runs would take longer, judged from the size before, is estimated (null: never). */
  | { job: 'infer'; device: Device; sizes: FrameSize[]; width: number; onnxPath: string; flopsPerPixel: number; timing: Timing; budgetMs: number | null };

/** What the device turned out to be, for the notes under the table. */
export interface DeviceInfo {
  /** The backend's or provider's one-line description. */
  detail: string;
  /** A better row label than the parent knew (ONNX Runtime's best provider: which one). */
  name?: string;
}

/** The `list` job's answer. */
export interface ListResult {
  adapters: GpuAdapterReport[];
  problems: string[];
}

/** The `prepare` job's answer. */
export interface PrepareResult {
  /** The generator's convolution FLOPs per output pixel, from the ONNX exporter. */
  flopsPerPixel: number;
  /** FLOPs of one training step per pixel per image, from tf.profile of one step at the probe case; null if it failed. */
  trainFlopsPerPixel: number | null;
  trainFlopsNote: string;
}

/** One timed measurement. */
export interface Measurement {
  test: 'train' | 'infer';
  /** '128 px' or '1280x720'. */
  size: string;
  /** Median ms per step or frame; null when it failed. */
  ms: number | null;
  best: number | null;
  runs: number;
  /** Inference: pixels computed per frame (tiles with their overlap) over the frame's pixels. */
  workRatio?: number;
  /** Set when `ms` is estimated, not measured: the size it was scaled from, and why. */
  estimated?: string;
  error?: string;
}

/** Every line a child prints that the parent reads. */
export type ChildLine = { kind: 'INFO'; info: DeviceInfo } | { kind: 'RESULT'; result: Measurement | ListResult | PrepareResult };

/** Prints one protocol line to stdout. */
export function say(line: ChildLine): void {
  const body = line.kind === 'INFO' ? line.info : line.result;
  process.stdout.write(`${line.kind} ${JSON.stringify(body)}\n`);
}

/** Reads the protocol lines out of a child's stdout; other lines are ignored. */
export function parseLines(stdout: string): ChildLine[] {
  const out: ChildLine[] = [];
  for (const l of stdout.split('\n')) {
    if (l.startsWith('INFO ')) out.push({ kind: 'INFO', info: JSON.parse(l.slice(5)) as DeviceInfo });
    else if (l.startsWith('RESULT ')) out.push({ kind: 'RESULT', result: JSON.parse(l.slice(7)) as Measurement | ListResult | PrepareResult });
  }
  return out;
}

/** '128 px' / '1280x720'. */
export function trainSizeName(size: number): string {
  return `${size} px`;
}

/** The first line of an error, short enough for a table cell. */
export function shortError(err: unknown, max = 90): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n').find((l) => l.trim().length > 0) ?? text).trim().slice(0, max);
}
