/**
 * Creating a library where no folder can be made fails at once with a StudioError that names the path and says
 * why, and leaves nothing behind: under a regular file, through a link that points nowhere, and on procfs (where
 * Node's recursive mkdir used to spin forever on the server's only thread).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudioError, toErrorData } from '../../../src/shared/errors';
import { Library } from '../../../src/main/services/library/library';
import { tempDir } from '../../support/temp-dir';

const root = resolve(import.meta.dirname, '../../..');

/** Runs Library.open(path, create) and returns what it threw, with how long it took. */
function openFails(path: string): { err: StudioError; ms: number } {
  const t0 = performance.now();
  try {
    const lib = Library.open(path, { create: true });
    lib.store.close();
  } catch (err) {
    const ms = performance.now() - t0;
    expect(err).toBeInstanceOf(StudioError);
    return { err: err as StudioError, ms };
  }
  throw new Error(`Library.open(${path}) succeeded`);
}

/** The error reads well on the wire too: a JSON round trip keeps a non-empty message naming `path`. */
function expectReadable(err: StudioError, path: string): void {
  expect(err.message).not.toBe('');
  expect(err.message).toContain(path);
  expect(err.field).toBe('path');
  const wire = JSON.parse(JSON.stringify(toErrorData(err))) as { code: string; message: string; field?: string };
  expect(wire).toEqual({ code: err.code, message: err.message, field: 'path' });
}

describe('Library.open with create where no folder can be made', () => {
  it('refuses a path under a regular file', () => {
    const dir = tempDir();
    const file = join(dir, 'README.md');
    writeFileSync(file, 'hello\n');
    const path = join(file, 'x', 'My Library');
    const { err, ms } = openFails(path);
    expect(ms).toBeLessThan(1000);
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toMatch(/part of that path is a file, not a folder/);
    expectReadable(err, path);
    expect(readdirSync(dir)).toEqual(['README.md']);
  });

  it('calls a file a file when it is opened or created as a library, and leaves it as it was', () => {
    const dir = tempDir();
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'hello\n');
    for (const create of [false, true]) {
      let thrown: unknown;
      try {
        Library.open(file, { create }).store.close();
      } catch (err) {
        thrown = err;
      }
      expect(thrown, `create: ${create}`).toMatchObject({ code: 'BAD_INPUT', field: 'path', message: `${file} is a file, not a folder: a library is a folder` });
    }
    expect(readFileSync(file, 'utf8')).toBe('hello\n');
  });

  it('refuses a link on the way that points nowhere, without creating its target', () => {
    const dir = tempDir();
    const link = join(dir, 'gone');
    symlinkSync(join(dir, 'nowhere', 'deeper'), link);
    for (const path of [join(link, 'My Library'), link]) {
      const { err, ms } = openFails(path);
      expect(ms).toBeLessThan(1000);
      expect(err.message).toContain(`${link} is a link to something that does not exist`);
      expectReadable(err, path);
      expect(readdirSync(dir)).toEqual(['gone']);
      expect(existsSync(join(dir, 'nowhere'))).toBe(false);
    }
  });

  it('removes the folders it made when a deeper level fails', () => {
    const dir = tempDir();
    // `a` and `b` can be made; the last name is longer than any file system allows.
    const path = join(dir, 'a', 'b', 'L'.repeat(300));
    const { err } = openFails(path);
    expectReadable(err, path);
    expect(readdirSync(dir)).toEqual([]);
  });

  // In a child process, so that a regression (an endless mkdir loop) fails the test by its timeout instead of hanging.
  it.skipIf(process.platform !== 'linux' || !existsSync('/proc/self'))('refuses /proc at once instead of spinning', () => {
    const path = '/proc/cel-studio-test-lib';
    const script = [
      "import { Library } from './src/main/services/library/library.ts';",
      'const t0 = performance.now();',
      'try {',
      `  Library.open(${JSON.stringify(path)}, { create: true });`,
      "  console.log(JSON.stringify({ ok: true }));",
      '} catch (err) {',
      '  const ms = performance.now() - t0;',
      '  console.log(JSON.stringify({ ms, name: err.name, code: err.code, message: err.message, field: err.field }));',
      '}',
    ].join('\n');
    const env = { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.node.json') };
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env,
    });
    expect(run.signal, 'still running after 30 s: Library.open is looping on /proc').toBeNull();
    expect(run.status, run.stderr).toBe(0);
    const got = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(got.name).toBe('StudioError');
    expect(got.ms).toBeLessThan(1000);
    expect(got.field).toBe('path');
    expect(got.message).toContain(path);
    expect(got.message).toMatch(/does not allow new folders/);
    expect(existsSync(path)).toBe(false);
  });

  it('still makes nested new folders for a normal path', () => {
    const dir = tempDir();
    const path = join(dir, 'a', 'b', 'My Library');
    const lib = Library.open(path, { create: true });
    try {
      expect(lib.root).toBe(path);
      expect(existsSync(join(path, 'library.sqlite'))).toBe(true);
      expect(existsSync(join(path, 'exports'))).toBe(true);
    } finally {
      lib.store.close();
    }
  });
});
