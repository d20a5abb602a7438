import type { SetKind, SetSummary } from '@shared/library';

/** What each kind of set is for, in a few words (tooltips wherever a kind is chosen). */
export const KIND_HINTS: Readonly<Record<SetKind, string>> = {
  style: 'Images that teach the look',
  content: 'Photos or frames the look is applied to',
};

/**
 * A set name as the library compares it: trimmed (like `SetName`) and case-folded for ASCII only, as SQLite's
 * NOCASE collation on `sets.name` does, so "Frames" and "frames" are one set but "É" and "é" are two.
 */
function nameKey(name: string): string {
  return name.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** The set called `name` as the library would find it, or undefined. */
export function findSet(sets: readonly SetSummary[], name: string): SetSummary | undefined {
  const key = nameKey(name);
  return key === '' ? undefined : sets.find((s) => nameKey(s.name) === key);
}

/** The sets an import of `kind` offers: only those of that kind, largest first, then by name. */
export function setsOfKind(sets: readonly SetSummary[], kind: SetKind): SetSummary[] {
  return sets.filter((s) => s.kind === kind).sort((a, b) => b.imageCount - a.imageCount || a.name.localeCompare(b.name));
}

/** `base` when no set has that name, else the first free of "`base` 2", "`base` 3", … */
export function freeSetName(sets: readonly SetSummary[], base: string): string {
  let name = base;
  for (let n = 2; findSet(sets, name); n += 1) name = `${base} ${n}`;
  return name;
}

/**
 * Where an import of `kind` goes until the user picks: the selected set when it is of that kind, else the largest
 * set of that kind, else a new set named after `base` (never the name of a set of the other kind).
 */
export function defaultTarget(sets: readonly SetSummary[], kind: SetKind, selected: SetSummary | null, base: string): string {
  if (selected?.kind === kind) return selected.name;
  return setsOfKind(sets, kind)[0]?.name ?? freeSetName(sets, base);
}

/** What the name typed as an import's target means. */
export type ImportTarget =
  | { state: 'empty' }
  /** A set of the kind being imported. */
  | { state: 'existing'; set: SetSummary }
  /** A set of the other kind: the import goes into it anyway (an existing set keeps its kind). */
  | { state: 'other-kind'; set: SetSummary }
  /** No such set: the import (or "Create") makes it, of the kind being imported. */
  | { state: 'new'; name: string };

/** Reads the name typed as the target of an import of `kind`. */
export function describeTarget(sets: readonly SetSummary[], name: string, kind: SetKind): ImportTarget {
  const trimmed = name.trim();
  if (trimmed === '') return { state: 'empty' };
  const set = findSet(sets, trimmed);
  if (!set) return { state: 'new', name: trimmed };
  return set.kind === kind ? { state: 'existing', set } : { state: 'other-kind', set };
}
