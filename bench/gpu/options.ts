/**
 * Settings of `npm run bench gpu [-- flags]`, parsed once from the command line and the environment:
 *   --quick                 tiny cases (width 0.25, 32/64 px batch 2, 64x64 and 160x96 frames, one timed run) to
 *                           check the benchmark end to end on a software adapter; BENCH_QUICK=1 does the same
 *   --include-software      also measure software WebGPU adapters (lavapipe, SwiftShader); so does
 *                           CEL_STUDIO_BACKEND=webgpu
 *   --train-sizes=128,256   training crop sizes (px)          --batch=4     images per training step
 *   --infer-sizes=256x256,1280x720  inference frame sizes     --width=1     generator width multiplier
 *   --runs=N  --min-s=S     timed runs after one warm-up: at least N, more while under S seconds (at most 20)
 *   --cpu-budget-s=S        a CPU case (wasm, ONNX Runtime CPU) whose warm-up and runs would take longer than S,
 *                           judged from the same device's smaller case, is estimated from that case instead
 *   --child-timeout-s=S     a child process still running after S seconds is ended (its row says so)
 *   --deadline-s=S          no new child starts after S seconds; the rest are reported as skipped
 *   --no-train  --no-infer  --no-ort-gpu (skip ONNX Runtime on its best GPU provider)
 */
import type { FrameSize, Timing } from './protocol';

/** The parsed settings. */
export interface GpuBenchOptions {
  quick: boolean;
  includeSoftware: boolean;
  width: number;
  batch: number;
  trainSizes: number[];
  inferSizes: FrameSize[];
  timing: Timing;
  /** Seconds; Infinity measures every CPU case. */
  cpuBudgetS: number;
  childTimeoutS: number;
  deadlineS: number;
  train: boolean;
  infer: boolean;
  ortGpu: boolean;
}

/** The cases: full width, batch 4, 128 and 256 px training, 256x256 and 720p frames. */
const FULL = { width: 1, batch: 4, trainSizes: [128, 256], inferSizes: [{ w: 256, h: 256 }, { w: 1280, h: 720 }], runs: 3, minS: 5 };
const QUICK = { width: 0.25, batch: 2, trainSizes: [32, 64], inferSizes: [{ w: 64, h: 64 }, { w: 160, h: 96 }], runs: 1, minS: 0 };

/** A usage error naming the flag. */
export class BenchOptionError extends Error {}

function num(flag: string, v: string, min: number): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new BenchOptionError(`${flag}=${v}: expected a number >= ${min}`);
  return n;
}

function sizes(flag: string, v: string): number[] {
  return v.split(',').map((s) => {
    const n = num(flag, s, 16);
    if (n % 8 !== 0) throw new BenchOptionError(`${flag}: ${s} is not a multiple of 8`);
    return n;
  });
}

function frames(flag: string, v: string): FrameSize[] {
  return v.split(',').map((s) => {
    const m = /^(\d+)x(\d+)$/.exec(s.trim());
    if (!m) throw new BenchOptionError(`${flag}: ${s} is not WxH`);
    return { w: Number(m[1]), h: Number(m[2]) };
  });
}

/** Parses `argv` (the flags; other words are the suite names and are skipped) and `env`. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): GpuBenchOptions {
  const flags = new Map<string, string>();
  for (const a of argv.filter((x) => x.startsWith('--'))) {
    const eq = a.indexOf('=');
    flags.set(eq < 0 ? a : a.slice(0, eq), eq < 0 ? '' : a.slice(eq + 1));
  }
  const known = ['--quick', '--include-software', '--train-sizes', '--infer-sizes', '--batch', '--width', '--runs', '--min-s', '--cpu-budget-s', '--child-timeout-s', '--deadline-s', '--no-train', '--no-infer', '--no-ort-gpu'];
  const unknown = [...flags.keys()].filter((f) => !known.includes(f));
  if (unknown.length > 0) throw new BenchOptionError(`unknown flag(s) ${unknown.join(', ')}; known: ${known.join(' ')}`);
  const quick = flags.has('--quick') || env.BENCH_QUICK === '1';
  const base = quick ? QUICK : FULL;
  const get = (f: string): string | undefined => flags.get(f) || undefined;
  const runs = get('--runs') ? num('--runs', get('--runs')!, 1) : base.runs;
  return {
    quick,
    includeSoftware: flags.has('--include-software') || env.CEL_STUDIO_BACKEND?.trim() === 'webgpu',
    width: get('--width') ? num('--width', get('--width')!, 0.05) : base.width,
    batch: get('--batch') ? num('--batch', get('--batch')!, 1) : base.batch,
    trainSizes: get('--train-sizes') ? sizes('--train-sizes', get('--train-sizes')!) : base.trainSizes,
    inferSizes: get('--infer-sizes') ? frames('--infer-sizes', get('--infer-sizes')!) : base.inferSizes,
    timing: { minRuns: runs, minMs: 1000 * (get('--min-s') ? num('--min-s', get('--min-s')!, 0) : base.minS), maxRuns: Math.max(runs, 20) },
    cpuBudgetS: get('--cpu-budget-s') ? num('--cpu-budget-s', get('--cpu-budget-s')!, 1) : Infinity,
    childTimeoutS: get('--child-timeout-s') ? num('--child-timeout-s', get('--child-timeout-s')!, 10) : 30 * 60,
    deadlineS: get('--deadline-s') ? num('--deadline-s', get('--deadline-s')!, 10) : Infinity,
    train: !flags.has('--no-train'),
    infer: !flags.has('--no-infer'),
    ortGpu: !flags.has('--no-ort-gpu'),
  };
}
