/** Default output paths of the convert and stills pages, for either separator, as the user typed the input. */
import { describe, expect, it } from 'vitest';
import { joinPath } from '../../../../src/renderer/src/components/path-picker/pickerPaths';
import {
  besideWith,
  defaultClipOutput,
  defaultFolderOutput,
  defaultImageOutput,
  defaultStillOutput,
  fileTime,
  isJpegPath,
  splitPath,
} from '../../../../src/renderer/src/features/convert/paths';

describe('splitPath', () => {
  it('splits POSIX and Windows paths at the last separator of either kind', () => {
    expect(splitPath('/films/clip.mkv')).toEqual({ folder: '/films/', stem: 'clip', ext: '.mkv' });
    expect(splitPath('C:\\films\\clip.mkv')).toEqual({ folder: 'C:\\films\\', stem: 'clip', ext: '.mkv' });
    expect(splitPath('C:\\films/mixed\\clip.mkv')).toEqual({ folder: 'C:\\films/mixed\\', stem: 'clip', ext: '.mkv' });
    expect(splitPath('~/clip.mp4')).toEqual({ folder: '~/', stem: 'clip', ext: '.mp4' });
  });

  it('takes only the last dot as the extension, and none from the folder', () => {
    expect(splitPath('/a/clip.final.v2.mp4')).toEqual({ folder: '/a/', stem: 'clip.final.v2', ext: '.mp4' });
    expect(splitPath('/my.films/clip')).toEqual({ folder: '/my.films/', stem: 'clip', ext: '' });
    expect(splitPath('C:\\my.films\\clip')).toEqual({ folder: 'C:\\my.films\\', stem: 'clip', ext: '' });
  });

  it('keeps a hidden file’s leading dot in its stem', () => {
    expect(splitPath('/a/.hidden')).toEqual({ folder: '/a/', stem: '.hidden', ext: '' });
    expect(splitPath('/a/.hidden.mp4')).toEqual({ folder: '/a/', stem: '.hidden', ext: '.mp4' });
  });

  it('handles a bare name and a folder path with no name', () => {
    expect(splitPath('clip.mp4')).toEqual({ folder: '', stem: 'clip', ext: '.mp4' });
    expect(splitPath('/a/b/')).toEqual({ folder: '/a/b/', stem: '', ext: '' });
    expect(splitPath('')).toEqual({ folder: '', stem: '', ext: '' });
  });

  it('puts the pieces back together as the input', () => {
    for (const p of ['/a/b.c.d', 'C:\\x\\.y', 'name', '/a/b/', '\\\\server\\share\\f.png']) {
      const { folder, stem, ext } = splitPath(p);
      expect(folder + stem + ext).toBe(p);
    }
  });
});

describe('default outputs', () => {
  it('puts a converted clip beside the input as <stem>-anime.mp4, whatever the input container', () => {
    expect(defaultClipOutput('/films/clip.mkv')).toBe('/films/clip-anime.mp4');
    expect(defaultClipOutput('C:\\films\\clip.final.MOV')).toBe('C:\\films\\clip.final-anime.mp4');
    expect(defaultClipOutput('  ~/clip.webm  ')).toBe('~/clip-anime.mp4');
    expect(defaultClipOutput('/films/noext')).toBe('/films/noext-anime.mp4');
  });

  it('puts a stylized image beside it as PNG', () => {
    expect(defaultImageOutput('/p/photo.JPG')).toBe('/p/photo-anime.png');
    expect(defaultImageOutput('D:\\p\\.photo')).toBe('D:\\p\\.photo-anime.png');
  });

  it('names a still after the clip and the frame time', () => {
    expect(defaultStillOutput('/films/clip.mkv', 65.25)).toBe('/films/clip-1m05.25s.png');
    expect(defaultStillOutput('C:\\f\\clip.mp4', 0)).toBe('C:\\f\\clip-0m00.00s.png');
  });

  it("puts every kind of output in the library's exports folder when there is one", () => {
    const exports = '/lib/exports';
    expect(defaultClipOutput('/media/cdrom/clip.mkv', '.webm', exports)).toBe('/lib/exports/clip-anime.webm');
    expect(defaultStillOutput('/films/clip.mkv', 65.25, exports)).toBe('/lib/exports/clip-1m05.25s.png');
    expect(defaultImageOutput('C:\\p\\photo.JPG', exports)).toBe('/lib/exports/photo-anime.png');
    expect(defaultFolderOutput('/photos/trip.2024/', exports)).toBe('/lib/exports/trip.2024-anime');
    expect(defaultFolderOutput('C:\\', exports)).toBe('');
  });

  it("joins with the exports folder's own separator (the path picker's joinPath)", () => {
    expect(joinPath('D:\\lib\\exports', 'a.png')).toBe('D:\\lib\\exports\\a.png');
    expect(joinPath('/lib/exports/', 'a.png')).toBe('/lib/exports/a.png');
    expect(defaultClipOutput('/films/clip.mkv', '.mp4', 'D:\\lib\\exports')).toBe('D:\\lib\\exports\\clip-anime.mp4');
  });

  it('trims what was typed before splitting', () => {
    expect(besideWith('  /a/b.mkv\n', '-x.mp4')).toBe('/a/b-x.mp4');
  });
});

