/**
 * Child process of the peak-memory benchmark (started by peak-bench.ts, so the parent's memory is not counted):
 * stylizes one synthetic frame through stylizeImage (tiling) and prints one line `PEAK {json}` with the process's
 * peak RSS and the time. Arguments:
 *   onnx <model.onnx> <W> <H>     ONNX Runtime on an exported model file
 *   wasm <generator width> <W> <H> tfjs wasm on a seeded AnimeGANv2 generator
 */
import { stylizeImage } from '../../src/main/engine/stylize/frame-tiling';
import { createOnnxEngine } from '../../src/main/engine/stylize/onnx-engine';
import type { StyleEngine } from '../../src/main/engine/stylize/style-engine';
import { createTfjsEngine } from '../../src/main/engine/stylize/tfjs-engine';
import { generatorOn, syntheticFrame } from './setup';

/** What the child reports. */
export interface PeakReport {
  engine: string;
  /** Peak RSS of the whole process, KiB (process.resourceUsage().maxRSS). */
  maxRssKiB: number;
  /** Peak RSS after loading the engine, before the frame. */
  loadedRssKiB: number;
  /** Stylizing the frame (pixel conversion, tiles, blending), ms. */
  ms: number;
  tiles: string;
}

async function load(kind: string, arg: string): Promise<StyleEngine> {
  if (kind === 'onnx') return createOnnxEngine(arg, { label: 'animeganv2' });
  if (kind === 'wasm') {
    const { spec, generator } = await generatorOn('wasm', Number(arg));
    return createTfjsEngine({ spec, generator, ownsGenerator: true, label: 'animeganv2', backend: { order: ['wasm'] } });
  }
  throw new Error(`peak-4k: unknown engine ${kind}; use onnx or wasm`);
}

async function main(): Promise<void> {
  const [kind = '', arg = '', w = '3840', h = '2160'] = process.argv.slice(2);
  const engine = await load(kind, arg);
  const frame = syntheticFrame({ w: Number(w), h: Number(h) });
  const loadedRssKiB = process.resourceUsage().maxRSS;
  const limit = (engine as Partial<{ maxPixels: number }>).maxPixels;
  const t0 = performance.now();
  await stylizeImage(engine, frame);
  const ms = performance.now() - t0;
  const report: PeakReport = {
    engine: engine.kind,
    maxRssKiB: process.resourceUsage().maxRSS,
    loadedRssKiB,
    ms,
    tiles: limit === undefined ? 'default (2^21 px)' : `maxPixels ${limit}`,
  };
  await engine.dispose();
  console.log(`PEAK ${JSON.stringify(report)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
