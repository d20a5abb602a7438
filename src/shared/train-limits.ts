/**
 * The bounds of a run's numeric settings, read from {@link TrainConfig}'s schema so a form's inputs, a planner and
 * the service all refuse the same values.
 */
import { z } from 'zod';
import { TrainConfig } from './training';

/** Lowest and highest value a setting takes (undefined where the schema sets none). */
export interface Limits {
  min: number | undefined;
  max: number | undefined;
}

/** A number schema's bounds, through its optional and default wrappers. */
function limitsOf(schema: z.ZodType): Limits {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  if (!(s instanceof z.ZodNumber)) throw new Error('limitsOf reads number settings only');
  // An int schema's implicit bound (the largest safe integer) is no limit a person needs to see.
  const max = s.maxValue === null || s.maxValue >= Number.MAX_SAFE_INTEGER ? undefined : s.maxValue;
  return { min: s.minValue ?? undefined, max };
}

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
