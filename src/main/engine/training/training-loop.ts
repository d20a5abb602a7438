/**
 * The loop a training process runs: steps the trainer, applies weight changes at the next step, and reports
 * metrics, previews and checkpoints; pause writes a checkpoint and waits, stop writes one and ends. Between
 * steps it yields to the event loop so commands from the manager arrive promptly.
 */
import type { LossWeights, MetricPoint, TrainConfig } from '@shared/training';
import type { FromWorker, ToWorker } from './worker-protocol';

/** What the loop needs from a trainer. */
export interface TrainerLike {
  /** Steps completed. */
  readonly step: number;
  setWeights(w: LossWeights): void;
  /** Runs one step; returns its losses (null for terms not trained in this phase). */
  trainStep(): Omit<MetricPoint, 'psnr' | 'ssim' | 'stepMs' | 'imagesPerSecond'>;
  /** PSNR and SSIM of the generator on the fixed validation batch against its inputs. */
  validate(): { psnr: number; ssim: number };
  /** Preview images as PNG, base64, by name. */
  preview(): Promise<Record<string, string>>;
  /** Writes a checkpoint of everything needed to continue exactly (atomic). */
  checkpoint(): Promise<void>;
  readonly batch: number;
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Runs `trainer` to `config.steps`, talking to the manager through `send` and `inbox`. */
export async function runTrainingLoop(
  trainer: TrainerLike,
  config: TrainConfig,
  send: (m: FromWorker) => void,
  inbox: { take(): ToWorker[] },
): Promise<void> {
  let paused = false;
  let pending: LossWeights | null = null;
  const buffer: MetricPoint[] = [];
  let lastFlush = Date.now();
  let window: { t: number; step: number }[] = [];
  const flush = (): void => {
    if (buffer.length > 0) send({ t: 'metrics', points: buffer.splice(0) });
    lastFlush = Date.now();
  };
  for (;;) {
    for (const m of inbox.take()) {
      if (m.t === 'weights') pending = m.weights;
      else if (m.t === 'pause' && !paused) {
        paused = true;
        flush();
        await trainer.checkpoint();
        send({ t: 'checkpoint', step: trainer.step });
        send({ t: 'paused', step: trainer.step });
      } else if (m.t === 'resume' && paused) {
        paused = false;
        send({ t: 'resumed', step: trainer.step });
      } else if (m.t === 'stop') {
        flush();
        await trainer.checkpoint();
        send({ t: 'checkpoint', step: trainer.step });
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
      trainer.setWeights(pending);
      // Applied from the step about to run: record it with that step's number.
      send({ t: 'weightsApplied', step: trainer.step + 1, weights: pending });
      pending = null;
    }
    const t0 = performance.now();
    const losses = trainer.trainStep();
    const stepMs = performance.now() - t0;
    const step = trainer.step;
    if (step % config.metricsEvery === 0 || step === config.steps) {
      const v = trainer.validate();
      buffer.push({ ...losses, psnr: v.psnr, ssim: v.ssim, stepMs, imagesPerSecond: (trainer.batch * 1000) / stepMs });
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
    if (step % config.checkpointEvery === 0) {
      flush();
      await trainer.checkpoint();
      send({ t: 'checkpoint', step });
    }
    await tick();
  }
  flush();
  await trainer.checkpoint();
  send({ t: 'checkpoint', step: trainer.step });
  send({ t: 'finished', step: trainer.step, stopped: false });
}
