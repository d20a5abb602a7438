/** Which sets an import offers, where it goes before the user picks, and what a typed target name means. */
import { describe, expect, it } from 'vitest';
import type { SetKind, SetSummary } from '@shared/library';
import { defaultTarget, describeTarget, findSet, freeSetName, setsOfKind } from '../../../../src/renderer/src/features/datasets/importTarget';

const set = (id: number, name: string, kind: SetKind, imageCount = 0): SetSummary => ({ id, name, kind, imageCount, binCount: 0, createdAt: '' });
const anime = set(1, 'anime', 'style', 120);
const sketches = set(2, 'sketches', 'style', 30);
const photos = set(3, 'Photos', 'content', 500);
const zines = set(4, 'zines', 'style', 30);
const sets = [anime, sketches, photos, zines];

describe('setsOfKind', () => {
  it('offers only the sets of the kind being imported, largest first, then by name', () => {
    expect(setsOfKind(sets, 'style').map((s) => s.name)).toEqual(['anime', 'sketches', 'zines']);
    expect(setsOfKind(sets, 'content').map((s) => s.name)).toEqual(['Photos']);
    expect(setsOfKind([], 'style')).toEqual([]);
  });
});

describe('findSet', () => {
  it('finds a name as the library does: trimmed, ASCII letters in any case', () => {
    expect(findSet(sets, ' photos ')).toBe(photos);
    expect(findSet(sets, 'ANIME')).toBe(anime);
    expect(findSet(sets, '')).toBeUndefined();
    expect(findSet(sets, 'anim')).toBeUndefined();
  });

  it('keeps letters beyond ASCII apart, like SQLite NOCASE', () => {
    const e = set(9, 'été', 'style');
    expect(findSet([e], 'été')).toBe(e);
    expect(findSet([e], 'ÉTÉ')).toBeUndefined();
  });
});

describe('freeSetName', () => {
  it('is the base name when free, else the first free numbered one', () => {
    expect(freeSetName(sets, 'frames')).toBe('frames');
    expect(freeSetName(sets, 'photos')).toBe('photos 2');
    expect(freeSetName([...sets, set(5, 'photos 2', 'style')], 'photos')).toBe('photos 3');
  });
});

describe('defaultTarget', () => {
  it('is the selected set when it is of the kind being imported', () => {
    expect(defaultTarget(sets, 'style', sketches, 'frames')).toBe('sketches');
  });

  it('never follows a selected set of the other kind: the largest set of the right kind instead', () => {
    expect(defaultTarget(sets, 'style', photos, 'frames')).toBe('anime');
    expect(defaultTarget(sets, 'content', anime, 'photos')).toBe('Photos');
    expect(defaultTarget(sets, 'style', null, 'frames')).toBe('anime');
  });

  it('names a new set when there is none of the kind, never one taken by the other kind', () => {
    expect(defaultTarget([anime], 'content', anime, 'photos')).toBe('photos');
    expect(defaultTarget([set(7, 'frames', 'content')], 'style', null, 'frames')).toBe('frames 2');
  });
});

describe('describeTarget', () => {
  it('tells an existing set of the kind, one of the other kind, a new name and an empty one apart', () => {
    expect(describeTarget(sets, 'Anime', 'style')).toEqual({ state: 'existing', set: anime });
    expect(describeTarget(sets, 'anime', 'content')).toEqual({ state: 'other-kind', set: anime });
    expect(describeTarget(sets, '  film frames ', 'style')).toEqual({ state: 'new', name: 'film frames' });
    expect(describeTarget(sets, '   ', 'style')).toEqual({ state: 'empty' });
  });
});
