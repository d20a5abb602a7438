/** The path picker's arithmetic on path text: parents, joins, where it starts, the breadcrumb, what Choose picks. */
import { describe, expect, it } from 'vitest';
import type { BrowseEntry } from '@shared/browse';
import {
  chosenPath,
  crumbsOf,
  isPlainName,
  joinPath,
  lastSegment,
  parentOf,
  startTries,
  typeAhead,
} from '../../../../src/renderer/src/components/path-picker/pickerPaths';

const folder = (name: string, path = `/home/me/${name}`): BrowseEntry => ({ name, path, kind: 'folder' });
const file = (name: string, path = `/home/me/${name}`): BrowseEntry => ({ name, path, kind: 'file', bytes: 1 });

describe('path text', () => {
  it('finds the parent on POSIX and Windows paths, none above a root', () => {
    expect(parentOf('/home/me/films')).toBe('/home/me');
    expect(parentOf('/home/me/films/')).toBe('/home/me');
    expect(parentOf('/home')).toBe('/');
    expect(parentOf('/')).toBeNull();
    expect(parentOf('C:\\Users\\me')).toBe('C:\\Users');
    expect(parentOf('C:\\Users')).toBe('C:\\');
    expect(parentOf('C:\\')).toBeNull();
    expect(parentOf('~/films')).toBe('~');
    expect(parentOf('~')).toBeNull();
  });

  it('joins with the folder own separator and takes the last segment', () => {
    expect(joinPath('/home/me', 'clip.mp4')).toBe('/home/me/clip.mp4');
    expect(joinPath('/', 'tmp')).toBe('/tmp');
    expect(joinPath('C:\\Users\\me', 'clip.mp4')).toBe('C:\\Users\\me\\clip.mp4');
    expect(joinPath('C:\\', 'films')).toBe('C:\\films');
    expect(lastSegment('/films/out.mp4')).toBe('out.mp4');
    expect(lastSegment('C:\\films\\out\\')).toBe('out');
    expect(lastSegment('/')).toBe('');
  });

  it('accepts plain names only', () => {
    for (const ok of ['', 'clip.mp4', 'My Library', '..hidden']) expect(isPlainName(ok), ok).toBe(true);
    for (const bad of ['a/b', 'a\\b', '.', '..']) expect(isPlainName(bad), bad).toBe(false);
  });
});

describe('where the picker starts', () => {
  it('tries the value, then its folder, then home; a file to write starts in its folder', () => {
    expect(startTries('/films/clip.mp4', false, 'video')).toEqual(['/films/clip.mp4', '/films', undefined]);
    expect(startTries('/films/out.mp4', true, 'video')).toEqual(['/films', undefined]);
    expect(startTries('/pictures/holiday-anime', true, 'folder')).toEqual(['/pictures/holiday-anime', '/pictures', undefined]);
    expect(startTries('  ', false, 'folder')).toEqual([undefined]);
    expect(startTries('relative/path', false, 'folder')).toEqual([undefined]);
  });
});

describe('breadcrumb', () => {
  const roots = [
    { label: 'Home', path: '/home/me' },
    { label: 'Library', path: '/home/me/Studio' },
  ];

  it('starts at the innermost root holding the folder', () => {
    expect(crumbsOf('/home/me/films/2024', roots)).toEqual([
      { label: 'Home', path: '/home/me' },
      { label: 'films', path: '/home/me/films' },
      { label: '2024', path: '/home/me/films/2024' },
    ]);
    expect(crumbsOf('/home/me/Studio/exports', roots).map((c) => c.label)).toEqual(['Library', 'exports']);
    expect(crumbsOf('/home/me', roots)).toEqual([{ label: 'Home', path: '/home/me' }]);
    // A folder whose name merely starts like a root's is not inside it.
    expect(crumbsOf('/home/me2', roots)).toEqual([{ label: '/home/me2', path: '/home/me2' }]);
  });
});

describe('what Choose picks', () => {
  const base = { folder: '/home/me', active: null, name: '' };

  it('a folder: the highlighted one, else the one listed; saving, a typed name inside it', () => {
    expect(chosenPath({ ...base, kind: 'folder', save: false })).toBe('/home/me');
    expect(chosenPath({ ...base, kind: 'folder', save: false, active: folder('films') })).toBe('/home/me/films');
    expect(chosenPath({ ...base, kind: 'folder', save: true, active: folder('films'), name: 'Library' })).toBe('/home/me/Library');
    expect(chosenPath({ ...base, kind: 'folder', save: true, name: '  ' })).toBe('/home/me');
  });

  it('a file: only a highlighted file; saving, the typed name in the folder', () => {
    expect(chosenPath({ ...base, kind: 'video', save: false })).toBeNull();
    expect(chosenPath({ ...base, kind: 'video', save: false, active: folder('films') })).toBeNull();
    expect(chosenPath({ ...base, kind: 'video', save: false, active: file('a.mp4') })).toBe('/home/me/a.mp4');
    expect(chosenPath({ ...base, kind: 'image', save: true })).toBeNull();
    expect(chosenPath({ ...base, kind: 'image', save: true, name: 'still.png' })).toBe('/home/me/still.png');
  });
});

describe('type-ahead', () => {
  const entries = [folder('films'), folder('Frames'), file('alpha.mp4'), file('fig.png')];

  it('moves to the next entry starting with a letter, wrapping, and keeps a growing prefix in place', () => {
    expect(typeAhead(entries, -1, 'f')).toBe(0);
    expect(typeAhead(entries, 0, 'f')).toBe(1);
    expect(typeAhead(entries, 1, 'f')).toBe(3);
    expect(typeAhead(entries, 3, 'f')).toBe(0);
    expect(typeAhead(entries, 0, 'fi')).toBe(0);
    expect(typeAhead(entries, 0, 'fig')).toBe(3);
    expect(typeAhead(entries, 0, 'z')).toBe(-1);
  });
});
