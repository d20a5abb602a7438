/**
 * Numbered schema migrations. Each runs once, in order, inside a transaction; `PRAGMA user_version` records the
 * last one applied. Never edit a shipped migration: add the next number.
 */
import type { Database } from 'better-sqlite3';
import { migration001 } from './001-sets-and-images';
import { migration002 } from './002-jobs';
import { migration003 } from './003-curation';
import { migration004 } from './004-runs';
import { migration005 } from './005-job-notices';
import { migration006 } from './006-settings-and-run-notices';
import { migration007 } from './007-style-distance';
import { migration008 } from './008-kid';

/** One schema step. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/** Every migration, in order. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008];

/** The schema version this build of the studio writes. */
export const LATEST_SCHEMA_VERSION = migrations.length;

/**
 * Applies every migration above the database's `user_version` (up to `target`), returning the new version.
 * Refuses a database written by a newer studio rather than guessing at its schema.
 */
export function migrate(db: Database, target = LATEST_SCHEMA_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_SCHEMA_VERSION) {
    throw new Error(
      `this library was written by a newer Cel Studio (schema ${current}, this version knows ${LATEST_SCHEMA_VERSION})`,
    );
  }
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
