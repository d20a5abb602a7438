/**
 * The bounds a number schema sets, read from the schema so a form's inputs, the CLI's flags and the services
 * refuse the same values, and say so in the same words.
 */
import { z } from 'zod';

/** A number setting's schema, maybe optional, nullable or with a default. */
export type NumberSchema = z.ZodType<number | null | undefined, number | null | undefined>;

/** Lowest and highest value a setting takes (undefined where the schema sets none). */
export interface Limits {
  min: number | undefined;
  max: number | undefined;
  /** Whole numbers only. */
  integer: boolean;
}

/** The number schema inside a setting's optional, nullable and default wrappers. */
function numberSchema(schema: NumberSchema): z.ZodNumber {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  if (!(s instanceof z.ZodNumber)) throw new Error('limitsOf reads number settings only');
  return s;
}

/** A number schema's bounds, through its optional, nullable and default wrappers. */
export function limitsOf(schema: NumberSchema): Limits {
  const s = numberSchema(schema);
  // An int schema's implicit bounds (the largest safe integers) are no limits a person needs to see.
  const min = s.minValue === null || s.minValue <= Number.MIN_SAFE_INTEGER ? undefined : s.minValue;
  const max = s.maxValue === null || s.maxValue >= Number.MAX_SAFE_INTEGER ? undefined : s.maxValue;
  return { min, max, integer: s.isInt };
}

const shown = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });

/**
 * What a number setting takes, in words to follow "must be": "a whole number from 1 to 64", "a number above 0,
 * at most 1,440", "a whole number, at least 1".
 */
export function numberRule(schema: NumberSchema): string {
  const s = numberSchema(schema);
  const { min, max, integer } = limitsOf(schema);
  const kind = integer ? 'a whole number' : 'a number';
  // A bound the schema itself refuses is exclusive (`positive()` is above 0).
  const minIncluded = min === undefined || s.safeParse(min).success;
  if (min !== undefined && max !== undefined && minIncluded) return `${kind} from ${shown(min)} to ${shown(max)}`;
  const parts = [
    ...(min === undefined ? [] : [`${minIncluded ? 'at least' : 'above'} ${shown(min)}`]),
    ...(max === undefined ? [] : [`at most ${shown(max)}`]),
  ];
  return parts.length === 0 ? kind : `${kind}${minIncluded ? ', ' : ' '}${parts.join(', ')}`;
}

/** A plain decimal number, as a person types one (1, -2.5, .5, 1e3). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Reads text a person typed for a number setting: the number when the setting's schema takes it, else undefined
 * (say {@link numberRule} to explain). Empty text is no number; a caller for whom empty means "off" or "keep"
 * checks that first.
 */
export function readNumber(text: string, schema: NumberSchema): number | undefined {
  const t = text.trim();
  // Decimal only: Number() would also take "0x10" and "0b1", and read "" as 0.
  if (!DECIMAL.test(t)) return undefined;
  const v = Number(t);
  return numberSchema(schema).safeParse(v).success ? v : undefined;
}
