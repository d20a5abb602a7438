import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobSummary } from '@shared/library';
import { makePhotoFixtures, FIXTURE_EXPECT } from '../../support/photo-fixtures';
import { hostWithLibrary, type RecordedHost } from '../../support/host';
import { sharedPath } from '../../support/shared-assets';
import { tempDir } from '../../support/temp-dir';

let open: RecordedHost | undefined;
afterEach(async () => {
  await open?.host.dispose();
  open = undefined;
});

async function importAndWait(h: RecordedHost, folder: string, setName: string): Promise<JobSummary> {
  const job = (await h.call('import.photos', { folder, setName }));
  return h.host.open().jobs.wait(job.id);
}

describe('photo import', () => {
  it('imports JPEG/PNG/WebP recursively, skips and lists everything else, and applies EXIF orientation', async () => {
    const folder = await makePhotoFixtures(tempDir());
    open = await hostWithLibrary(join(tempDir(), 'lib'));
    const job = await importAndWait(open, folder, 'photos');
    expect(job.state).toBe('done');
    expect(job.counts).toEqual({ imported: FIXTURE_EXPECT.imported, duplicate: FIXTURE_EXPECT.duplicate, skipped: FIXTURE_EXPECT.skipped.length });
    expect(job.skipped.map((s) => basename(s.path)).sort()).toEqual(FIXTURE_EXPECT.skipped);
    const reasons = Object.fromEntries(job.skipped.map((s) => [basename(s.path), s.reason]));
    expect(reasons['notes.txt']).toMatch(/not an image/);
    expect(reasons['fake.jpg']).toMatch(/not an image/);
    expect(reasons['empty.png']).toMatch(/empty file/);
    expect(reasons['truncated.jpg']).toMatch(/unreadable JPEG/);
    expect(reasons['anim.gif']).toMatch(/GIF image: only JPEG, PNG and WebP/);

    const sets = (await open.call('sets.list', {}));
    expect(sets).toHaveLength(1);
    expect(sets[0]).toMatchObject({ name: 'photos', kind: 'content', imageCount: 5 });
    const page = (await open.call('images.list', { setId: sets[0]!.id }));
    const byName = Object.fromEntries(page.items.map((i) => [basename(i.sourcePath), i]));
    expect(Object.keys(byName).sort()).toEqual(['UPPER.JPEG', 'a.jpg', 'b.png', 'c.webp', 'rotated.jpg']);
    expect(byName['rotated.jpg']).toMatchObject({ width: 32, height: 64, format: 'jpeg' });
    expect(byName['b.png']).toMatchObject({ width: 40, height: 30, format: 'png' });
    // Content-addressed originals and thumbnails on disk, served by hash.
    for (const item of page.items) {
      expect(await open.host.mediaPath(item.hash, 'original')).toMatch(new RegExp(`files/${item.hash.slice(0, 2)}/${item.hash}\\.`));
      expect(existsSync((await open.host.mediaPath(item.hash, 'thumb'))!)).toBe(true);
    }
    // Progress reached the listeners and ended at total.
    const last = open.jobEvents.filter((e) => e.id === job.id).at(-1)!;
    expect(last).toMatchObject({ state: 'done', progress: { done: 11, total: 11 } });
  });

  it('adds no duplicates when the same folder is imported twice', async () => {
    const folder = await makePhotoFixtures(tempDir());
    open = await hostWithLibrary(join(tempDir(), 'lib'));
    await importAndWait(open, folder, 'photos');
    const again = await importAndWait(open, folder, 'photos');
    expect(again.counts).toMatchObject({ duplicate: 6 });
    expect(again.counts.imported ?? 0).toBe(0);
    const sets = (await open.call('sets.list', {}));
    expect(sets[0]!.imageCount).toBe(5);
  });

  it('rejects a folder that does not exist with a clear error and starts no job', async () => {
    open = await hostWithLibrary(join(tempDir(), 'lib'));
    await expect(open.call('import.photos', { folder: '/nonexistent/photos', setName: 'x' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'folder /nonexistent/photos does not exist',
    });
    expect(await open.call('jobs.list', {})).toEqual([]);
  });

  it('leaves the library folder out when it sits inside the imported folder', async () => {
    const folder = await makePhotoFixtures(tempDir());
    open = await hostWithLibrary(join(folder, 'my-library'));
    const first = await importAndWait(open, folder, 'photos');
    const second = await importAndWait(open, folder, 'photos');
    expect(first.progress.total).toBe(11);
    expect(second.progress.total).toBe(11);
  });

  it.skipIf(!sharedPath('corpus/photos'))('imports every photo of the real corpus with correct sizes', async () => {
    const photos = sharedPath('corpus/photos')!;
    open = await hostWithLibrary(join(tempDir(), 'lib'));
    const job = await importAndWait(open, photos, 'corpus');
    const files = readdirSync(photos).filter((f) => !f.startsWith('.'));
    expect(job.state).toBe('done');
    expect(job.counts.imported).toBe(files.length);
    expect(job.skipped).toEqual([]);
    const set = ((await open.call('sets.list', {})))[0]!;
    const page = (await open.call('images.list', { setId: set.id, limit: 2000 }));
    expect(page.total).toBe(files.length);
    const coffee = page.items.find((i) => i.sourcePath.endsWith('skimage_coffee.jpg'))!;
    expect(coffee).toMatchObject({ width: 600, height: 400 });
  });
});
