import type { SetSummary } from '@shared/library';

/** What the user picked: an id, or the name of a set an import is about to create. Scoped to one library. */
export interface SetChoice {
  libraryPath: string | null;
  id: number | null;
  name: string | null;
}

/**
 * The set to show. Falls back to the first set, so a fresh library with one set shows it without a click, and
 * an import into a new set selects it as soon as the set appears.
 */
export function pickSelectedSet(sets: SetSummary[], choice: SetChoice, libraryPath: string | null): SetSummary | null {
  if (choice.libraryPath === libraryPath) {
    const byId = choice.id === null ? undefined : sets.find((s) => s.id === choice.id);
    if (byId) return byId;
    const name = choice.name?.trim();
    if (name) {
      const byName = sets.find((s) => s.name === name) ?? sets.find((s) => s.name.toLowerCase() === name.toLowerCase());
      if (byName) return byName;
    }
  }
  return sets[0] ?? null;
}
