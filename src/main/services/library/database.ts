/**
 * Opens a library's SQLite file with the settings every connection needs and brings its schema up to date.
 * Reads may use the returned handle directly; writes go through {@link LibraryDb.write}, the one writer.
 */
import Database from 'better-sqlite3';
import { migrate } from './migrations';

/** A better-sqlite3 connection. */
export type Db = Database.Database;

declare const writeBrand: unique symbol;
/**
 * A connection inside a write transaction. Table modules take this type for their write functions, so a write
 * can only happen inside {@link LibraryDb.write}.
 */
export type WriteTx = Db & { readonly [writeBrand]: true };

/** The library's database: a read handle and the single writer. */
export interface LibraryDb {
  readonly db: Db;
  readonly schemaVersion: number;
  /** Runs `fn` in one IMMEDIATE transaction; everything it writes commits together or not at all. */
  write<T>(fn: (tx: WriteTx) => T): T;
  close(): void;
}

/** Statements slower than this are logged, as Signal Desktop does, to catch missing indexes early. */
const SLOW_QUERY_MS = 100;

/** Opens (creating if needed) the SQLite file at `file`: WAL, foreign keys on, busy timeout, migrated. */
export function openLibraryDb(file: string, opts: { log?: (line: string) => void } = {}): LibraryDb {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const schemaVersion = migrate(db);
    const log = opts.log;
    const runInTx = db.transaction((fn: (tx: WriteTx) => unknown) => fn(db as WriteTx));
    return {
      db,
      schemaVersion,
      write<T>(fn: (tx: WriteTx) => T): T {
        const started = performance.now();
        const result = runInTx.immediate(fn) as T;
        const ms = performance.now() - started;
        if (log && ms > SLOW_QUERY_MS) log(`slow write transaction: ${ms.toFixed(0)} ms`);
        return result;
      },
      close() {
        if (db.open) db.close();
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
}
