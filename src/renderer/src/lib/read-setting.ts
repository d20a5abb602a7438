/** Reading a form's number field against the contract's schema for the setting, with the problem it reports. */
import { numberRule, readNumber } from '@shared/number-limits';

type NumberSchema = Parameters<typeof readNumber>[1];

/** A number field as read: its value, or the problem to report, naming the field as a VALIDATION error would. */
export type ReadSetting<T> = { value: T } | { problem: { message: string; field: string } };

/**
 * Reads `text` for the setting `field` (its schema from the contract). `label` names it in the problem: "JPEG
 * quality must be a whole number from 1 to 100." Where `emptyMeans` is given (what leaving the field empty does,
 * e.g. "keep the size"), empty text reads as null and the problem mentions it.
 */
export function readSetting(text: string, schema: NumberSchema, label: string, field: string): ReadSetting<number>;
export function readSetting(text: string, schema: NumberSchema, label: string, field: string, emptyMeans: string): ReadSetting<number | null>;
export function readSetting(text: string, schema: NumberSchema, label: string, field: string, emptyMeans?: string): ReadSetting<number | null> {
  if (emptyMeans !== undefined && text.trim() === '') return { value: null };
  const value = readNumber(text, schema);
  if (value !== undefined) return { value };
  const orEmpty = emptyMeans === undefined ? '' : `, or empty to ${emptyMeans}`;
  return { problem: { message: `${label} must be ${numberRule(schema)}${orEmpty}.`, field } };
}
