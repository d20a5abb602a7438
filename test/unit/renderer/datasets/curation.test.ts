/** The curation grid's cursor (focus, anchor, selection) and its query turned into the contract's filter. */
import { describe, expect, it } from 'vitest';
import { parseCallInput } from '@shared/contract';
import {
  clearSelection,
  clickAt,
  focusIndexIn,
  INITIAL_CURSOR,
  moveTo,
  selectAll,
  selectedIn,
  type Cursor,
} from '../../../../src/renderer/src/features/datasets/curation/cursor';
import { DEFAULT_QUERY, isFiltered, isInvertedRange, toItemFilter, toQueryArg, type CurationQuery } from '../../../../src/renderer/src/features/datasets/curation/query';
import { clusterTitle, sharpnessTitle } from '../../../../src/renderer/src/features/datasets/curation/badges';
import { parseSourceValue, sourceGroups, sourceValue, SOURCES_LISTED } from '../../../../src/renderer/src/features/datasets/curation/sources';

const ids = [10, 20, 30, 40, 50];
const sel = (c: Cursor) => [...c.selected].sort((a, b) => a - b);
const plain = { shift: false, toggle: false };
const shift = { shift: true, toggle: false };
const toggle = { shift: false, toggle: true };

describe('cursor focus', () => {
  it('follows the focused item when a refresh moves it', () => {
    const c = moveTo(INITIAL_CURSOR, ids, 2, false);
    expect(focusIndexIn(c, [30, 10, 20])).toBe(0);
  });

  it('stays at the same place when the focused item leaves the list (decided out of the filter)', () => {
    const c = moveTo(INITIAL_CURSOR, ids, 2, false);
    expect(focusIndexIn(c, [10, 20, 40, 50])).toBe(2); // now on 40, the next one
    expect(focusIndexIn(c, [10])).toBe(0); // clamped to the shorter list
    expect(focusIndexIn(c, [])).toBe(-1);
  });

  it('clamps moves to the list and ignores moves in an empty one', () => {
    expect(moveTo(INITIAL_CURSOR, ids, -3, false).focusId).toBe(10);
    expect(moveTo(INITIAL_CURSOR, ids, 99, false)).toMatchObject({ focusId: 50, focusIndex: 4 });
    expect(moveTo(INITIAL_CURSOR, [], 3, false)).toBe(INITIAL_CURSOR);
  });
});

describe('cursor selection', () => {
  it('selects from the anchor to the focus with shift, both ways, and keeps the anchor', () => {
    let c = clickAt(INITIAL_CURSOR, ids, 1, plain);
    c = clickAt(c, ids, 3, shift);
    expect(sel(c)).toEqual([20, 30, 40]);
    c = clickAt(c, ids, 0, shift); // the range pivots on the anchor, it does not grow from the focus
    expect(sel(c)).toEqual([10, 20]);
    expect(c.anchorId).toBe(20);
  });

  it('extends with shift+arrow moves as with shift+click', () => {
    let c = moveTo(INITIAL_CURSOR, ids, 2, false);
    c = moveTo(c, ids, 3, true);
    c = moveTo(c, ids, 4, true);
    expect(sel(c)).toEqual([30, 40, 50]);
  });

  it('clears the selection on a plain move or click', () => {
    const c = clickAt(clickAt(INITIAL_CURSOR, ids, 0, plain), ids, 2, shift);
    expect(sel(moveTo(c, ids, 4, false))).toEqual([]);
    expect(sel(clickAt(c, ids, 4, plain))).toEqual([]);
  });

  it('toggles single items with ctrl/cmd, moving the anchor there', () => {
    let c = clickAt(INITIAL_CURSOR, ids, 0, toggle);
    c = clickAt(c, ids, 3, toggle);
    expect(sel(c)).toEqual([10, 40]);
    c = clickAt(c, ids, 0, toggle);
    expect(sel(c)).toEqual([40]);
    expect(c.anchorId).toBe(10);
    expect(clickAt(c, ids, 99, toggle)).toBe(c);
  });

  it('adds a shift range to what is selected with ctrl/cmd+shift', () => {
    let c = clickAt(INITIAL_CURSOR, ids, 0, toggle); // {10}, anchor 10
    c = clickAt(c, ids, 4, toggle); // {10, 50}, anchor 50
    c = clickAt(c, ids, 3, { shift: true, toggle: true });
    expect(sel(c)).toEqual([10, 40, 50]);
  });

  it('starts a shift range from the focus when the anchor left the list', () => {
    const c = moveTo(INITIAL_CURSOR, ids, 1, false); // anchor 20
    const after = [10, 30, 40, 50]; // 20 decided away; focus index 1 is now 30
    expect(sel(clickAt(c, after, 3, shift))).toEqual([30, 40, 50]);
  });

  it('selects all, clears, and reports the selection in list order among the ids still listed', () => {
    const all = selectAll(INITIAL_CURSOR, ids);
    expect(selectedIn(all, [50, 30, 99])).toEqual([50, 30]);
    const none = clearSelection(all);
    expect(selectedIn(none, ids)).toEqual([]);
    expect(clearSelection(none)).toBe(none);
  });

  it('never changes the cursor it is given', () => {
    const c = clickAt(INITIAL_CURSOR, ids, 0, toggle);
    const before = sel(c);
    clickAt(c, ids, 2, toggle);
    clickAt(c, ids, 3, shift);
    expect(sel(c)).toEqual(before);
    expect(INITIAL_CURSOR.selected.size).toBe(0);
  });
});

