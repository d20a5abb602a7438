/** A trainer for the training loop's tests: it trains nothing, reports fixed losses and records what it was given. */
import type { LossWeights, MetricPoint, TrainConfig } from '@shared/training';
import type { TrainerLike } from '../../../../src/main/engine/training/training-loop';

/** A short run on the stand-in: six steps, metrics every step, previews and checkpoints only at the end. */
export const STAND_IN_CONFIG: TrainConfig = { model: 'animeganv2', preset: 'hayao', size: 32, steps: 6, width: 0.125, seed: 1, metricsEvery: 1, previewEvery: 100, checkpointEvery: 100 };

/** Counts steps, keeps the weights it was last given, and records the step of every checkpoint. */
export class StandInTrainer implements TrainerLike {
  step = 0;
  batch = 1;
  /** The step of each checkpoint written. */
  readonly checkpoints: number[] = [];
  protected weights: LossWeights | undefined;

  setWeights(w: LossWeights): void {
    this.weights = w;
  }
  async trainStep(): Promise<Omit<MetricPoint, 'psnr' | 'ssim' | 'stepMs' | 'imagesPerSecond'>> {
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
    this.checkpoints.push(this.step);
  }
}
