/**
 * Training step time and GFLOP/s of the default model (AnimeGANv2 at full width, batch 1, real partial VGG19)
 * per backend at 64, 128 and 256 px, with the ratio to the cpu backend measured in the same run. FLOPs are
 * counted from the kernels tfjs ran (tf.profile), so they include G, D, VGG and every gradient.
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/main/engine/backends';
import type { TrainingImage } from '../../src/main/engine/training/dataset';
import { loadVgg19 } from '../../src/main/engine/vgg';
import { sharedPath } from '../../test/support/shared-assets';
import { trainerOn } from '../../test/support/trainer-on';
import { table, type Cell } from '../table';
import { profileFlops } from './flops';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** [size, width] cases: the full-width model at three sizes, and a quarter-width one at 64 px that every
 * backend runs, so the ratio to cpu compares like with like (cpu's convolution gradients run ~0.005-0.5
 * GFLOP/s here, so a full-width cpu step would take many minutes). */
const CASES: [number, number][] = [
  [64, 0.25],
  [64, 1],
  [128, 1],
  [256, 1],
];
const CPU_CASES: [number, number][] = [[64, 0.25]];

function synthetic(size: number, n: number): TrainingImage[] {
  return Array.from({ length: n }, (_, k) => {
    const rgb = new Uint8Array(size * size * 3);
    for (let i = 0; i < rgb.length; i++) rgb[i] = (i * (k + 3) * 2654435761) >>> 24;
    return { rgb, width: size, height: size };
  });
}

async function measure(backend: string, size: number, width: number, vggDir: string, work: string): Promise<Cell[]> {
  const trainer = trainerOn({
    config: { model: 'animeganv2', preset: 'hayao', size, steps: 100, width, batch: 1, seed: 1, metricsEvery: 1, previewEvery: 100, checkpointEvery: 100, initSteps: 0 },
    images: synthetic(size, 2),
    vgg: await loadVgg19(vggDir),
    checkpointDir: join(work, `${backend}-${size}-${width}`),
  });
  try {
    await trainer.trainStep(); // warm-up: kernels compile, memory is laid out
    const profile = await tf.profile(async () => {
      await trainer.trainStep();
    });
    const flops = profileFlops(profile.kernels);
    const steps = backend === 'cpu' ? 1 : 2;
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) await trainer.trainStep();
    const ms = (performance.now() - t0) / steps;
    return [backend, size, width, ms, flops / 1e9, flops / 1e6 / ms];
  } catch (err) {
    return [backend, size, width, `failed: ${(err as Error).message.slice(0, 40)}`, '', ''];
  } finally {
    trainer.dispose();
  }
}

/** Runs the training benchmark and returns its printed table. */
export async function benchTraining(): Promise<string> {
  const vggDir = sharedPath('weights/vgg19-keras-tfjs-block1-3');
  if (!vggDir) return '\nTraining benchmark skipped: ../shared/weights is missing';
  const work = mkdtempSync(join(tmpdir(), 'cel-bench-train-'));
  const rows: Cell[][] = [];
  try {
    const best = await selectBackend();
    // Smallest case first on every backend (so the ratio to cpu comes early), 256 px last: a full-width 256 px step
    // on wasm grows its heap to ~3.5 GB of the 4 GB it may have (see training/release-spent-gradients.ts). Each row
    // is printed as it lands, so an interrupted run still shows what it measured.
    const backends = [...new Set([best.name, 'wasm', 'cpu'])];
    const jobs = CASES.flatMap(([size, width]) =>
      backends.filter((b) => b !== 'cpu' || CPU_CASES.some(([s, w]) => s === size && w === width)).map((b) => ({ b, size, width })),
    );
    for (const { b: name, size, width } of jobs) {
      // selectBackend registered the best backend; the others are switched to directly.
      const tfName = name === 'tensorflow' || name === 'tensorflow-gpu' ? 'tensorflow' : name;
      if (!(await tf.setBackend(tfName).catch(() => false))) continue;
      const row = await measure(name, size, width, vggDir, work);
      rows.push(row);
      console.log(`  training: ${row.map((c) => (typeof c === 'number' ? c.toFixed(2) : c)).join('  ')}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const cpu = rows.find((r) => r[0] === 'cpu');
  const withRatio = rows.map((r) => [...r, cpu && r[1] === cpu[1] && r[2] === cpu[2] && typeof r[5] === 'number' && typeof cpu[5] === 'number' ? `${(r[5] / cpu[5]).toFixed(1)}x` : '']);
  return table(
    'Training step, AnimeGANv2, batch 1, real VGG19 (block1-3), one D and one G update',
    ['backend', 'px', 'width', 'ms/step', 'GFLOP/step', 'GFLOP/s', 'vs cpu, same case'],
    withRatio,
  );
}
