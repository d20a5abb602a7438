import type { Migration } from './index';

/**
 * Notices of a job: things the user should know about a job that succeeded (sound re-encoded because the output
 * container cannot hold it, a codec fallback), kept with the job so they survive a restart.
 */
export const migration005: Migration = {
  version: 5,
  name: 'job notices',
  up(db) {
    db.exec(`ALTER TABLE jobs ADD COLUMN notices TEXT NOT NULL DEFAULT '[]'`);
  },
};
