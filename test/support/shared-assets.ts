/**
 * `../shared/` (corpus and weights) sits beside every developer's and CI's clone, not beside a user's. Tests that
 * need it skip with a clear message when it is absent, and fail instead when CI=true.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Root of the shared folder beside the repository. */
export const SHARED_DIR = resolve(import.meta.dirname, '../../../shared');

/** Absolute path of `rel` inside ../shared, or undefined (with a printed reason) when it is missing. */
export function sharedPath(rel: string): string | undefined {
  const full = resolve(SHARED_DIR, rel);
  if (existsSync(full)) return full;
  const why = `${full} is missing: the tests that need ../shared/${rel} are skipped`;
  if (process.env.CI === 'true') throw new Error(`${why} — but CI=true, where ../shared must be present`);
  console.warn(why);
  return undefined;
}
