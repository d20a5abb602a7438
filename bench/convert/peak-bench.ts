/**
 * Peak memory of stylizing one large (4K) frame: each engine runs in a child process of its own (peak-4k.ts) so
 * only that conversion's memory is counted, and the child reports its own process.resourceUsage().maxRSS.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { table, type Cell } from '../table';
import type { PeakReport } from './peak-4k';
import { type BenchMode, sizeName } from './setup';

const ROOT = resolve(import.meta.dirname, '../..');
/** The longest a tfjs wasm 4K frame may take before it is skipped (estimated from the engines table). */
export const WASM_BUDGET_MS = 120_000;

/** One engine's peak, or why there is none. */
export interface PeakResult {
  label: string;
  report?: PeakReport;
  note?: string;
}

function child(args: string[], timeoutMs: number): Promise<PeakReport> {
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  const argv = ['--tsconfig', join(ROOT, 'tsconfig.node.json'), join(ROOT, 'bench/convert/peak-4k.ts'), ...args];
  return new Promise((done, fail) => {
    execFile(tsx, argv, { cwd: ROOT, timeout: timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const line = stdout.split('\n').find((l) => l.startsWith('PEAK '));
      if (line) return done(JSON.parse(line.slice(5)) as PeakReport);
      const why = err?.killed ? `killed after ${timeoutMs / 1000} s` : (stderr.trim().split('\n').slice(-1)[0] ?? String(err));
      fail(new Error(why));
    });
  });
}

/**
 * Measures the ONNX Runtime engine, and tfjs wasm unless `wasmEstimateMs` (its time for the frame, from the
 * engines table) is over WASM_BUDGET_MS. `work` is a temp folder for the model file.
 */
export async function runPeak(mode: BenchMode, work: string, onnxBytes: Uint8Array, wasmEstimateMs: number | null): Promise<PeakResult[]> {
  const { w, h } = mode.peak;
  const model = join(work, 'animeganv2-peak.onnx');
  writeFileSync(model, onnxBytes);
  const results: PeakResult[] = [];
  const attempt = async (label: string, args: string[], timeoutMs: number): Promise<void> => {
    const r = await child(args, timeoutMs).then(
      (report): PeakResult => ({ label, report }),
      (err: unknown): PeakResult => ({ label, note: `failed: ${(err as Error).message.slice(0, 80)}` }),
    );
    results.push(r);
    console.log(`  convert peak: ${label}: ${r.report ? `${(r.report.maxRssKiB / 1024 ** 2).toFixed(2)} GiB, ${(r.report.ms / 1000).toFixed(1)} s` : r.note}`);
  };
  await attempt('onnxruntime', ['onnx', model, String(w), String(h)], 20 * 60_000);
  if (wasmEstimateMs === null) {
    results.push({ label: 'tfjs wasm', note: 'skipped: no tfjs wasm rate from the engines table' });
  } else if (wasmEstimateMs > WASM_BUDGET_MS) {
    const est = (wasmEstimateMs / 1000).toFixed(0);
    results.push({ label: 'tfjs wasm', note: `skipped: ~${est} s estimated from its ${sizeName(mode.large)} rate, over the ${WASM_BUDGET_MS / 1000} s budget` });
  } else {
    await attempt('tfjs wasm', ['wasm', String(mode.width), String(w), String(h)], 2 * WASM_BUDGET_MS);
  }
  return results;
}

/** The peak-memory table. */
export function peakTable(mode: BenchMode, results: PeakResult[]): string {
  const gib = (kib: number): string => (kib / 1024 ** 2).toFixed(2);
  const rows: Cell[][] = results.map((r) =>
    r.report
      ? [r.label, r.report.engine, gib(r.report.loadedRssKiB), gib(r.report.maxRssKiB), r.report.ms / 1000, r.report.tiles]
      : [r.label, '', '', '', '', r.note ?? ''],
  );
  return table(
    `Peak memory, one ${sizeName(mode.peak)} frame through stylizeImage, in a child process (maxRSS of the whole process)`,
    ['engine', 'kind', 'GiB loaded', 'GiB peak', 's', 'tiling'],
    rows,
  );
}
