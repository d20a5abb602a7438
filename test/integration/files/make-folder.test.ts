/**
 * Folders the user chooses (outputs, exports) are made one level at a time: a path under a file or through a link
 * that points nowhere fails at once with a StudioError naming the folder, and procfs (where Node's recursive mkdir
 * spins forever on the server's only thread) is refused at once, through the real CLI too.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../src/shared/errors';
import { folderError, makeFolder, OUTPUT_FOLDER } from '../../../src/main/services/files/make-folder';
import { prepareOutputFolder } from '../../../src/main/services/convert/output-checks';
import { ffmpegPath } from '../../../src/main/services/video';
import { startCli } from '../../support/cli';
import { tempDir } from '../../support/temp-dir';

/** What `make` threw: a StudioError. */
function thrown(make: () => void): StudioError {
  try {
    make();
  } catch (err) {
    expect(err).toBeInstanceOf(StudioError);
    return err as StudioError;
  }
  throw new Error('no error thrown');
}

describe('makeFolder', () => {
  it('makes every missing level, and leaves an existing folder as it is', () => {
    const dir = tempDir();
    const deep = join(dir, 'a', 'b', 'c');
    makeFolder(deep);
    expect(existsSync(deep)).toBe(true);
    writeFileSync(join(deep, 'kept.txt'), 'x');
    makeFolder(deep);
    expect(readdirSync(deep)).toEqual(['kept.txt']);
  });

  it('refuses a path under a file, naming the folder by its role and field', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const target = join(dir, 'notes.txt', 'out');
    const err = thrown(() => makeFolder(target, { what: 'the export folder', field: 'folder' }));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.field).toBe('folder');
    expect(err.message).toBe(`the export folder ${target} cannot be created: part of that path is a file, not a folder`);
  });

  it('refuses a path that is itself a file, so an output never goes inside one', async () => {
    const dir = tempDir();
    const file = join(dir, 'photo.jpg');
    writeFileSync(file, 'x');
    const err = thrown(() => makeFolder(file));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toBe(`the output folder ${file} cannot be created: part of that path is a file, not a folder`);
    await expect(prepareOutputFolder(file)).rejects.toMatchObject({ code: 'BAD_INPUT', field: 'output' });
  });

  it('refuses a link that points nowhere instead of following it, and makes nothing', () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'gone'), join(dir, 'link'));
    const err = thrown(() => makeFolder(join(dir, 'link', 'a', 'b')));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.field).toBe(OUTPUT_FOLDER.field);
    expect(err.message).toMatch(/is a link to something that does not exist/);
    expect(readdirSync(dir)).toEqual(['link']);
  });

  it('words system errors by the folder and the reason', () => {
    expect(folderError(Object.assign(new Error('x'), { code: 'EROFS' }), '/mnt/cd').message).toBe(
      'the output folder /mnt/cd cannot be created: a folder above it is missing or read-only; choose another folder',
    );
    expect(folderError(Object.assign(new Error('x'), { code: 'EACCES' }), '/root/x').code).toBe('IO');
  });

  describe.skipIf(process.platform !== 'linux' || !existsSync('/proc/self'))('on procfs', () => {
    it('is refused at once, with the folder that will not take new folders named', async () => {
      const t0 = performance.now();
      const err = await prepareOutputFolder('/proc/cel-studio-test/out').then(
        () => null,
        (e: unknown) => e,
      );
      expect(performance.now() - t0).toBeLessThan(5000);
      expect(err).toBeInstanceOf(StudioError);
      expect((err as StudioError).message).toBe(
        'the output folder /proc/cel-studio-test/out cannot be created: /proc does not allow new folders (a system folder?); choose another folder',
      );
      expect(thrown(() => makeFolder('/proc/self/cel-studio-test')).code).toBe('IO');
    });

    // Through the real CLI in its own process, so a regression (an endless mkdir loop) fails by the timeout.
    it('ends a still written under /proc with the reason instead of hanging', { timeout: 60_000 }, async () => {
      const dir = tempDir();
      const photo = join(dir, 'in.png');
      execFileSync(ffmpegPath(), ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=64x48', '-frames:v', '1', photo]);
      mkdirSync(join(dir, 'L'));
      const child = startCli(['still', photo, '-o', '/proc/cel-studio-test/out.png', '--library', join(dir, 'L')]);
      const code = await Promise.race([
        new Promise<number | null>((r) => child.on('close', r)),
        new Promise<'hung'>((r) => setTimeout(() => r('hung'), 40_000).unref()),
      ]);
      if (code === 'hung') child.kill('SIGKILL');
      expect(code, 'the CLI was still running after 40 s: making the folder loops on /proc').not.toBe('hung');
      expect(code).not.toBe(0);
      expect(child.err()).toMatch(/\/proc does not allow new folders/);
    });
  });
});
