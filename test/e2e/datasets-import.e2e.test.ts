/**
 * The vertical slice in the real UI: web mode serves the built renderer, Chromium drives it. Creates a library,
 * imports the corpus photos with progress, sees the count and thumbnails, cancels an import midway and resumes it,
 * then checks the import forms' defaults and set pickers (only sets of the kind imported; a new one made inline).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEFAULT_VIDEO_SAMPLING } from '@shared/curation';
import { IMPORT_SET_KIND } from '@shared/import-defaults';
import { ARTIFACTS_DIR } from '../support/browser';
import { createLibrary, studioPageForFile } from '../support/e2e-session';
import { makeNoisePhotos } from '../support/noise-photos';
import { makePhotoFixtures } from '../support/photo-fixtures';
import { sharedPath } from '../support/shared-assets';
import { tempDir } from '../support/temp-dir';
import { mkdtempSync } from 'node:fs';

let page: Page;
let work: string;
let consoleErrors: string[];
studioPageForFile('cel-e2e-', (session) => ({ page, work, consoleErrors } = session));

/** The kind checked in a set picker's kind switch. */
async function checkedKind(testId: string): Promise<string | null> {
  return page.locator(`[data-testid="${testId}"] [aria-checked="true"]`).getAttribute('data-kind');
}

