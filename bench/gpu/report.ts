/**
 * The GPU benchmark's one table (every device, training and inference, with ratios to the baselines measured in
 * the same run) and its target verdicts.
 */
import { table, type Cell } from '../table';
import { verdict } from '../convert/setup';
import type { GpuBenchOptions } from './options';

/** What a row's device is: a real GPU, a software adapter, or the CPU. */
export type DeviceKind = 'GPU' | 'software' | 'CPU';

/** One row: a device at one case. */
export interface Row {
  device: string;
  kind: DeviceKind;
  /** True for the ratios' denominators: tfjs wasm (training) and ONNX Runtime CPU (inference). */
  baseline: boolean;
  test: 'train' | 'infer';
  size: string;
  /** FLOPs of one step or frame; null when unknown. */
  flops: number | null;
  /** Median ms per step or frame (or the estimate); null when it failed. */
  ms: number | null;
  runs: number;
  workRatio?: number;
  estimated?: string;
  error?: string;
  /** Why it was not run (the deadline). */
  skipped?: string;
}

/** The targets of the issue ("GPU for every user", item 5). */
export const TARGETS = { trainSize: 256, trainBatch: 4, trainVsWasm: 20, inferSize: '1280x720', inferFps: 30 } as const;

const rate = (r: Row): string => (r.ms === null ? '' : `${(1000 / r.ms).toPrecision(3)} ${r.test === 'train' ? 'steps/s' : 'frames/s'}`);

function baselineOf(rows: readonly Row[], r: Row): Row | undefined {
  return rows.find((b) => b.baseline && b.test === r.test && b.size === r.size && b.ms !== null);
}

/** How many times faster than the baseline (wasm for training, ONNX Runtime CPU for inference) at the same case. */
export function speedup(rows: readonly Row[], r: Row): number | null {
  const b = baselineOf(rows, r);
  return b && r.ms !== null ? b.ms! / r.ms : null;
}

function isTargetCase(opts: GpuBenchOptions, r: Row): 'train' | 'infer' | null {
  if (r.kind !== 'GPU' || opts.width !== 1) return null;
  if (r.test === 'train' && r.size === `${TARGETS.trainSize} px` && opts.batch === TARGETS.trainBatch) return 'train';
  if (r.test === 'infer' && r.size === TARGETS.inferSize) return 'infer';
  return null;
}

/** The table; `notes` go under it. */
export function gpuTable(opts: GpuBenchOptions, rows: readonly Row[], notes: readonly string[]): string {
  const cells: Cell[][] = rows.map((r) => {
    const est = r.estimated ? ' est.' : '';
    const x = speedup(rows, r);
    const b = baselineOf(rows, r);
    const vs = r.baseline ? 'baseline' : x === null ? '' : `${x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toPrecision(2)}x${est || b?.estimated ? ' est.' : ''}`;
    const target = isTargetCase(opts, r) === 'train' ? `>= ${TARGETS.trainVsWasm}x` : isTargetCase(opts, r) === 'infer' ? `>= ${TARGETS.inferFps} frames/s` : '';
    const note = r.skipped ? r.skipped : r.error ? `failed: ${r.error}` : [r.estimated ? `est. ${r.estimated}` : '', r.workRatio && r.workRatio > 1.001 ? `tiled, work ${r.workRatio.toFixed(2)}x` : ''].filter(Boolean).join('; ');
    return [
      r.device,
      r.kind,
      r.test === 'train' ? `train b${opts.batch}` : 'infer',
      r.size,
      r.ms === null || r.estimated ? '' : r.runs,
      r.ms === null ? '' : `${r.ms.toFixed(r.ms >= 100 ? 0 : 1)}${est}`,
      `${rate(r)}${r.ms !== null ? est : ''}`,
      r.flops === null ? '' : r.flops / 1e9,
      r.flops === null || r.ms === null ? '' : `${(r.flops / 1e6 / r.ms).toPrecision(3)}${est}`,
      vs,
      target,
      note,
    ];
  });
  const title =
    `GPU benchmark: AnimeGANv2 (width ${opts.width}) training (batch ${opts.batch}, one D and one G update, seeded VGG19 to block4_conv4) ` +
    'and inference (one frame per stylizeImage call), every device in a child process of its own';
  const headers = ['device', 'kind', 'test', 'size', 'runs', 'ms', 'rate', 'GFLOP', 'GFLOP/s', 'vs base', 'target', 'note'];
  return `${table(title, headers, cells)}\n${notes.join('\n')}`;
}

/**
 * PASS/MISS lines for the targets, or why they were not measured. `bigGpu`: a real adapter of the H100/H200 class
 * is present (the inference target is set for those; ONNX Runtime's GPU rows run on whatever GPU it found).
 */
export function targetLines(opts: GpuBenchOptions, rows: readonly Row[], bigGpu: boolean): string {
  const lines = ['\nGPU targets (on a real GPU; software adapters never count)'];
  const cases = opts.width === 1 && opts.batch === TARGETS.trainBatch;
  if (!cases || opts.quick) lines.push(`  (these settings are not the targets' cases: width 1, batch ${TARGETS.trainBatch}, ${TARGETS.trainSize} px and ${TARGETS.inferSize})`);
  const on = (test: Row['test']): string[] => [...new Set(rows.filter((r) => r.kind === 'GPU' && r.test === test).map((r) => r.device))];

  const trainWhat = (gpu: string): string => `${TARGETS.trainSize} px batch-${TARGETS.trainBatch} training step >= ${TARGETS.trainVsWasm}x the wasm step (${gpu})`;
  if (on('train').length === 0) lines.push(`MISS  ${trainWhat('no real GPU adapter was measured')}`);
  for (const gpu of on('train')) {
    const r = rows.find((x) => x.device === gpu && isTargetCase(opts, x) === 'train');
    const x = r ? speedup(rows, r) : null;
    const wasmEst = r && baselineOf(rows, r)?.estimated ? ', wasm estimated' : '';
    lines.push(x === null ? `MISS  ${trainWhat(gpu)}: not measured${r?.error ? ` (${r.error})` : ''}` : verdict(x >= TARGETS.trainVsWasm, trainWhat(gpu), `${x.toFixed(1)}x${wasmEst}`));
  }

  const big = bigGpu ? '' : '; the target is set for H100/H200-class GPUs and this machine has none';
  const inferWhat = (gpu: string): string => `${TARGETS.inferSize} inference >= ${TARGETS.inferFps} frames/s (${gpu}${big})`;
  if (on('infer').length === 0) lines.push(`MISS  ${inferWhat('no real GPU adapter was measured')}`);
  for (const gpu of on('infer')) {
    const r = rows.find((x) => x.device === gpu && isTargetCase(opts, x) === 'infer');
    lines.push(r?.ms ? verdict(1000 / r.ms >= TARGETS.inferFps, inferWhat(gpu), `${(1000 / r.ms).toFixed(1)} frames/s`) : `MISS  ${inferWhat(gpu)}: not measured${r?.error ? ` (${r.error})` : ''}`);
  }
  return lines.join('\n');
}

/** True for an adapter name of the class the inference target is set for. */
export function isBigGpu(name: string): boolean {
  return /H100|H200/i.test(name);
}
