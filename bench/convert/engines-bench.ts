/**
 * Frames/s and GFLOP/s of the AnimeGANv2 generator on each engine (ONNX Runtime, tfjs wasm, tfjs cpu) at a small and
 * a large frame size, measured side by side in one run. Every frame goes through stylizeImage, as a conversion's
 * frames do, so a tfjs engine whose `maxPixels` is below the frame runs it in overlapping tiles and that overlap
 * is in its time (the "work px" column says how much more than the frame it computed).
 */
import { stylizeImage, tilingDefaults } from '../../src/main/engine/stylize/frame-tiling';
import { planTiles } from '../../src/main/engine/stylize/tile-plan';
import { createOnnxEngine } from '../../src/main/engine/stylize/onnx-engine';
import type { StyleEngine } from '../../src/main/engine/stylize/style-engine';
import { createTfjsEngine } from '../../src/main/engine/stylize/tfjs-engine';
import { table, type Cell } from '../table';
import { type BenchMode, generatorOn, type Size, sizeName, syntheticFrame, timeRuns } from './setup';

/** One engine at one size. */
export interface EngineResult {
  engine: string;
  size: Size;
  /** Best ms per frame (measured, or estimated when `estimated`); null when it failed. */
  ms: number | null;
  median: number | null;
  runs: number;
  /** Pixels the engine computed per frame (tiles with their overlap) over the frame's pixels. */
  workRatio: number;
  /** Estimated from the small size's rate (tfjs cpu at the large size, unless BENCH_FULL=1). */
  estimated: boolean;
  /** Frame GFLOP/s: flopsPerPixel x W x H / time. */
  gflops: number | null;
  error?: string;
}

type EngineName = 'onnxruntime' | 'tfjs wasm' | 'tfjs cpu';

/** Pixels the engine's tiling computes for one frame of `size`, over the frame's own pixels. */
function workRatio(engine: StyleEngine, { w, h }: Size): number {
  const plan = planTiles(w, h, engine.sizeMultiple, tilingDefaults(engine));
  return (plan.tiles.length * plan.columns.length * plan.rows.length) / (w * h);
}

async function loadEngine(name: EngineName, mode: BenchMode, onnx: { bytes: Uint8Array; flopsPerPixel: number }): Promise<StyleEngine> {
  const label = `animeganv2 x${mode.width}`;
  if (name === 'onnxruntime') return createOnnxEngine(onnx.bytes, { label, flopsPerPixel: onnx.flopsPerPixel });
  const backend = name === 'tfjs wasm' ? 'wasm' : 'cpu';
  const { spec, generator } = await generatorOn(backend, mode.width);
  return createTfjsEngine({ spec, generator, ownsGenerator: true, label, flopsPerPixel: onnx.flopsPerPixel, backend: { order: [backend] } });
}

function fail(engine: string, size: Size, err: unknown): EngineResult {
  const error = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 60);
  return { engine, size, ms: null, median: null, runs: 0, workRatio: 0, estimated: false, gflops: null, error };
}

/** Times one engine at one size: one warm-up, then >= 2 runs or >= 5 s (tfjs cpu: a single run, no warm-up). */
async function measure(name: EngineName, engine: StyleEngine, size: Size, flopsPerPixel: number): Promise<EngineResult> {
  const frame = syntheticFrame(size);
  const run = (): Promise<unknown> => stylizeImage(engine, frame);
  const slow = name === 'tfjs cpu';
  // tfjs cpu has nothing to compile (the engine's 64x64 memory probe already ran every kernel) and takes minutes.
  if (!slow) await run();
  const t = slow ? await timeRuns(run, 1, 0, 1) : await timeRuns(run);
  const px = size.w * size.h;
  return { engine: name, size, ms: t.best, median: t.median, runs: t.runs, workRatio: workRatio(engine, size), estimated: false, gflops: (flopsPerPixel * px) / 1e6 / t.best };
}

/** The large size for tfjs cpu estimated from its small-size rate per computed pixel. */
function estimate(small: EngineResult, engine: StyleEngine, size: Size, flopsPerPixel: number): EngineResult {
  const ratio = workRatio(engine, size);
  const ms = (small.ms! / (small.size.w * small.size.h * small.workRatio)) * size.w * size.h * ratio;
  return { engine: small.engine, size, ms, median: null, runs: 0, workRatio: ratio, estimated: true, gflops: (flopsPerPixel * size.w * size.h) / 1e6 / ms };
}