/** The set names a set picker's open list offers, in order. */
async function optionNames(testId: string): Promise<string[]> {
  return page.getByTestId(`${testId}-option`).evaluateAll((els) => els.map((el) => el.getAttribute('data-set-name') ?? ''));
}

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
    // The field in words, not the call's internal name (library.open) or argument key.
    await expect.poll(() => page.getByTestId('error-message').first().textContent()).toBe('Path: path is empty');
    expect(await page.getByTestId('library-path').getAttribute('aria-invalid')).toBe('true');
    // The complaint was about the old path: editing it takes the complaint away.
    await page.getByTestId('library-path').fill(join(work, 'Elsewhere'));
    await expect.poll(() => page.getByTestId('error-message').count()).toBe(0);
    expect(await page.getByTestId('library-path').getAttribute('aria-invalid')).toBeNull();
  });

  it('creates a library, imports the photos with progress, and shows the count and thumbnails', async () => {
    const photos = sharedPath('corpus/photos') ?? (await makePhotoFixtures(tempDir()));
    const expected = sharedPath('corpus/photos') ? readdirSync(photos).filter((f) => !f.startsWith('.')).length : 5;
    await createLibrary(page, join(work, 'Library'));

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

  it('says so when Create names a folder that already holds a library, and opens it untouched', async () => {
    const sets = await page.getByTestId('set-item').count();
    const [images] = ((await page.getByTestId('library-stats').textContent()) ?? '').split(' · ');
    await page.getByTestId('library-path').fill(join(work, 'Library'));
    await page.getByTestId('library-create').click();
    const note = page.getByTestId('library-existing');
    await expect.poll(() => note.textContent()).toBe(`${join(work, 'Library')} already held a library (2 sets, ${images}): it is open, nothing was replaced.`);
    expect(await page.getByTestId('set-item').count()).toBe(sets);
  });

  it('starts a video import at the contract\'s sampling and offers it only style sets, with inline creation', async () => {
    // The set selected now holds photos (content): a style import neither defaults to it nor offers it.
    await page.getByTestId('import-tab-video').click();
    expect(await page.getByTestId('video-every').inputValue()).toBe(String(DEFAULT_VIDEO_SAMPLING.everySeconds));
    expect(await page.getByTestId('video-scene').inputValue()).toBe(String(DEFAULT_VIDEO_SAMPLING.sceneThreshold));
    expect(await page.getByTestId('video-max').inputValue()).toBe(String(DEFAULT_VIDEO_SAMPLING.maxFrames));
    expect(await checkedKind('video-set-kind')).toBe(IMPORT_SET_KIND.video);
    expect(await page.getByTestId('video-set').inputValue()).toBe('frames');
    await page.getByTestId('video-set-toggle').click();
    await expect.poll(() => page.getByTestId('video-set-options').isVisible()).toBe(true);
    expect(await optionNames('video-set')).toEqual([]);

    // "New style set…" empties the field for a name; Create makes the set, lists it, selects it, and offers it.
    await page.getByTestId('video-set-new').click();
    expect(await page.getByTestId('video-set').inputValue()).toBe('');
    await page.getByTestId('video-set').fill('film refs');
    expect(await page.getByTestId('video-set-note').getAttribute('data-state')).toBe('new');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'datasets-set-picker-new.png') });
    await page.getByTestId('video-set-create').click();
    const created = page.locator('[data-testid="set-item"][data-set-name="film refs"]');
    await expect.poll(() => created.getAttribute('aria-current'), { timeout: 20_000 }).toBe('true');
    expect(await created.locator('.badge').textContent()).toBe('style');
    expect(await page.getByTestId('video-set').inputValue()).toBe('film refs');
    await expect.poll(() => page.getByTestId('video-set-note').count()).toBe(0);
    await page.getByTestId('video-set-toggle').click();
    expect(await optionNames('video-set')).toEqual(['film refs']);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('video-set-options').count()).toBe(0);

    // Switched to content, the picker offers the photo sets, largest first, and starts at the largest.
    await page.locator('[data-testid="video-set-kind"] [data-kind="content"]').click();
    await page.getByTestId('video-set-toggle').click();
    const content = await optionNames('video-set');
    expect([...content].sort()).toEqual(['noise', 'photos']);
    expect(await page.getByTestId('video-set').inputValue()).toBe(content[0]);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'datasets-set-picker.png') });
    await page.keyboard.press('Escape');

    // The photo form, with the new style set selected, starts at a content set rather than following it.
    await page.getByTestId('import-tab-photos').click();
    expect(await checkedKind('import-set-kind')).toBe(IMPORT_SET_KIND.photos);
    expect(['noise', 'photos']).toContain(await page.getByTestId('import-set').inputValue());
  });

  it('names a sampling number outside the contract before starting anything, and drops the complaint on an edit', async () => {
    await page.getByTestId('import-tab-video').click();
    const jobsBefore = await page.locator('.job-card').count();
    await page.getByTestId('video-every').fill('0');
    await page.getByTestId('video-start').click();
    const alert = page.locator('.video-form').getByTestId('error-message');
    await expect.poll(() => alert.textContent()).toBe('The interval (seconds) must be a number above 0, at most 3,600, or empty to turn interval sampling off.');
    expect(await alert.getAttribute('data-field')).toBe('sampling.everySeconds');
    expect(await page.getByTestId('video-every').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('video-scene').getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('.job-card').count()).toBe(jobsBefore);

    await page.getByTestId('video-every').fill(String(DEFAULT_VIDEO_SAMPLING.everySeconds));
    await expect.poll(() => alert.count()).toBe(0);
    expect(await page.getByTestId('video-every').getAttribute('aria-invalid')).toBeNull();
  });

  it('keeps a form\'s complaint while the path picker is merely browsed and cancelled', async () => {
    const every = page.getByTestId('video-every');
    await every.fill('0');
    await page.getByTestId('video-start').click();
    const alert = page.locator('.video-form').getByTestId('error-message');
    await expect.poll(() => alert.count()).toBe(1);
    // The picker is a portal: its own controls are no edit of the form.
    await page.getByTestId('video-clips-browse').click();
    await page.getByTestId('path-picker-hidden').click();
    await page.getByTestId('path-picker-cancel').click();
    await expect.poll(() => page.getByTestId('path-picker').count()).toBe(0);
    expect(await alert.count()).toBe(1);
    await every.fill(String(DEFAULT_VIDEO_SAMPLING.everySeconds));
    await expect.poll(() => alert.count()).toBe(0);
  });

  it('refuses a sampling number the browser cannot read instead of taking it as "off"', async () => {
    // Chromium reports an empty value for "1e" in a number input: the form must not read that as interval sampling off.
    const every = page.getByTestId('video-every');
    const jobsBefore = await page.locator('.job-card').count();
    await every.fill('');
    await every.pressSequentially('1e');
    expect(await every.evaluate((el: HTMLInputElement) => el.validity.badInput)).toBe(true);
    await page.getByTestId('video-start').click();
    const alert = page.locator('.video-form').getByTestId('error-message');
    await expect.poll(() => alert.textContent()).toBe('Every (s) is not a number as typed: use digits, with one point for decimals.');
    expect(await alert.getAttribute('data-field')).toBe('sampling.everySeconds');
    expect(await every.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.job-card').count()).toBe(jobsBefore);

    // Deleting the text changes no value the page sees ('' before and after), yet it answers the complaint.
    await every.press('Backspace');
    await every.press('Backspace');
    await expect.poll(() => alert.count()).toBe(0);
    expect(await every.getAttribute('aria-invalid')).toBeNull();
    await every.fill(String(DEFAULT_VIDEO_SAMPLING.everySeconds));
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e))).toEqual([]);
  });
});
