/**
 * The bounds of a run's numeric settings, read from {@link TrainConfig}'s schema so a form's inputs, a planner and
 * the service all refuse the same values.
 */
import { limitsOf } from './number-limits';
import { TrainConfig } from './training';

const shape = TrainConfig.shape;

/** Bounds of the numeric training settings a form shows. */
export const TRAIN_LIMITS = {
  size: limitsOf(shape.size),
  steps: limitsOf(shape.steps),
  width: limitsOf(shape.width),
  batch: limitsOf(shape.batch),
  seed: limitsOf(shape.seed),
  metricsEvery: limitsOf(shape.metricsEvery),
  previewEvery: limitsOf(shape.previewEvery),
  checkpointEvery: limitsOf(shape.checkpointEvery),
  checkpointMinutes: limitsOf(shape.checkpointMinutes),
  initSteps: limitsOf(shape.initSteps),
} as const;
