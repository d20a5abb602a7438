/** Which set the datasets page shows for the user's choice. */
import { describe, expect, it } from 'vitest';
import type { SetSummary } from '@shared/library';
import { pickSelectedSet } from '../../../../src/renderer/src/features/datasets/selection';

const set = (id: number, name: string): SetSummary => ({ id, name, kind: 'style', imageCount: 0, binCount: 0, createdAt: '' });
const sets = [set(1, 'photos'), set(2, 'Ghibli'), set(3, 'ghibli')];
const lib = '/lib';

describe('pickSelectedSet', () => {
  it('shows the chosen set by id', () => {
    expect(pickSelectedSet(sets, { libraryPath: lib, id: 2, name: null }, lib)?.id).toBe(2);
  });

  it('finds a set an import is creating by its name, exact case first, then any case', () => {
    expect(pickSelectedSet(sets, { libraryPath: lib, id: null, name: ' ghibli ' }, lib)?.id).toBe(3);
    expect(pickSelectedSet(sets, { libraryPath: lib, id: null, name: 'GHIBLI' }, lib)?.id).toBe(2);
  });

  it('prefers the id over the name, and falls back to the name when the id is gone', () => {
    expect(pickSelectedSet(sets, { libraryPath: lib, id: 1, name: 'Ghibli' }, lib)?.id).toBe(1);
    expect(pickSelectedSet(sets, { libraryPath: lib, id: 99, name: 'Ghibli' }, lib)?.id).toBe(2);
  });

  it('falls back to the first set for an unknown choice, or one made in another library', () => {
    expect(pickSelectedSet(sets, { libraryPath: lib, id: 99, name: 'nope' }, lib)?.id).toBe(1);
    expect(pickSelectedSet(sets, { libraryPath: '/other', id: 2, name: null }, lib)?.id).toBe(1);
    expect(pickSelectedSet(sets, { libraryPath: lib, id: null, name: '   ' }, lib)?.id).toBe(1);
  });

  it('shows nothing when there are no sets', () => {
    expect(pickSelectedSet([], { libraryPath: lib, id: 1, name: 'x' }, lib)).toBeNull();
  });
});
