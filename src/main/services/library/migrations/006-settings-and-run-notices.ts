import type { Migration } from './index';

/**
 * Library settings (a small key/value table, values as JSON; the pinned device is the first) and run notices:
 * things the user should know about a run that are not errors (a pinned device missing, a batch halved to fit the
 * GPU), kept with the run so they survive a restart.
 */
export const migration006: Migration = {
  version: 6,
  name: 'settings and run notices',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;
      ALTER TABLE runs ADD COLUMN notices TEXT NOT NULL DEFAULT '[]';
    `);
  },
};