function logRow(r: EngineResult): void {
  const what = r.ms === null ? `failed: ${r.error}` : `${r.ms.toFixed(0)} ms/frame, ${r.gflops!.toFixed(2)} GFLOP/s${r.estimated ? ' (est.)' : ''}, work ${r.workRatio.toFixed(2)}x`;
  console.log(`  convert engines: ${r.engine} ${sizeName(r.size)}: ${what}`);
}

/**
 * Runs every engine at both sizes (fast engines first, each row printed as it lands) and returns the results;
 * `onnx` is the generator's ONNX export, whose FLOPs per pixel every engine's GFLOP/s uses.
 */
export async function runEngines(mode: BenchMode, onnx: { bytes: Uint8Array; flopsPerPixel: number }): Promise<EngineResult[]> {
  const results: EngineResult[] = [];
  const push = (r: EngineResult): void => {
    results.push(r);
    logRow(r);
  };
  for (const name of ['onnxruntime', 'tfjs wasm', 'tfjs cpu'] as const) {
    let engine: StyleEngine;
    try {
      engine = await loadEngine(name, mode, onnx);
    } catch (err) {
      for (const size of [mode.small, mode.large]) push(fail(name, size, err));
      continue;
    }
    try {
      const small = await measure(name, engine, mode.small, onnx.flopsPerPixel).catch((err: unknown) => fail(name, mode.small, err));
      push(small);
      if (name === 'tfjs cpu' && !mode.full) {
        push(small.ms === null ? fail(name, mode.large, new Error('no small-size rate to estimate from')) : estimate(small, engine, mode.large, onnx.flopsPerPixel));
      } else {
        push(await measure(name, engine, mode.large, onnx.flopsPerPixel).catch((err: unknown) => fail(name, mode.large, err)));
      }
    } finally {
      await engine.dispose();
    }
  }
  return results;
}

/** The engines table: per engine and size, time, rate, GFLOP/s and ratios to tfjs cpu and to the best engine. */
export function enginesTable(mode: BenchMode, results: EngineResult[], flopsPerPixel: number): string {
  const rows: Cell[][] = results.map((r) => {
    if (r.ms === null) return [r.engine, sizeName(r.size), '', '', `failed: ${r.error}`, '', '', '', '', ''];
    const same = results.filter((o) => o.size === r.size && o.gflops !== null);
    const cpu = same.find((o) => o.engine === 'tfjs cpu');
    const best = Math.max(...same.map((o) => o.gflops!));
    const est = r.estimated ? ' est.' : '';
    return [
      r.engine,
      sizeName(r.size),
      `${r.workRatio.toFixed(2)}x`,
      r.estimated ? 'est.' : String(r.runs),
      `${r.ms.toFixed(0)}${est}`,
      r.median === null ? '' : r.median.toFixed(0),
      `${(1000 / r.ms).toPrecision(3)}${est}`,
      `${r.gflops!.toPrecision(3)}${est}`,
      cpu ? `${(r.gflops! / cpu.gflops!).toFixed(1)}x${cpu.estimated || r.estimated ? ' est.' : ''}` : '',
      `${(r.gflops! / best).toFixed(3)}x`,
    ];
  });
  const title =
    `AnimeGANv2 generator (width ${mode.width}, seeded random weights), ${(flopsPerPixel / 1e3).toFixed(1)} kFLOP/px (convolutions), ` +
    `one frame per call through stylizeImage`;
  const notes = [
    'work px: pixels computed per frame (tiles incl. overlap) / frame pixels; a tfjs engine tiles frames above its',
    '  measured maxPixels, and GFLOP/s counts only the frame\'s own pixels, so tile overlap is in its time.',
    `runs: timed runs after one warm-up (>= 2 runs or >= 5 s); tfjs cpu: 1 run, no warm-up${mode.full ? '' : `; its ${sizeName(mode.large)} is`}`,
    mode.full ? '' : `  estimated from its ${sizeName(mode.small)} rate per computed pixel (BENCH_FULL=1 measures it)`,
  ].filter(Boolean);
  return `${table(title, ['engine', 'size', 'work px', 'runs', 'ms/frame', 'median', 'frames/s', 'GFLOP/s', 'vs tfjs cpu', 'vs best'], rows)}\n${notes.join('\n')}`;
}
