/**
 * The loop a training process runs: steps the trainer, applies weight changes at the next step, and reports
 * metrics, previews and checkpoints (every `checkpointEvery` steps and every `checkpointMinutes`); pause writes a
 * checkpoint and waits, stop writes one and ends. Between steps it yields to the event loop so commands from the
 * manager arrive promptly.
 */
import { TrainConfig, type LossWeights, type MetricPoint } from '@shared/training';
import { GpuStepFailed } from './gpu-step-error';
import { startingWeights } from './presets';
import type { FromWorker, ToWorker } from './worker-protocol';

/** What the loop needs from a trainer. */
export interface TrainerLike {
  /** Steps completed. */
  readonly step: number;
  setWeights(w: LossWeights): void;
  /** Runs one step; returns its losses (null for terms not trained in this phase). */
  trainStep(): Promise<Omit<MetricPoint, 'psnr' | 'ssim' | 'stepMs' | 'imagesPerSecond'>>;
  /**
   * PSNR and SSIM of the generator on the fixed validation batch against its inputs, and the style distance and KID
   * of its outputs to the style set (KID null when a batch is too small to measure it).
   */
  validate(): Promise<{ psnr: number; ssim: number; styleDist: number; kid: number | null }>;
  /** Preview images as PNG, base64, by name. */
  preview(): Promise<Record<string, string>>;
  /** Writes a checkpoint of everything needed to continue exactly (atomic). */
  checkpoint(): Promise<void>;
  readonly batch: number;
  /**
   * After a GpuStepFailed: halve the batch and rewind to the newest checkpoint (or step 0); returns the new
   * batch and the step it continues from. Trainers without it fail the run instead.
   */
  shrinkBatch?(): Promise<{ batch: number; step: number }>;
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Runs `trainer` to `config.steps`, talking to the manager through `send` and `inbox`. `weights` are those the
 * trainer starts with (by default the preset's with the config's overrides, as a new run starts): weight messages
 * carry only the changed terms, merged into these.
 */
export async function runTrainingLoop(
  trainer: TrainerLike,
  config: TrainConfig,
  send: (m: FromWorker) => void,
  inbox: { take(): ToWorker[] },
  weights: LossWeights = startingWeights(config),
): Promise<void> {
  let paused = false;
  let current = weights;
  // Edits that arrived since the last step, merged: two within one step must both apply.
  let pending: Partial<LossWeights> | null = null;
  const checkpointMs = TrainConfig.shape.checkpointMinutes.parse(config.checkpointMinutes)! * 60_000;
  let lastCheckpoint = Date.now();
  const buffer: MetricPoint[] = [];
  let lastFlush = Date.now();
  let window: { t: number; step: number }[] = [];
  const flush = (): void => {
    if (buffer.length > 0) send({ t: 'metrics', points: buffer.splice(0) });
    lastFlush = Date.now();
  };
  const checkpoint = async (step: number): Promise<void> => {
    flush();
    await trainer.checkpoint();
    lastCheckpoint = Date.now();
    send({ t: 'checkpoint', step });
  };
  for (;;) {
    for (const m of inbox.take()) {
      if (m.t === 'weights') pending = { ...(pending ?? {}), ...m.weights };
      else if (m.t === 'pause' && !paused) {
        paused = true;
        await checkpoint(trainer.step);
        send({ t: 'paused', step: trainer.step });
      } else if (m.t === 'resume' && paused) {
        paused = false;
        send({ t: 'resumed', step: trainer.step });
      } else if (m.t === 'stop') {
        await checkpoint(trainer.step);
        send({ t: 'finished', step: trainer.step, stopped: true });
        return;
      }
    }
    if (paused) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    if (trainer.step >= config.steps) break;
    if (pending) {
      current = { ...current, ...pending };
      trainer.setWeights(current);
      // Applied from the step about to run: record it with that step's number.
      send({ t: 'weightsApplied', step: trainer.step + 1, weights: current });
      pending = null;
    }
    const t0 = performance.now();
    let losses: Awaited<ReturnType<TrainerLike['trainStep']>>;
    try {
      losses = await trainer.trainStep();
    } catch (err) {
      if (!(err instanceof GpuStepFailed) || !trainer.shrinkBatch) throw err;
      if (trainer.batch <= 1) {
        throw new Error(`${err.message}. It fails even with one image per step: lower the size or width, or pin the CPU (wasm) in Devices`, { cause: err });
      }
      flush();
      const { batch, step } = await trainer.shrinkBatch();
      send({ t: 'rewound', step });
      send({
        t: 'notice',
        step,
        text: `The GPU ran out of memory at batch ${err.batch} (step ${err.step}); continuing with batch ${batch} from step ${step}`,
      });
      window = [];
      continue;
    }
    const stepMs = performance.now() - t0;
    const step = trainer.step;
    if (step % config.metricsEvery === 0 || step === config.steps) {
      const v = await trainer.validate();
      buffer.push({ ...losses, psnr: v.psnr, ssim: v.ssim, styleDist: v.styleDist, kid: v.kid, stepMs, imagesPerSecond: (trainer.batch * 1000) / stepMs });
    }
    const now = Date.now();
    window.push({ t: now, step });
    window = window.filter((w) => now - w.t < 10_000);
    if (now - lastFlush > 250 || step === config.steps) {
      flush();
      const first = window[0]!;
      const rate = now > first.t ? ((step - first.step) * 1000) / (now - first.t) : 0;
      send({ t: 'progress', step, stepsPerSecond: rate });
    }
    if (step % config.previewEvery === 0 || step === config.steps) send({ t: 'preview', step, images: await trainer.preview() });
    if (step % config.checkpointEvery === 0 || Date.now() - lastCheckpoint >= checkpointMs) await checkpoint(step);
    await tick();
  }
  await checkpoint(trainer.step);
  send({ t: 'finished', step: trainer.step, stopped: false });
}
