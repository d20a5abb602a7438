import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ffmpegBinaries, locateBinaries, packagedResourcesDir } from '../../../src/main/services/video';
import { tempDir } from '../../support/temp-dir';

/** A folder holding executable stand-ins named ffmpeg and ffprobe. */
function fakeBinDir(): string {
  const dir = tempDir();
  for (const name of ['ffmpeg', 'ffprobe']) {
    writeFileSync(join(dir, name), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

describe.skipIf(process.platform === 'win32')('locating ffmpeg and ffprobe', () => {
  it('prefers the CEL_STUDIO_FFMPEG / CEL_STUDIO_FFPROBE settings over the PATH', () => {
    const env = fakeBinDir();
    const path = fakeBinDir();
    const found = locateBinaries({
      PATH: path,
      CEL_STUDIO_FFMPEG: join(env, 'ffmpeg'),
      CEL_STUDIO_FFPROBE: join(env, 'ffprobe'),
    });
    expect(found).toEqual({
      ffmpeg: join(env, 'ffmpeg'),
      ffprobe: join(env, 'ffprobe'),
      source: { ffmpeg: 'env', ffprobe: 'env' },
    });
  });

  it("takes a packaged app's own build (<resources>/ffmpeg/) before the PATH, and the settings before that", () => {
    const resources = tempDir();
    const bundled = join(resources, 'ffmpeg');
    mkdirSync(bundled);
    for (const name of ['ffmpeg', 'ffprobe']) {
      writeFileSync(join(bundled, name), '#!/bin/sh\nexit 0\n');
      chmodSync(join(bundled, name), 0o755);
    }
    const path = fakeBinDir();
    expect(locateBinaries({ PATH: path }, resources)).toEqual({
      ffmpeg: join(bundled, 'ffmpeg'),
      ffprobe: join(bundled, 'ffprobe'),
      source: { ffmpeg: 'bundled', ffprobe: 'bundled' },
    });
    const env = fakeBinDir();
    expect(locateBinaries({ PATH: path, CEL_STUDIO_FFMPEG: join(env, 'ffmpeg') }, resources).source).toEqual({ ffmpeg: 'env', ffprobe: 'bundled' });
  });

  it('finds the resources folder of a packaged app from its own module path, and none from the source tree', () => {
    expect(packagedResourcesDir(join('/opt', 'Cel Studio', 'resources', 'app.asar', 'out', 'main', 'chunks', 'x.js'))).toBe(join('/opt', 'Cel Studio', 'resources'));
    expect(packagedResourcesDir()).toBeUndefined();
  });

  it('takes the ones on the PATH next', () => {
    const path = fakeBinDir();
    const found = locateBinaries({ PATH: `${tempDir()}:${path}` });
    expect(found.ffmpeg).toBe(join(path, 'ffmpeg'));
    expect(found.source).toEqual({ ffmpeg: 'path', ffprobe: 'path' });
  });

  it('falls back to the npm static builds when the PATH has none', () => {
    const found = locateBinaries({ PATH: tempDir() });
    expect(found.source).toEqual({ ffmpeg: 'package', ffprobe: 'package' });
    expect(found.ffmpeg).toMatch(/@ffmpeg-installer/);
    expect(found.ffprobe).toMatch(/@ffprobe-installer/);
  });

  it('fails loudly when a setting points at nothing, rather than using another build', () => {
    expect(() => locateBinaries({ PATH: fakeBinDir(), CEL_STUDIO_FFPROBE: '/nowhere/ffprobe' })).toThrow(
      expect.objectContaining({
        code: 'IO',
        message: 'CEL_STUDIO_FFPROBE is set to /nowhere/ffprobe, which is not an executable file',
      }),
    );
  });

  it('finds a working pair in this environment', () => {
    const { ffmpeg, ffprobe } = ffmpegBinaries();
    expect(ffmpeg).toMatch(/ffmpeg$/);
    expect(ffprobe).toMatch(/ffprobe$/);
  });
});
