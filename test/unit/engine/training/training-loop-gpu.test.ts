/**
 * The training loop's answer to a step the GPU could not run: it halves the batch, rewinds to where the
 * trainer restored, tells the manager (rewound + a notice naming both batch sizes) and carries on to the end;
 * at batch 1 it fails the run with a message saying what to change. The trainer here is a small stand-in that
 * fails like the webgpu trainer does above a batch size (the real detection is tested in trainer-webgpu).
 */
import { describe, expect, it } from 'vitest';
import type { MetricPoint } from '@shared/training';
import { GpuStepFailed } from '../../../../src/main/engine/training/gpu-step-error';
import { runTrainingLoop, type TrainerLike } from '../../../../src/main/engine/training/training-loop';
import type { FromWorker } from '../../../../src/main/engine/training/worker-protocol';

class SmallGpuTrainer implements TrainerLike {
  step = 0;
  checkpointStep = 0;
  constructor(
    public batch: number,
    /** Largest batch the pretend GPU holds. */
    private readonly fits: number,
  ) {}
  setWeights(): void {}
  async trainStep(): Promise<Omit<MetricPoint, 'psnr' | 'ssim' | 'stepMs' | 'imagesPerSecond'>> {
    if (this.batch > this.fits && this.step >= 2) throw new GpuStepFailed(this.step + 1, this.batch, 'GPUOutOfMemoryError: out of memory');
    this.step += 1;
    return { step: this.step, phase: 'gan', gTotal: 1, dTotal: 1, adv: 1, con: 1, gra: null, col: null, tv: null, cycle: null };
  }
  async validate(): Promise<{ psnr: number; ssim: number; styleDist: number; kid: number | null }> {
    return { psnr: 30, ssim: 0.9, styleDist: 0.1, kid: 0.01 };
  }
  async preview(): Promise<Record<string, string>> {
    return {};
  }
  async checkpoint(): Promise<void> {
    this.checkpointStep = this.step;
  }
  async shrinkBatch(): Promise<{ batch: number; step: number }> {
    this.batch = Math.floor(this.batch / 2);
    this.step = this.checkpointStep;
    return { batch: this.batch, step: this.step };
  }
}

const config = { model: 'animeganv2', preset: 'hayao', size: 32, steps: 6, width: 0.125, seed: 1, metricsEvery: 1, previewEvery: 100, checkpointEvery: 1 } as const;

async function run(trainer: TrainerLike): Promise<FromWorker[]> {
  const sent: FromWorker[] = [];
  await runTrainingLoop(trainer, config, (m) => sent.push(m), { take: () => [] });
  return sent;
}

describe('a GPU step that fails', () => {
  it('halves the batch until it fits, rewinds, says so, and finishes the run', async () => {
    const t = new SmallGpuTrainer(4, 1);
    const sent = await run(t);
    const notices = sent.filter((m) => m.t === 'notice').map((m) => (m as { text: string }).text);
    expect(notices).toEqual([
      expect.stringMatching(/out of memory at batch 4 \(step 3\); continuing with batch 2 from step 2/),
      expect.stringMatching(/out of memory at batch 2 \(step 3\); continuing with batch 1 from step 2/),
    ]);
    expect(sent.filter((m) => m.t === 'rewound')).toEqual([
      { t: 'rewound', step: 2 },
      { t: 'rewound', step: 2 },
    ]);
    expect(t.batch).toBe(1);
    expect(sent.at(-1)).toEqual({ t: 'finished', step: 6, stopped: false });
  });

  it('fails the run at batch 1 with what to change', async () => {
    await expect(run(new SmallGpuTrainer(1, 0))).rejects.toThrow(/even with one image per step: lower the size or width, or pin the CPU/);
  });
});