describe('fileTime', () => {
  it('carries 59.999 s into the next minute instead of writing 60 seconds', () => {
    expect(fileTime(59.999)).toBe('1m00.00s');
    expect(fileTime(59.994)).toBe('0m59.99s');
  });

  it('writes minutes past 59 for long films (no hours) and clamps negatives to 0', () => {
    expect(fileTime(3600)).toBe('60m00.00s');
    expect(fileTime(3599.996)).toBe('60m00.00s');
    expect(fileTime(7322.5)).toBe('122m02.50s');
    expect(fileTime(-4)).toBe('0m00.00s');
  });

  it('is file-name safe, zero-padded and within half a hundredth of the time, across two hours', () => {
    const bad: string[] = [];
    for (let h = 0; h <= 720_000; h += 37) {
      const seconds = h / 100 + 0.0049;
      const text = fileTime(seconds);
      const m = /^(\d+)m(\d\d)\.(\d\d)s$/.exec(text);
      const back = m ? Number(m[1]) * 60 + Number(`${m[2]}.${m[3]}`) : Number.NaN;
      if (!m || Number(m[2]) >= 60 || !(Math.abs(back - seconds) <= 0.005 + 1e-9)) bad.push(`${seconds} -> ${text}`);
      if (bad.length > 5) break;
    }
    expect(bad).toEqual([]);
  });
});

describe('defaultFolderOutput', () => {
  it('names a sibling folder, dropping trailing separators of either kind', () => {
    expect(defaultFolderOutput('/photos/trip')).toBe('/photos/trip-anime');
    expect(defaultFolderOutput('/photos/trip/')).toBe('/photos/trip-anime');
    expect(defaultFolderOutput('/photos/trip//')).toBe('/photos/trip-anime');
    expect(defaultFolderOutput('C:\\photos\\trip\\')).toBe('C:\\photos\\trip-anime');
    expect(defaultFolderOutput(' ~/trip/ ')).toBe('~/trip-anime');
  });

  it('offers no default for the root, the home folder or nothing', () => {
    for (const f of ['/', '//', '~', '~/', '~\\', '', '   ']) expect(defaultFolderOutput(f), JSON.stringify(f)).toBe('');
  });

  // A Windows drive root is a root too, like '/': 'C:-anime' would be a *relative* path on Windows.
  it('offers no default for a Windows drive root', () => {
    for (const f of ['C:\\', 'd:/', 'C:']) expect(defaultFolderOutput(f), f).toBe('');
  });
});

describe('isJpegPath', () => {
  it('recognises .jpg and .jpeg in any case, ignoring surrounding spaces', () => {
    for (const p of ['/a/b.jpg', '/a/b.JPEG', 'C:\\b.Jpg', ' /a/b.jpg ']) expect(isJpegPath(p), p).toBe(true);
    for (const p of ['/a/b.png', '/a/b.jpgx', '/a/jpg', '/a/b.jpg.png', '/a.jpg/b']) expect(isJpegPath(p), p).toBe(false);
  });
});
