/** The per-user cache folder on each OS, and how a mirror's catalog.json pins and adds to the built-in catalog. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_MODELS } from '@shared/model-catalog';
import { mergeCatalog } from '../../../src/main/services/models/catalog';
import { modelMirror, userModelCache } from '../../../src/main/services/models/model-cache';

describe('the per-user model cache', () => {
  it('is the OS cache folder, or CEL_STUDIO_CACHE', () => {
    expect(userModelCache({}, 'linux', '/home/a')).toBe(join('/home/a', '.cache', 'cel-studio', 'models'));
    expect(userModelCache({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/a')).toBe(join('/xdg', 'cel-studio', 'models'));
    expect(userModelCache({}, 'darwin', '/Users/a')).toBe(join('/Users/a', 'Library', 'Caches', 'cel-studio', 'models'));
    expect(userModelCache({ LOCALAPPDATA: 'C:/Users/a/AppData/Local' }, 'win32', 'C:/Users/a')).toBe(join('C:/Users/a/AppData/Local', 'cel-studio', 'models'));
    expect(userModelCache({ CEL_STUDIO_CACHE: '/tmp/c', XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/a')).toBe(join('/tmp/c', 'models'));
  });

  it('takes the mirror with a trailing slash, and none when the variable is blank', () => {
    expect(modelMirror({ CEL_STUDIO_MODEL_MIRROR: 'http://m.example/models' })).toBe('http://m.example/models/');
    expect(modelMirror({ CEL_STUDIO_MODEL_MIRROR: '  ' })).toBeUndefined();
  });
});

describe("a mirror's catalog.json", () => {
  const builtIn = PUBLISHED_MODELS.map((e) => ({ ...e }));
  const sha = 'a'.repeat(64);

  it('pins a built-in entry field by field and keeps the rest of it', () => {
    const merged = mergeCatalog(builtIn, { models: [{ name: 'paprika', kind: 'generator', mirrorPath: 'animegan2-pytorch/paprika.pt', sha256: sha, bytes: 8_601_820 }] }, 'http://m/');
    const paprika = merged.find((e) => e.name === 'paprika')!;
    expect(paprika).toMatchObject({ sha256: sha, bytes: 8_601_820, url: builtIn.find((e) => e.name === 'paprika')!.url });
    expect(paprika.licence).toMatch(/non-commercial/);
    expect(merged).toHaveLength(builtIn.length);
  });

  it('adds a model of its own, addressed on the mirror', () => {
    const merged = mergeCatalog(builtIn, { models: [{ name: 'studio-look', kind: 'generator', mirrorPath: 'ours/look.onnx', sha256: sha, bytes: 10 }] }, 'http://m/base/');
    expect(merged.find((e) => e.name === 'studio-look')).toMatchObject({ url: 'http://m/base/ours/look.onnx', homepage: 'http://m/base/', title: 'studio-look' });
  });

  it('refuses a path that climbs out of the mirror', () => {
    expect(() => mergeCatalog(builtIn, { models: [{ name: 'x', kind: 'generator', mirrorPath: '../etc/passwd', sha256: null, bytes: null }] }, 'http://m/')).toThrow(/relative path without \.\./);
  });
});
