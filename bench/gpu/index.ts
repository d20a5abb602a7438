/**
 * `npm run bench gpu [-- flags]` (flags in options.ts): AnimeGANv2 training steps/s and GFLOP/s, and inference
 * frames/s, on every device found in one run: each WebGPU adapter (software ones only when asked), tfjs wasm, and
 * ONNX Runtime on the CPU (and on its best GPU provider), with training compared to wasm and inference to ONNX
 * Runtime CPU, side by side. Every job runs in a child process of its own (run-child.ts): tfjs keeps one backend
 * per process, and a device that fails or hangs then fails its own rows only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GpuAdapterReport } from '../../src/main/engine/backends';
import { sizeName } from '../convert/setup';
import { type GpuBenchOptions, parseOptions } from './options';
import type { Device, FrameSize, Job, ListResult, Measurement, PrepareResult } from './protocol';
import { gpuTable, type DeviceKind, isBigGpu, type Row, targetLines } from './report';
import { type ChildOutcome, runChild } from './run-child';

/** The training case whose FLOPs are counted (on wasm) and scaled to the others: exact, as every layer is convolutional. */
const PROBE_SIZE = 64;
/**
 * Most images x pixels one wasm training step can take: 128 px batch 4 (= 256 px batch 1) runs in the 4 GB heap;
 * 256 px batch 4 filled it (4.5 GB resident) and crawled on one core for 6 minutes without finishing a step. Larger
 * wasm cases are estimated from the largest measured one.
 */
const WASM_MAX_TRAIN_PIXELS = 256 * 256;
const SKIPPED = 'skipped: past the --deadline-s';

interface Target {
  label: string;
  kind: DeviceKind;
  device: Device;
}

/** Runs children one after another within the deadline; remembers each device's details for the notes. */
class Runner {
  private readonly start = performance.now();
  readonly details = new Map<string, string>();

  constructor(private readonly opts: GpuBenchOptions) {}

  /** Seconds a child may run now, or null when the deadline has passed. */
  private budget(): number | null {
    const left = this.opts.deadlineS - (performance.now() - this.start) / 1000;
    if (left <= 0) return null;
    return Math.max(10, Math.min(this.opts.childTimeoutS, left));
  }

  async run(label: string, job: Job, onLabel?: (name: string) => void): Promise<ChildOutcome | null> {
    const timeoutS = this.budget();
    if (timeoutS === null) return null;
    return runChild(job, timeoutS, (line) => {
      if (line.kind !== 'INFO') return;
      this.details.set(line.info.name ?? label, line.info.detail);
      if (line.info.name) onLabel?.(line.info.name);
    });
  }
}

function results<T>(out: ChildOutcome | null): T[] {
  return (out?.lines ?? []).flatMap((l) => (l.kind === 'RESULT' ? [l.result as T] : []));
}

function progress(r: Row): void {
  const what =
    r.skipped ??
    (r.error ? `failed: ${r.error}` : `${r.ms!.toFixed(0)} ms/${r.test === 'train' ? 'step' : 'frame'}${r.estimated ? ` (est. ${r.estimated})` : ''}`);
  console.log(`  gpu: ${r.device} ${r.test} ${r.size}: ${what}`);
}

/** The adapters to measure, each labelled by the start of its name ("llvmpipe", "NVIDIA H200"); the notes give it whole. */
function targets(opts: GpuBenchOptions, adapters: readonly GpuAdapterReport[]): Target[] {
  const used = new Set<string>();
  return adapters
    .filter((a) => opts.includeSoftware || !a.software)
    .map((a, i) => {
      let label = `tfjs webgpu ${a.name.split(/[:(]/)[0]!.trim().slice(0, 32)}`;
      if (used.has(label)) label += ` #${i + 1}`;
      used.add(label);
      return { label, kind: a.software ? 'software' : 'GPU', device: { kind: 'webgpu', adapter: a.name, software: a.software } };
    });
}

