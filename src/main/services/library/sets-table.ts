/** Owns the `sets` table. */
import type { SetKind, SetSummary } from '@shared/library';
import type { Db, WriteTx } from './database';

interface SetRow {
  id: number;
  name: string;
  kind: SetKind;
  created_at: string;
  image_count: number;
  bin_count: number;
}

const SELECT = `
  SELECT s.id, s.name, s.kind, s.created_at,
         (SELECT count(*) FROM set_images si WHERE si.set_id = s.id) AS image_count,
         (SELECT count(*) FROM set_images si WHERE si.set_id = s.id AND si.status = 'rejected') AS bin_count
  FROM sets s`;

function toSummary(r: SetRow): SetSummary {
  return { id: r.id, name: r.name, kind: r.kind, imageCount: r.image_count, binCount: r.bin_count, createdAt: r.created_at };
}

/** Every set, by name. */
export function listSets(db: Db): SetSummary[] {
  return (db.prepare(`${SELECT} ORDER BY s.name COLLATE NOCASE`).all() as SetRow[]).map(toSummary);
}

/** The set called `name` (case-insensitive), or undefined. */
export function findSetByName(db: Db, name: string): SetSummary | undefined {
  const row = db.prepare(`${SELECT} WHERE s.name = ?`).get(name) as SetRow | undefined;
  return row && toSummary(row);
}

/** The set with `id`, or undefined. */
export function getSet(db: Db, id: number): SetSummary | undefined {
  const row = db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as SetRow | undefined;
  return row && toSummary(row);
}

/** Inserts a set and returns its id; the caller checks the name is free. */
export function insertSet(tx: WriteTx, name: string, kind: SetKind, now: string): number {
  const info = tx.prepare('INSERT INTO sets (name, kind, created_at) VALUES (?, ?, ?)').run(name, kind, now);
  return Number(info.lastInsertRowid);
}

/** Number of sets. */
export function countSets(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM sets').get() as { n: number }).n;
}
