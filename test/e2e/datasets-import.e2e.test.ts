/**
 * The vertical slice in the real UI: web mode serves the built renderer, Chromium drives it. Creates a library,
 * imports the corpus photos with progress, sees the count and thumbnails, cancels an import midway and resumes it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR } from '../support/browser';
import { openStudioPage, type E2eSession } from '../support/e2e-session';
import { makeNoisePhotos } from '../support/noise-photos';
import { makePhotoFixtures } from '../support/photo-fixtures';
import { sharedPath } from '../support/shared-assets';
import { tempDir } from '../support/temp-dir';
import { mkdtempSync } from 'node:fs';

let session: E2eSession;
let page: Page;
let work: string;
let consoleErrors: string[];

beforeAll(async () => {
  session = await openStudioPage('cel-e2e-');
  ({ page, work, consoleErrors } = session);
});

afterAll(async () => {
  await session?.close();
});

async function jobState(p: Page): Promise<{ state: string; done: number; total: number }> {
  const el = p.getByTestId('job-progress').first();
  return {
    state: (await el.getAttribute('data-state')) ?? '',
    done: Number(await el.getAttribute('data-done')),
    total: Number(await el.getAttribute('data-total')),
  };
}

describe('datasets: library and photo import in the real UI', () => {
  it('loads over web mode with the token and shows the four areas and the status bar', async () => {
    for (const id of ['nav-datasets', 'nav-training', 'nav-convert', 'nav-stills']) {
      await expect.poll(() => page.getByTestId(id).isVisible()).toBe(true);
    }
    await expect.poll(() => page.getByTestId('status-connection').textContent()).toMatch(/connected/i);
    await expect.poll(() => page.getByTestId('status-backend').textContent()).toMatch(/wasm|cpu|tensorflow/);
    // The token left the address bar after the first load.
    expect(page.url()).not.toContain('token=');
  });

  it('shows a validation error naming the field for a bad library path', async () => {
    await page.getByTestId('library-path').fill('');
    await page.getByTestId('library-create').click();
    await expect.poll(() => page.getByTestId('error-message').first().textContent()).toMatch(/path/);
  });

  it('creates a library, imports the photos with progress, and shows the count and thumbnails', async () => {
    const photos = sharedPath('corpus/photos') ?? (await makePhotoFixtures(tempDir()));
    const expected = sharedPath('corpus/photos') ? readdirSync(photos).filter((f) => !f.startsWith('.')).length : 5;
    await page.getByTestId('library-path').fill(join(work, 'Library'));
    await page.getByTestId('library-create').click();
    await expect.poll(() => page.getByTestId('library-name').textContent()).toContain('Library');

    await page.getByTestId('import-folder').fill(photos);
    await page.getByTestId('import-set').fill('photos');
    await page.getByTestId('import-start').click();
    await expect.poll(async () => (await jobState(page)).state, { timeout: 60_000 }).toBe('done');
    const finished = await jobState(page);
    expect(finished.done).toBe(finished.total);

    await expect.poll(async () => Number(await page.getByTestId('set-count').getAttribute('data-count')), { timeout: 20_000 }).toBe(expected);
    await expect.poll(() => page.getByTestId('grid-item').count()).toBeGreaterThan(0);
    // Thumbnails really load (served by /media with the cookie token).
    await expect
      .poll(() => page.locator('[data-testid="grid-item"] img').first().evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 0), { timeout: 20_000 })
      .toBe(true);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'datasets-imported.png') });
  });

  it('cancels an import midway from the UI, keeps what was imported, and resumes it', async () => {
    const noise = await makeNoisePhotos(mkdtempSync(join(work, 'noise-')), 40);
    await page.getByTestId('import-folder').fill(noise);
    await page.getByTestId('import-set').fill('noise');
    await page.getByTestId('import-start').click();
    await expect.poll(async () => (await jobState(page)).done, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(2);
    await page.getByTestId('job-cancel').first().click();
    await expect.poll(async () => (await jobState(page)).state, { timeout: 30_000 }).toBe('cancelled');
    const cancelled = await jobState(page);
    expect(cancelled.done).toBeLessThan(40);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'datasets-cancelled.png') });

    await page.getByTestId('job-resume').first().click();
    await expect.poll(async () => (await jobState(page)).state, { timeout: 60_000 }).toBe('done');
    expect(await jobState(page)).toMatchObject({ done: 40, total: 40 });
    await expect.poll(async () => Number(await page.getByTestId('set-count').getAttribute('data-count')), { timeout: 20_000 }).toBe(40);
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e))).toEqual([]);
  });
});
