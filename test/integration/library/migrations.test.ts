import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, migrate, migrations } from '../../../src/main/services/library/migrations';
import { openLibraryDb } from '../../../src/main/services/library/database';
import { tempDir } from '../../support/temp-dir';

function tables(db: Database.Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[]).filter(
    (n) => !n.startsWith('sqlite_'),
  );
}

/** A style set and a finished run 'old' in it, as a library at an earlier version holds them. */
function insertOldRun(db: Database.Database): void {
  db.prepare(`INSERT INTO sets (id, name, kind, created_at) VALUES (1, 's', 'style', 'now')`).run();
  db.prepare(
    `INSERT INTO runs (id, name, style_set_id, content_set_id, config, state, weights, created_at, updated_at)
     VALUES ('old', 'n', 1, 1, '{}', 'done', '{}', 'now', 'now')`,
  ).run();
}

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('001 creates sets, images and set membership on a fresh database', () => {
    const db = new Database(join(tempDir(), 'a.sqlite'));
    expect(migrate(db, 1)).toBe(1);
    expect(tables(db)).toEqual(['images', 'set_images', 'sets']);
    db.prepare(`INSERT INTO sets (name, kind, created_at) VALUES ('Hayao', 'style', 'now')`).run();
    expect(() => db.prepare(`INSERT INTO sets (name, kind, created_at) VALUES ('hayao', 'style', 'now')`).run()).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO sets (name, kind, created_at) VALUES ('x', 'weird', 'now')`).run()).toThrow(/CHECK/);
    db.close();
  });

  it('002 adds jobs on top of 001 and keeps existing rows', () => {
    const db = new Database(join(tempDir(), 'b.sqlite'));
    migrate(db, 1);
    db.prepare(`INSERT INTO sets (name, kind, created_at) VALUES ('kept', 'content', 'now')`).run();
    expect(migrate(db, 2)).toBe(2);
    expect(tables(db)).toEqual(['images', 'job_items', 'jobs', 'set_images', 'sets']);
    expect(db.prepare('SELECT name FROM sets').pluck().get()).toBe('kept');
    db.close();
  });

  it('003 adds curation to a library imported before it, defaulting old items to unreviewed photos', () => {
    const db = new Database(join(tempDir(), 'e.sqlite'));
    migrate(db, 2);
    db.prepare(`INSERT INTO sets (id, name, kind, created_at) VALUES (1, 'old', 'content', 'now')`).run();
    db.prepare(`INSERT INTO images VALUES ('${'a'.repeat(64)}', 'jpeg', 10, 10, 100, 'now')`).run();
    db.prepare(`INSERT INTO set_images (set_id, hash, source_path, added_at) VALUES (1, '${'a'.repeat(64)}', '/p.jpg', 'now')`).run();
    db.prepare(`INSERT INTO jobs (id, kind, title, params, state, created_at, updated_at) VALUES ('j', 'import-photos', 't', '{}', 'done', 'n', 'n')`).run();
    expect(migrate(db, 3)).toBe(3);
    expect(tables(db)).toEqual([
      'curation_actions', 'curation_changes', 'image_scores', 'images', 'job_items', 'jobs', 'set_image_tags', 'set_images', 'sets',
    ]);
    expect(db.prepare('SELECT source_kind, source_time, status FROM set_images').get()).toEqual({
      source_kind: 'photo',
      source_time: null,
      status: 'unreviewed',
    });
    expect(db.prepare('SELECT counters FROM jobs').pluck().get()).toBe('{}');
    expect(() => db.prepare(`UPDATE set_images SET status = 'maybe'`).run()).toThrow(/CHECK/);
    db.close();
  });

  it('004 adds training runs on top of 003, with their metrics, weight changes and previews', () => {
    const db = new Database(join(tempDir(), 'f.sqlite'));
    migrate(db, 3);
    db.prepare(`INSERT INTO sets (id, name, kind, created_at) VALUES (1, 's', 'style', 'now')`).run();
    expect(migrate(db, 4)).toBe(4);
    for (const t of ['runs', 'run_metrics', 'run_weight_changes', 'run_previews']) expect(tables(db)).toContain(t);
    db.prepare(
      `INSERT INTO runs (id, name, style_set_id, content_set_id, config, state, weights, created_at, updated_at)
       VALUES ('r', 'n', 1, 1, '{}', 'running', '{}', 'now', 'now')`,
    ).run();
    expect(() =>
      db.prepare(`INSERT INTO runs (id, name, style_set_id, content_set_id, config, state, weights, created_at, updated_at) VALUES ('x', 'n', 9, 9, '{}', 's', '{}', 'n', 'n')`).run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('005 gives every job, old ones included, an empty list of notices', () => {
    const db = new Database(join(tempDir(), 'g.sqlite'));
    migrate(db, 4);
    db.prepare(`INSERT INTO jobs (id, kind, title, params, state, created_at, updated_at) VALUES ('j', 'k', 't', '{}', 'done', 'n', 'n')`).run();
    expect(migrate(db, 5)).toBe(5);
    expect(db.prepare(`SELECT notices FROM jobs WHERE id = 'j'`).pluck().get()).toBe('[]');
    db.close();
  });

  it('006 adds the settings table and gives every run, old ones included, an empty list of notices', () => {
    const db = new Database(join(tempDir(), 'h.sqlite'));
    migrate(db, 5);
    insertOldRun(db);
    expect(migrate(db, 6)).toBe(6);
    expect(tables(db)).toContain('settings');
    expect(db.prepare(`SELECT notices FROM runs WHERE id = 'old'`).pluck().get()).toBe('[]');
    db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('k', '1', 'now')`).run();
    expect(() => db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('k', '2', 'now')`).run()).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.prepare(`INSERT INTO settings (key, updated_at) VALUES ('v', 'now')`).run()).toThrow(/NOT NULL/);
    db.close();
  });

  it('008 adds a KID column to run metrics, NULL for the points recorded before it', () => {
    const db = new Database(join(tempDir(), 'i.sqlite'));
    migrate(db, 7);
    insertOldRun(db);
    db.prepare(
      `INSERT INTO run_metrics (run_id, step, phase, psnr, ssim, style_dist, step_ms, images_per_second)
       VALUES ('old', 1, 'gan', 20, 0.5, 0.3, 10, 1)`,
    ).run();
    expect(migrate(db, 8)).toBe(8);
    expect(db.prepare(`SELECT style_dist, kid FROM run_metrics WHERE run_id = 'old'`).get()).toEqual({ style_dist: 0.3, kid: null });
    db.prepare(
      `INSERT INTO run_metrics (run_id, step, phase, psnr, ssim, style_dist, kid, step_ms, images_per_second)
       VALUES ('old', 2, 'gan', 20, 0.5, 0.3, -0.002, 10, 1)`,
    ).run();
    expect(db.prepare(`SELECT kid FROM run_metrics WHERE step = 2`).pluck().get()).toBe(-0.002);
    db.close();
  });

  it('is idempotent and refuses a database from a newer studio', () => {
    const file = join(tempDir(), 'c.sqlite');
    const lib = openLibraryDb(file);
    expect(lib.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    lib.close();
    const again = openLibraryDb(file);
    expect(again.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    again.db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    again.close();
    expect(() => openLibraryDb(file)).toThrow(/newer Cel Studio/);
  });

  it('opens with WAL and foreign keys on', () => {
    const lib = openLibraryDb(join(tempDir(), 'd.sqlite'));
    expect(lib.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(lib.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      lib.write((tx) => tx.prepare(`INSERT INTO set_images (set_id, hash, source_path, added_at) VALUES (99, 'x', 'p', 'n')`).run()),
    ).toThrow(/FOREIGN KEY/);
    lib.close();
  });
});