describe('curation query', () => {
  const q = (over: Partial<CurationQuery>): CurationQuery => ({ ...DEFAULT_QUERY, ...over });

  it('sends an empty filter for the default query', () => {
    expect(toItemFilter(DEFAULT_QUERY)).toEqual({});
    expect(isFiltered(DEFAULT_QUERY)).toBe(false);
  });

  it('does not count sorting or the duplicate distance as filtering', () => {
    expect(isFiltered(q({ sortBy: 'sharpness', sortDir: 'desc', dedupeDistance: 12 }))).toBe(false);
  });

  it('filters by status only when not all three are shown', () => {
    expect(toItemFilter(q({ statuses: ['accepted'] }))).toEqual({ status: ['accepted'] });
    expect(toItemFilter(q({ statuses: [] }))).toEqual({ status: [] });
    expect(toItemFilter(q({ statuses: ['rejected', 'accepted', 'unreviewed'] }))).toEqual({});
  });

  it('keeps half-open score ranges and ignores inverted ones (the service would refuse them)', () => {
    const f = toItemFilter(q({ ranges: { sharpness: { min: 100 }, brightness: { min: 200, max: 50 }, contrast: { max: 0 } } }));
    expect(f).toEqual({ sharpness: { min: 100 }, contrast: { max: 0 } });
    expect(isInvertedRange({ min: 200, max: 50 })).toBe(true);
    expect(isInvertedRange({ min: 5, max: 5 })).toBe(false);
    expect(isInvertedRange({ min: 5 })).toBe(false);
    expect(isFiltered(q({ ranges: { sharpness: { min: 2, max: 1 }, brightness: {}, contrast: {} } }))).toBe(false);
  });

  it('builds an items.query argument the contract accepts', () => {
    const query = q({
      statuses: ['unreviewed', 'accepted'],
      source: { kind: 'file', path: '/clips/a.mp4' },
      tag: 'sky',
      ranges: { sharpness: { min: 0, max: 10 }, brightness: {}, contrast: { min: 3 } },
      duplicatesOnly: true,
      sortBy: 'cluster',
      sortDir: 'desc',
      dedupeDistance: 0,
    });
    const arg = toQueryArg(7, query);
    expect(arg.filter?.duplicatesOnly).toBe(true);
    expect(parseCallInput('items.query', arg)).toMatchObject(arg);
  });

  it('copies the ranges it sends, so editing the query later cannot change a sent filter', () => {
    const ranges = { sharpness: { min: 1 }, brightness: {}, contrast: {} };
    const f = toItemFilter(q({ ranges }));
    ranges.sharpness.min = 99;
    expect(f.sharpness).toEqual({ min: 1 });
  });
});

describe('source filter entries', () => {
  const q = (over: Partial<CurationQuery>): CurationQuery => ({ ...DEFAULT_QUERY, ...over });
  const photos = (n: number, folder = '/home/u/Pictures/trip') =>
    Array.from({ length: n }, (_, i) => ({ path: `${folder}/IMG_${String(i).padStart(4, '0')}.jpg`, kind: 'photo' as const, count: 1 }));
  const clips = [
    { path: '/clips/a.mp4', kind: 'video' as const, count: 412 },
    { path: '/clips/b.mp4', kind: 'video' as const, count: 300 },
  ];

  it('lists a short list file by file, as before', () => {
    const groups = sourceGroups([...clips, ...photos(3)]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.label).toBeNull();
    expect(groups[0]!.options.map((o) => o.label)).toEqual(['a.mp4 (412)', 'b.mp4 (300)', 'IMG_0000.jpg (1)', 'IMG_0001.jpg (1)', 'IMG_0002.jpg (1)']);
    expect(sourceGroups([])).toEqual([]);
  });

  it('lists 118 photos as one entry per folder, and keeps the clips by name', () => {
    const groups = sourceGroups([...clips, ...photos(100), ...photos(18, 'C:\\scans\\old')]);
    expect(groups.map((g) => g.label)).toEqual(['Videos', 'Photos']);
    expect(groups[0]!.options.map((o) => o.label)).toEqual(['a.mp4 (412)', 'b.mp4 (300)']);
    expect(groups[1]!.options.map((o) => o.label)).toEqual(['trip/ (100 photos)', 'old/ (18 photos)']);
    expect(groups[1]!.options[1]!.choice).toEqual({ kind: 'folder', sourceKind: 'photo', folder: 'C:\\scans\\old' });
    expect(SOURCES_LISTED).toBeLessThan(18);
  });

  it('turns an entry into the filter that shows exactly its items', () => {
    const [, photoGroup] = sourceGroups([...clips, ...photos(20)]);
    const entry = photoGroup!.options[0]!;
    expect(parseSourceValue(entry.value)).toEqual(entry.choice);
    expect(toItemFilter(q({ source: entry.choice }))).toEqual({ sourceKind: 'photo', sourceFolder: '/home/u/Pictures/trip' });
    const file = { kind: 'file', path: '/clips/a:b.mp4' } as const;
    expect(parseSourceValue(sourceValue(file))).toEqual(file);
    expect(toItemFilter(q({ source: file }))).toEqual({ sourcePath: '/clips/a:b.mp4' });
    expect(parseSourceValue('')).toBeNull();
  });
});

describe('grid badges', () => {
  it('say what their numbers mean', () => {
    expect(sharpnessTitle(1105.4)).toMatch(/^Sharpness 1,105 \(variance of the Laplacian\): higher is crisper/);
    expect(clusterTitle(2, true)).toMatch(/^Near-duplicate group 2; ★ this is its sharpest/);
    expect(clusterTitle(2, false)).toMatch(/^Near-duplicate group 2: /);
  });
});
