/** The bounds a number schema sets, read from the schema so a form's inputs and the services refuse the same values. */
import { z } from 'zod';

/** Lowest and highest value a setting takes (undefined where the schema sets none). */
export interface Limits {
  min: number | undefined;
  max: number | undefined;
  /** Whole numbers only. */
  integer: boolean;
}

/** A number schema's bounds, through its optional, nullable and default wrappers. */
export function limitsOf(schema: z.ZodType): Limits {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  if (!(s instanceof z.ZodNumber)) throw new Error('limitsOf reads number settings only');
  // An int schema's implicit bounds (the largest safe integers) are no limits a person needs to see.
  const min = s.minValue === null || s.minValue <= Number.MIN_SAFE_INTEGER ? undefined : s.minValue;
  const max = s.maxValue === null || s.maxValue >= Number.MAX_SAFE_INTEGER ? undefined : s.maxValue;
  return { min, max, integer: s.isInt };
}
