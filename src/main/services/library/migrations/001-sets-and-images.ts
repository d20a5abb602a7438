import type { Migration } from './index';

/** Sets, content-addressed images, and which image belongs to which set (in import order). */
export const migration001: Migration = {
  version: 1,
  name: 'sets and images',
  up(db) {
    db.exec(`
      CREATE TABLE sets (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
        kind       TEXT NOT NULL CHECK (kind IN ('style', 'content')),
        created_at TEXT NOT NULL
      );
      CREATE TABLE images (
        hash       TEXT PRIMARY KEY CHECK (length(hash) = 64),
        format     TEXT NOT NULL,
        width      INTEGER NOT NULL CHECK (width > 0),
        height     INTEGER NOT NULL CHECK (height > 0),
        bytes      INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE set_images (
        id          INTEGER PRIMARY KEY,
        set_id      INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
        hash        TEXT NOT NULL REFERENCES images(hash),
        source_path TEXT NOT NULL,
        added_at    TEXT NOT NULL,
        UNIQUE (set_id, hash)
      );
      CREATE INDEX set_images_by_hash ON set_images(hash);
    `);
  },
};
