/**
 * `npm run bench convert`: the conversion benchmark. Engines (AnimeGANv2 on tfjs cpu, tfjs wasm and ONNX Runtime at
 * 256x256 and 1280x720), pipeline efficiency (the real convert-clip job over inference alone) and the peak memory of
 * a 4K frame, each checked against the conversion targets. BENCH_QUICK=1 runs a quarter-width generator on small
 * frames (for developing the benchmark; its numbers are not the targets' sizes); BENCH_FULL=1 also times tfjs cpu at
 * 1280x720 (about half an hour here) instead of estimating it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enginesTable, type EngineResult, runEngines } from './engines-bench';
import { type PeakResult, peakTable, runPeak } from './peak-bench';
import { type PipelineResult, pipelineTable, runPipeline } from './pipeline-bench';
import { benchMode, exportedGenerator, sizeName, verdict } from './setup';

/** Targets of the conversion issue, on this 2-core CPU. */
export const TARGETS = { bestGflops: 120, pipelineOverhead: 0.05, peakGiB: 4 } as const;

function targets(mode: ReturnType<typeof benchMode>, engines: EngineResult[], pipeline: PipelineResult | null, peaks: PeakResult[]): string {
  const lines = [`\nConversion targets${mode.quick ? ' (BENCH_QUICK=1: small sizes and width 0.25, so these are not the targets\' cases)' : ''}`];
  const large = engines.filter((r) => r.size === mode.large && r.gflops !== null && !r.estimated);
  const best = large.reduce<EngineResult | null>((a, r) => (a && a.gflops! >= r.gflops! ? a : r), null);
  lines.push(
    best
      ? verdict(best.gflops! >= TARGETS.bestGflops, `best engine >= ${TARGETS.bestGflops} GFLOP/s at ${sizeName(mode.large)}`, `${best.gflops!.toFixed(1)} GFLOP/s (${best.engine})`)
      : `MISS  best engine >= ${TARGETS.bestGflops} GFLOP/s at ${sizeName(mode.large)}: no engine measured`,
  );
  lines.push(
    pipeline
      ? verdict(pipeline.ratio - 1 <= TARGETS.pipelineOverhead, `pipeline overhead <= ${TARGETS.pipelineOverhead * 100} %`, `${((pipeline.ratio - 1) * 100).toFixed(1)} % (end to end / inference ${pipeline.ratio.toFixed(3)})`)
      : `MISS  pipeline overhead <= ${TARGETS.pipelineOverhead * 100} %: not measured`,
  );
  const measured = peaks.filter((p) => p.report);
  if (measured.length === 0) lines.push(`MISS  peak memory of a ${sizeName(mode.peak)} frame <= ${TARGETS.peakGiB} GiB: not measured`);
  for (const p of measured) {
    const gib = p.report!.maxRssKiB / 1024 ** 2;
    lines.push(verdict(gib <= TARGETS.peakGiB, `peak memory of a ${sizeName(mode.peak)} frame <= ${TARGETS.peakGiB} GiB (${p.label})`, `${gib.toFixed(2)} GiB`));
  }
  return lines.join('\n');
}

/** Runs the conversion benchmark and returns its printed tables and target verdicts. */
export async function benchConvert(): Promise<string> {
  const mode = benchMode();
  const work = mkdtempSync(join(tmpdir(), 'cel-bench-convert-'));
  const out: string[] = [];
  try {
    const onnx = await exportedGenerator(mode.width);
    const engines = await runEngines(mode, onnx);
    out.push(enginesTable(mode, engines, onnx.flopsPerPixel));

    let pipeline: PipelineResult | null = null;
    try {
      pipeline = await runPipeline(mode, work, onnx);
      out.push(pipelineTable(mode, pipeline));
    } catch (err) {
      out.push(`\nPipeline benchmark failed: ${(err as Error).message}`);
    }

    const wasm = engines.find((r) => r.engine === 'tfjs wasm' && r.size === mode.large && r.ms !== null);
    const wasmEstimate = wasm ? (wasm.ms! * mode.peak.w * mode.peak.h) / (mode.large.w * mode.large.h) : null;
    const peaks = await runPeak(mode, work, onnx.bytes, wasmEstimate);
    out.push(peakTable(mode, peaks));
    out.push(targets(mode, engines, pipeline, peaks));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out.join('\n');
}
