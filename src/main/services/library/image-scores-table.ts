/** Owns the `image_scores` table: sharpness, exposure and perceptual hash per stored image. */
import type { ImageScores } from '@shared/curation';
import type { Db, WriteTx } from './database';

/** Scores of one image as computed (all present). */
export interface ComputedScores {
  sharpness: number;
  brightness: number;
  contrast: number;
  /** 16 hex digits. */
  phash: string;
}

/** Stores (or replaces) an image's scores. */
export function upsertScores(tx: WriteTx, hash: string, s: ComputedScores): void {
  tx.prepare(
    `INSERT INTO image_scores (hash, sharpness, brightness, contrast, phash) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(hash) DO UPDATE SET sharpness = excluded.sharpness, brightness = excluded.brightness,
       contrast = excluded.contrast, phash = excluded.phash`,
  ).run(hash, s.sharpness, s.brightness, s.contrast, s.phash);
}

/** An image's scores, all null when it was never scored. */
export function getScores(db: Db, hash: string): ImageScores {
  const row = db.prepare('SELECT sharpness, brightness, contrast, phash FROM image_scores WHERE hash = ?').get(hash) as
    | ImageScores
    | undefined;
  return row ?? { sharpness: null, brightness: null, contrast: null, phash: null };
}

/** Whether the image has scores. */
export function hasScores(db: Db, hash: string): boolean {
  return db.prepare('SELECT 1 FROM image_scores WHERE hash = ?').get(hash) !== undefined;
}
