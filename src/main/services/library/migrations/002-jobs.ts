import type { Migration } from './index';

/**
 * Persisted jobs and their work items. An item with a NULL outcome is still to do, which is what lets a job
 * resume after a crash exactly where it stopped.
 */
export const migration002: Migration = {
  version: 2,
  name: 'jobs',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id         TEXT PRIMARY KEY,
        kind       TEXT NOT NULL,
        title      TEXT NOT NULL,
        params     TEXT NOT NULL,
        state      TEXT NOT NULL,
        error      TEXT,
        -- 'pid@host' of the process running it and its last sign of life, so a second process opening the
        -- library can tell a live job from one whose process died.
        owner      TEXT,
        heartbeat_at INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE job_items (
        job_id  TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        seq     INTEGER NOT NULL,
        key     TEXT NOT NULL,
        outcome TEXT,
        detail  TEXT,
        PRIMARY KEY (job_id, seq)
      ) WITHOUT ROWID;
      CREATE INDEX job_items_pending ON job_items(job_id, outcome);
    `);
  },
};
