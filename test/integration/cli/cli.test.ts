import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../../support/cli';
import { makeNoisePhotos } from '../../support/noise-photos';
import { makePhotoFixtures } from '../../support/photo-fixtures';
import { sharedPath } from '../../support/shared-assets';
import { tempDir } from '../../support/temp-dir';
import { waitForCount } from '../../support/library-probe';

/** Reads a library's counts with a separate read-only connection, as another process would. */
function libraryCounts(lib: string): { images: number; inSet: number; integrity: string } {
  const db = new Database(join(lib, 'library.sqlite'), { readonly: true });
  try {
    return {
      images: db.prepare('SELECT count(*) FROM images').pluck().get() as number,
      inSet: db.prepare('SELECT count(*) FROM set_images').pluck().get() as number,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

describe('cel-studio CLI', () => {
  it.skipIf(!sharedPath('corpus/photos'))('imports the real corpus photos, and a second run adds no duplicates', async () => {
    const photos = sharedPath('corpus/photos')!;
    const lib = join(tempDir(), 'L');
    const expected = readdirSync(photos).filter((f) => !f.startsWith('.')).length;
    const first = await runCli(['import', 'photos', photos, '--library', lib, '--set', 'photos']);
    expect(first.stderr).not.toMatch(/cel-studio:/);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`imported ${expected}, duplicates 0, skipped 0`);
    const second = await runCli(['import', 'photos', photos, '--library', lib, '--set', 'photos']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`imported 0, duplicates ${expected}, skipped 0`);
    expect(libraryCounts(lib)).toEqual({ images: expected, inSet: expected, integrity: 'ok' });
  });

  it('lists skipped files with their reasons', async () => {
    const folder = await makePhotoFixtures(tempDir());
    const res = await runCli(['import', 'photos', folder, '--library', join(tempDir(), 'L'), '--set', 'mixed']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/skipped .*notes\.txt: not an image/);
    expect(res.stdout).toMatch(/skipped .*empty\.png: empty file \(0 bytes\)/);
  });

  it('survives kill -9 midway: the library opens cleanly and the same command resumes the job', async () => {
    const folder = await makeNoisePhotos(tempDir(), 40);
    const lib = join(tempDir(), 'L');
    const child = startCli(['import', 'photos', folder, '--library', lib, '--set', 'noise']);
    const exited = new Promise((r) => child.on('close', r));
    // Wait until some, not all, items are committed, then kill without warning.
    const done = await waitForCount(lib, 'SELECT count(*) FROM job_items WHERE outcome IS NOT NULL', 3);
    child.kill('SIGKILL');
    await exited;
    expect(done).toBeGreaterThanOrEqual(3);
    const mid = libraryCounts(lib);
    expect(mid.integrity).toBe('ok');
    expect(mid.inSet).toBeLessThan(40);

    const list = await runCli(['jobs', 'list', '--library', lib]);
    expect(list.code).toBe(0);
    expect(list.stderr).toMatch(/recovery: "Import photos into "noise"" was interrupted at \d+ of 40/);
    expect(list.stdout).toMatch(/\tinterrupted\t\d+\/40\t/);

    const again = await runCli(['import', 'photos', folder, '--library', lib, '--set', 'noise']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/resuming interrupted job/);
    expect(again.stdout).toMatch(/done; imported \d+, duplicates 0, skipped 0 \(40\/40\)/);
    expect(libraryCounts(lib)).toEqual({ images: 40, inSet: 40, integrity: 'ok' });

    // `jobs remove` takes the finished job off the list; the images it imported stay.
    const id = (await runCli(['jobs', 'list', '--library', lib])).stdout.split('\t')[0]!;
    const removed = await runCli(['jobs', 'remove', id, '--library', lib]);
    expect([removed.code, removed.stdout]).toEqual([0, `removed job ${id}\n`]);
    expect((await runCli(['jobs', 'list', '--library', lib])).stdout).toBe('');
    expect(libraryCounts(lib)).toEqual({ images: 40, inSet: 40, integrity: 'ok' });
    const again2 = await runCli(['jobs', 'remove', id, '--library', lib]);
    expect(again2.code).toBe(1);
    expect(again2.stderr).toMatch(/no job with id/);
  });

  it('fails with one clear line and a non-zero exit on bad input', async () => {
    const noLib = await runCli(['import', 'photos', tempDir(), '--set', 'x']);
    expect(noLib.code).toBe(1);
    expect(noLib.stderr).toBe('cel-studio: --library is required\n');

    const missing = await runCli(['import', 'photos', '/no/such/folder', '--library', join(tempDir(), 'L'), '--set', 'x']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n').at(-1)).toBe('cel-studio: folder /no/such/folder does not exist');

    const badSet = await runCli(['import', 'photos', tempDir(), '--library', join(tempDir(), 'L'), '--set', 'a/b']);
    expect(badSet.code).toBe(1);
    expect(badSet.stderr).toMatch(/^cel-studio: import\.photos: setName: set name may not contain slashes/m);

    const notLib = await runCli(['jobs', 'list', '--library', tempDir()]);
    expect(notLib.code).toBe(1);
    expect(notLib.stderr).toMatch(/is not a Cel Studio library \(the folder holds no library\.sqlite\)/);

    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);

    const badPort = await runCli(['serve', '--port', 'eighty']);
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toBe('cel-studio: --port must be a whole number from 0 to 65,535, not "eighty"\n');
  });
});
