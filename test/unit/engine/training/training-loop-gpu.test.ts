/**
 * The training loop's answer to a step the GPU could not run: it halves the batch, rewinds to where the
 * trainer restored, tells the manager (rewound + a notice naming both batch sizes) and carries on to the end;
 * at batch 1 it fails the run with a message saying what to change. The trainer here is a small stand-in that
 * fails like the webgpu trainer does above a batch size (the real detection is tested in trainer-webgpu).
 */
import { describe, expect, it } from 'vitest';
import { GpuStepFailed } from '../../../../src/main/engine/training/gpu-step-error';
import { runTrainingLoop, type TrainerLike } from '../../../../src/main/engine/training/training-loop';
import type { FromWorker } from '../../../../src/main/engine/training/worker-protocol';
import { STAND_IN_CONFIG, StandInTrainer } from './stand-in-trainer';

/** Fails a step from step 3 on while its batch is above what the pretend GPU holds; shrinks back to its last checkpoint. */
class SmallGpuTrainer extends StandInTrainer {
  constructor(
    batch: number,
    /** Largest batch the pretend GPU holds. */
    private readonly fits: number,
  ) {
    super();
    this.batch = batch;
  }
  override async trainStep(): ReturnType<StandInTrainer['trainStep']> {
    if (this.batch > this.fits && this.step >= 2) throw new GpuStepFailed(this.step + 1, this.batch, 'GPUOutOfMemoryError: out of memory');
    return super.trainStep();
  }
  async shrinkBatch(): Promise<{ batch: number; step: number }> {
    this.batch = Math.floor(this.batch / 2);
    this.step = this.checkpoints.at(-1) ?? 0;
    return { batch: this.batch, step: this.step };
  }
}

const config = { ...STAND_IN_CONFIG, checkpointEvery: 1 };

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
