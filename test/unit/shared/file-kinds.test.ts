/** Which files each kind of path field asks for: one list for web mode's picker, the native dialogs and the services. */
import { describe, expect, it } from 'vitest';
import { FILE_KIND_EXTENSIONS, fileMatchesKind, PATH_KINDS } from '@shared/file-kinds';
import { PHOTO_EXTENSIONS } from '../../../src/main/services/convert';

describe('file kinds', () => {
  it('matches by extension in any case, from either separator; folders match no file, any matches every one', () => {
    expect(fileMatchesKind('/films/Clip.MKV', 'video')).toBe(true);
    expect(fileMatchesKind('C:\\films\\clip.webm', 'video')).toBe(true);
    expect(fileMatchesKind('clip.ts', 'video')).toBe(false);
    expect(fileMatchesKind('portrait.JPEG', 'image')).toBe(true);
    expect(fileMatchesKind('paprika.pt', 'model')).toBe(true);
    expect(fileMatchesKind('paprika.pt', 'onnx')).toBe(false);
    expect(fileMatchesKind('hayao.onnx', 'onnx')).toBe(true);
    expect(fileMatchesKind('.onnx', 'onnx')).toBe(false);
    expect(fileMatchesKind('notes.txt', 'any')).toBe(true);
    expect(fileMatchesKind('films', 'folder')).toBe(false);
    expect(PATH_KINDS).toEqual(['folder', 'video', 'image', 'model', 'onnx', 'any']);
  });

  it('lists as images exactly what the services read as photos', () => {
    expect([...PHOTO_EXTENSIONS]).toEqual([...FILE_KIND_EXTENSIONS.image]);
    for (const list of Object.values(FILE_KIND_EXTENSIONS)) for (const ext of list) expect(ext).toMatch(/^\.[a-z0-9]+$/);
  });
});
