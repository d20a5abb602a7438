/** The curation grid's keys: what each press means, and which presses are left to the page. */
import { beforeAll, describe, expect, it } from 'vitest';
import { commandFor, type KeyLike } from '../../../../src/renderer/src/features/datasets/curation/keys';

// The key map asks whether the target is an element; in Node there are none, so a bare class stands in.
beforeAll(() => {
  (globalThis as { HTMLElement?: unknown }).HTMLElement ??= class {};
  (globalThis as { HTMLInputElement?: unknown }).HTMLInputElement ??= class {};
});

const press = (key: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: null,
  ...mods,
});

describe('curation keys', () => {
  it('decides with A, R and N in either case', () => {
    expect(['a', 'R', 'n'].map((k) => commandFor(press(k), 4, 3))).toEqual([
      { type: 'decide', status: 'accepted' },
      { type: 'decide', status: 'rejected' },
      { type: 'decide', status: 'unreviewed' },
    ]);
  });

  it('switches the preview with 1, 2 and 3', () => {
    expect(['1', '2', '3'].map((k) => commandFor(press(k), 4, 3))).toEqual([
      { type: 'preview', variant: 'original' },
      { type: 'preview', variant: 'gray' },
      { type: 'preview', variant: 'smooth' },
    ]);
  });

  it('undoes with U or ctrl/cmd+Z, selects all with ctrl/cmd+A, and leaves other chords alone', () => {
    expect(commandFor(press('u'), 4, 3)).toEqual({ type: 'undo' });
    expect(commandFor(press('z', { metaKey: true }), 4, 3)).toEqual({ type: 'undo' });
    expect(commandFor(press('a', { ctrlKey: true }), 4, 3)).toEqual({ type: 'selectAll' });
    expect([commandFor(press('r', { ctrlKey: true }), 4, 3), commandFor(press('a', { altKey: true }), 4, 3), commandFor(press('4'), 4, 3)]).toEqual([null, null, null]);
  });

  it('moves by rows and pages, extending with shift', () => {
    expect(commandFor(press('ArrowDown', { shiftKey: true }), 4, 3)).toEqual({ type: 'move', by: 4, extend: true });
    expect(commandFor(press('PageUp'), 4, 3)).toEqual({ type: 'move', by: -8, extend: false });
  });
});
