/**
 * Trainers for tests and benchmarks that measure the training loop, not what it learns: one set of images serves as
 * style, smoothed style and (unless given) content. No test runner here, so benchmarks can use it too.
 */
import type { TrainConfig } from '@shared/training';
import type { Network } from '../../src/main/engine/network';
import type { TrainingImage } from '../../src/main/engine/training/dataset';
import { startingWeights } from '../../src/main/engine/training/presets';
import { Trainer } from '../../src/main/engine/training/trainer';
import type { Vgg19 } from '../../src/main/engine/vgg';

/** What {@link trainerOn} builds a trainer from. */
export interface TrainerOnInput {
  config: TrainConfig;
  /** The style and smoothed-style images, and the content images unless `content` is given. */
  images: TrainingImage[];
  content?: TrainingImage[];
  vgg: Vgg19;
  checkpointDir: string;
  /** The generator to start from (the trainer disposes it). */
  startGenerator?: Network;
}

/** A Trainer on `images` with the config's starting loss weights (its preset's, with its overrides). */
export function trainerOn({ config, images, content = images, vgg, checkpointDir, startGenerator }: TrainerOnInput): Trainer {
  return new Trainer({
    config,
    weights: startingWeights(config),
    style: images,
    styleSmooth: images,
    content,
    vgg,
    vggNote: vgg.note,
    checkpointDir,
    startGenerator,
  });
}
