/**
 * Focus and selection of the curation grid as plain data. Focus is kept by item id (so it follows an item when
 * a refresh moves it) with the last index as a fallback (so deciding an item that then leaves the filtered list
 * leaves the focus where it was, on the next one).
 */
export interface Cursor {
  focusId: number | null;
  focusIndex: number;
  /** Where a shift-range starts. */
  anchorId: number | null;
  selected: ReadonlySet<number>;
}

export const INITIAL_CURSOR: Cursor = { focusId: null, focusIndex: 0, anchorId: null, selected: new Set() };

/** The focused position in `ids`, or -1 when the list is empty. */
export function focusIndexIn(c: Cursor, ids: readonly number[]): number {
  if (ids.length === 0) return -1;
  const byId = c.focusId === null ? -1 : ids.indexOf(c.focusId);
  return byId >= 0 ? byId : Math.min(Math.max(0, c.focusIndex), ids.length - 1);
}

function clamp(index: number, ids: readonly number[]): number {
  return Math.min(Math.max(0, index), ids.length - 1);
}

function range(ids: readonly number[], a: number, b: number): Set<number> {
  return new Set(ids.slice(Math.min(a, b), Math.max(a, b) + 1));
}

function anchorIndex(c: Cursor, ids: readonly number[]): number {
  const i = c.anchorId === null ? -1 : ids.indexOf(c.anchorId);
  return i >= 0 ? i : focusIndexIn(c, ids);
}

/** Moves the focus to `index`; `extend` (shift) selects from the anchor to there, else the selection clears. */
export function moveTo(c: Cursor, ids: readonly number[], index: number, extend: boolean): Cursor {
  if (ids.length === 0) return c;
  const to = clamp(index, ids);
  const id = ids[to] ?? null;
  if (extend) {
    const from = anchorIndex(c, ids);
    return { focusId: id, focusIndex: to, anchorId: ids[from] ?? null, selected: range(ids, from, to) };
  }
  return { focusId: id, focusIndex: to, anchorId: id, selected: new Set() };
}

/** A click: plain focuses, shift selects a range from the anchor, ctrl/cmd toggles the item. */
export function clickAt(c: Cursor, ids: readonly number[], index: number, mods: { shift: boolean; toggle: boolean }): Cursor {
  if (mods.shift) {
    const next = moveTo(c, ids, index, true);
    return mods.toggle ? { ...next, selected: new Set([...c.selected, ...next.selected]) } : next;
  }
  if (mods.toggle) {
    const id = ids[index];
    if (id === undefined) return c;
    const selected = new Set(c.selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    return { focusId: id, focusIndex: index, anchorId: id, selected };
  }
  return moveTo(c, ids, index, false);
}

export function selectAll(c: Cursor, ids: readonly number[]): Cursor {
  return { ...c, selected: new Set(ids) };
}

export function clearSelection(c: Cursor): Cursor {
  return c.selected.size === 0 ? c : { ...c, selected: new Set() };
}

/** The selected ids still in the list, in list order. */
export function selectedIn(c: Cursor, ids: readonly number[]): number[] {
  if (c.selected.size === 0) return [];
  return ids.filter((id) => c.selected.has(id));
}