/** Training rows: per size, wasm first, then each adapter; CPU devices past the budget are estimated from their smaller size. */
async function benchTrain(opts: GpuBenchOptions, runner: Runner, gpus: Target[], flopsPerPixel: number | null): Promise<Row[]> {
  const rows: Row[] = [];
  const devices: Target[] = [{ label: 'tfjs wasm', kind: 'CPU', device: { kind: 'wasm' } }, ...gpus];
  for (const size of opts.trainSizes) {
    const px = size * size * opts.batch;
    for (const t of devices) {
      const row: Row = { device: t.label, kind: t.kind, baseline: t.device.kind === 'wasm', test: 'train', size: `${size} px`, flops: flopsPerPixel === null ? null : flopsPerPixel * px, ms: null, runs: 0 };
      const prev = rows.filter((r) => r.device === t.label && r.ms !== null && !r.estimated).at(-1);
      const prevPx = prev ? Number.parseInt(prev.size, 10) ** 2 * opts.batch : 0;
      const est = prev ? (prev.ms! * px) / prevPx : 0;
      const cpuLike = t.kind !== 'GPU';
      if (prev && t.device.kind === 'wasm' && px > WASM_MAX_TRAIN_PIXELS) {
        Object.assign(row, { ms: est, estimated: `from ${prev.size} (over the 4 GB wasm heap)` });
      } else if (prev && cpuLike && (est * (1 + opts.timing.minRuns)) / 1000 > opts.cpuBudgetS) {
        Object.assign(row, { ms: est, estimated: `from ${prev.size} (over the ${opts.cpuBudgetS} s CPU budget)` });
      } else {
        const out = await runner.run(t.label, { job: 'train', device: t.device, train: { size, batch: opts.batch, width: opts.width }, timing: opts.timing });
        const m = results<Measurement>(out)[0];
        if (m?.ms != null) Object.assign(row, { ms: m.ms, runs: m.runs });
        else if (out === null) row.skipped = SKIPPED;
        else row.error = m?.error ?? out.failure ?? 'no result';
        if (row.ms === null && prev && cpuLike) {
          const why = row.skipped ? 'past the deadline' : `measuring failed: ${row.error}`;
          Object.assign(row, { ms: est, estimated: `from ${prev.size} (${why})`, error: undefined, skipped: undefined });
        }
      }
      rows.push(row);
      progress(row);
    }
  }
  return rows;
}

/** Inference rows: ONNX Runtime CPU (the baseline), each adapter, ONNX Runtime's best GPU provider, then tfjs wasm. */
async function benchInfer(opts: GpuBenchOptions, runner: Runner, gpus: Target[], onnxPath: string, flopsPerPixel: number): Promise<Row[]> {
  const rows: Row[] = [];
  // The baseline first, then the GPUs, wasm last: under a deadline the rows that matter land first.
  const devices: Target[] = [
    { label: 'onnxruntime cpu', kind: 'CPU', device: { kind: 'ort', provider: 'cpu' } },
    ...gpus,
    ...(opts.ortGpu ? [{ label: 'onnxruntime (best GPU provider)', kind: 'GPU' as const, device: { kind: 'ort', provider: 'auto' } as const }] : []),
    { label: 'tfjs wasm', kind: 'CPU', device: { kind: 'wasm' } },
  ];
  for (const t of devices) {
    let label = t.label;
    const budgetMs = t.kind === 'GPU' || !Number.isFinite(opts.cpuBudgetS) ? null : opts.cpuBudgetS * 1000;
    const job: Job = { job: 'infer', device: t.device, sizes: opts.inferSizes, width: opts.width, onnxPath, flopsPerPixel, timing: opts.timing, budgetMs };
    const out = await runner.run(t.label, job, (name) => (label = name));
    const got = results<Measurement>(out);
    // ONNX Runtime started, but on its CPU provider: no GPU row to show; the notes say why (its detail line).
    if (t.device.kind === 'ort' && t.device.provider === 'auto' && label === t.label && runner.details.has(t.label)) {
      console.log(`  gpu: ${t.label}: none started here`);
      continue;
    }
    opts.inferSizes.forEach((s: FrameSize) => {
      const m = got.find((g) => g.size === sizeName(s));
      const row: Row = {
        device: label,
        kind: t.kind,
        baseline: t.device.kind === 'ort' && t.device.provider === 'cpu',
        test: 'infer',
        size: sizeName(s),
        flops: flopsPerPixel * s.w * s.h,
        ms: m?.ms ?? null,
        runs: m?.runs ?? 0,
        ...(m?.workRatio !== undefined ? { workRatio: m.workRatio } : {}),
        ...(m?.estimated ? { estimated: m.estimated } : {}),
      };
      if (row.ms === null && out === null) row.skipped = SKIPPED;
      else if (row.ms === null) row.error = m?.error ?? out?.failure ?? 'no result';
      rows.push(row);
      progress(row);
    });
  }
  return rows;
}

