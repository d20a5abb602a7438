import type { Migration } from './index';

/**
 * Curation: where each member of a set came from (photo or a time in a clip), its decision, tags, per-image
 * scores, and an undo log of curation actions. Jobs gain counters and a per-item checkpoint so a long item
 * (a clip) resumes mid-way.
 */
export const migration003: Migration = {
  version: 3,
  name: 'curation',
  up(db) {
    db.exec(`
      ALTER TABLE set_images ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'photo' CHECK (source_kind IN ('photo', 'video'));
      ALTER TABLE set_images ADD COLUMN source_time REAL;
      ALTER TABLE set_images ADD COLUMN status TEXT NOT NULL DEFAULT 'unreviewed'
        CHECK (status IN ('unreviewed', 'accepted', 'rejected'));
      CREATE INDEX set_images_by_status ON set_images(set_id, status);

      CREATE TABLE image_scores (
        hash       TEXT PRIMARY KEY REFERENCES images(hash) ON DELETE CASCADE,
        sharpness  REAL NOT NULL,
        brightness REAL NOT NULL,
        contrast   REAL NOT NULL,
        phash      TEXT NOT NULL CHECK (length(phash) = 16)
      ) WITHOUT ROWID;

      CREATE TABLE set_image_tags (
        item_id INTEGER NOT NULL REFERENCES set_images(id) ON DELETE CASCADE,
        tag     TEXT NOT NULL,
        PRIMARY KEY (item_id, tag)
      ) WITHOUT ROWID;
      CREATE INDEX set_image_tags_by_tag ON set_image_tags(tag);

      CREATE TABLE curation_actions (
        id          INTEGER PRIMARY KEY,
        set_id      INTEGER NOT NULL REFERENCES sets(id) ON DELETE CASCADE,
        description TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        undone_at   TEXT
      );
      CREATE TABLE curation_changes (
        action_id INTEGER NOT NULL REFERENCES curation_actions(id) ON DELETE CASCADE,
        item_id   INTEGER NOT NULL REFERENCES set_images(id) ON DELETE CASCADE,
        -- 'status' (before/after are statuses) or 'tag' (before/after are '0'/'1': tag absent/present)
        field     TEXT NOT NULL,
        tag       TEXT,
        before    TEXT NOT NULL,
        after     TEXT NOT NULL
      );
      CREATE INDEX curation_changes_by_action ON curation_changes(action_id);

      ALTER TABLE jobs ADD COLUMN counters TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE job_items ADD COLUMN checkpoint TEXT;
    `);
  },
};
