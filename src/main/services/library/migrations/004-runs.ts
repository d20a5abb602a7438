import type { Migration } from './index';

/**
 * Training runs: their configuration and state, every metric point, every weight change with the step it
 * applied at (so a run can be replayed), and preview images per step.
 */
export const migration004: Migration = {
  version: 4,
  name: 'training runs',
  up(db) {
    db.exec(`
      CREATE TABLE runs (
        id             TEXT PRIMARY KEY,
        name           TEXT NOT NULL,
        style_set_id   INTEGER NOT NULL REFERENCES sets(id),
        content_set_id INTEGER NOT NULL REFERENCES sets(id),
        config         TEXT NOT NULL,
        state          TEXT NOT NULL,
        backend        TEXT,
        step           INTEGER NOT NULL DEFAULT 0,
        weights        TEXT NOT NULL,
        vgg_note       TEXT,
        checkpoint_step INTEGER,
        error          TEXT,
        owner          TEXT,
        heartbeat_at   INTEGER,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      );
      CREATE TABLE run_metrics (
        run_id  TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        step    INTEGER NOT NULL,
        phase   TEXT NOT NULL,
        g_total REAL, d_total REAL, adv REAL, con REAL, gra REAL, col REAL, tv REAL, cycle REAL,
        psnr    REAL, ssim REAL,
        step_ms REAL NOT NULL,
        images_per_second REAL NOT NULL,
        PRIMARY KEY (run_id, step)
      ) WITHOUT ROWID;
      CREATE TABLE run_weight_changes (
        run_id  TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        step    INTEGER NOT NULL,
        weights TEXT NOT NULL
      );
      CREATE INDEX run_weight_changes_by_run ON run_weight_changes(run_id, step);
      CREATE TABLE run_previews (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        step   INTEGER NOT NULL,
        name   TEXT NOT NULL,
        hash   TEXT NOT NULL,
        PRIMARY KEY (run_id, step, name)
      ) WITHOUT ROWID;
    `);
  },
};