/** Runs the GPU benchmark with the flags on the command line and returns its table and target verdicts. */
export async function benchGpu(argv: readonly string[] = process.argv.slice(2)): Promise<string> {
  const opts = parseOptions(argv);
  const runner = new Runner(opts);
  const work = mkdtempSync(join(tmpdir(), 'cel-bench-gpu-'));
  const notes: string[] = [];
  try {
    const listed = await runner.run('list', { job: 'list' });
    const scan = results<ListResult>(listed)[0] ?? { adapters: [], problems: [listed?.failure ?? 'the adapter scan did not finish'] };
    const names = scan.adapters.map((a) => `${a.name} (${a.api}${a.software ? ', software' : ''})`);
    console.log(`  gpu: adapters: ${names.join('; ') || 'none'}${scan.problems.length ? `; ${scan.problems.join('; ')}` : ''}`);
    const gpus = targets(opts, scan.adapters);
    const leftOut = scan.adapters.filter((a) => a.software && !opts.includeSoftware).map((a) => a.name);
    notes.push(`adapters: ${names.join('; ') || `none (${scan.problems.join('; ') || 'Dawn found nothing'})`}`);
    if (leftOut.length) notes.push(`  not measured: ${leftOut.join(', ')} (software; --include-software or CEL_STUDIO_BACKEND=webgpu measures it)`);

    const onnxPath = join(work, 'animeganv2.onnx');
    const probe = { size: PROBE_SIZE, batch: 1, width: opts.width };
    const prepared = await runner.run('prepare', { job: 'prepare', width: opts.width, onnxPath, probe });
    const prep = results<PrepareResult>(prepared)[0];
    if (!prep) notes.push(`preparation failed (${prepared?.failure ?? 'past the deadline'}): no ONNX model and no FLOP counts`);

    const rows: Row[] = [];
    if (opts.train) rows.push(...(await benchTrain(opts, runner, gpus, prep?.trainFlopsPerPixel ?? null)));
    if (opts.infer && prep) rows.push(...(await benchInfer(opts, runner, gpus, onnxPath, prep.flopsPerPixel)));

    if (prep) {
      notes.push(`training GFLOP: ${prep.trainFlopsNote} (convolutions and matrix products of G, D, VGG and every gradient)`);
      notes.push(`inference GFLOP: ${(prep.flopsPerPixel / 1e3).toFixed(1)} kFLOP/px from the ONNX exporter (convolutions) x frame pixels`);
    }
    notes.push(`runs: timed runs after one warm-up (>= ${opts.timing.minRuns}, more while under ${opts.timing.minMs / 1000} s, at most ${opts.timing.maxRuns}); ms: their median; est.: scaled by pixels from the same device's smaller case`);
    notes.push('vs base: training steps/s over tfjs wasm\'s, inference frames/s over ONNX Runtime CPU\'s, at the same case in this run');
    for (const [name, detail] of runner.details) if (name !== 'list' && name !== 'prepare') notes.push(`${name}: ${detail}`);
    const bigGpu = scan.adapters.some((a) => !a.software && isBigGpu(a.name));
    return `${gpuTable(opts, rows, notes)}\n${targetLines(opts, rows, bigGpu)}`;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
