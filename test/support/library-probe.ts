/** Reads a library's database from outside, read-only, as a second process would while a job runs. */
import Database from 'better-sqlite3';
import { join } from 'node:path';

/** Runs a one-number query against the library, or returns null while its database does not exist yet. */
export function probeCount(lib: string, sql: string): number | null {
  try {
    const db = new Database(join(lib, 'library.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** Polls until `sql` counts at least `min` (or `timeoutMs` passes); returns the last count seen. */
export async function waitForCount(lib: string, sql: string, min: number, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let n = 0;
  while (Date.now() < deadline) {
    n = probeCount(lib, sql) ?? 0;
    if (n >= min) return n;
    await new Promise((r) => setTimeout(r, 25));
  }
  return n;
}
