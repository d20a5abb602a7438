/// <reference lib="dom" />
/**
 * Curation in the real UI: web mode serves the built renderer, Chromium drives it. Cuts frames out of the two
 * corpus clips (scene changes plus an interval), curates them with the keyboard (arrows, A, R, U, shift ranges),
 * opens the detail view, filters to the bin, rejects near-duplicates, exports the set in AnimeGANv2's layout and
 * imports that folder back as a set.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS_DIR } from '../support/browser';
import { createLibrary, studioPageForFile } from '../support/e2e-session';
import { sharedPath } from '../support/shared-assets';

const launch = sharedPath('corpus/video/oa4_launch.webm');
const cartoon = sharedPath('corpus/video/win005.mkv');

let page: Page;
let work: string;
let consoleErrors: string[];
studioPageForFile('cel-e2e-curation-', (session) => ({ page, work, consoleErrors } = session));

const cell = (index: number): Locator => page.locator(`[data-testid="curation-cell"][data-index="${index}"]`);
const attr = async (locator: Locator, name: string): Promise<string> => (await locator.getAttribute(name)) ?? '';
const count = async (testId: string): Promise<number> => Number(await attr(page.getByTestId(testId), 'data-count'));
const gridTotal = async (): Promise<number> => Number(await attr(page.getByTestId('curation-grid'), 'data-total'));
const focusedIndex = async (): Promise<number> => Number(await attr(page.getByTestId('curation-grid'), 'data-focus-index'));
const imageLoaded = (img: Locator) =>
  img.evaluate((el) => {
    const i = el as unknown as { complete: boolean; naturalWidth: number };
    return i.complete && i.naturalWidth > 0;
  });

describe.skipIf(!launch || !cartoon)('curation: video frames, keyboard decisions, detail, duplicates, export', () => {
  it('cuts frames from two clips with scene sampling, with progress, into a style set', async () => {
    await createLibrary(page, join(work, 'Library'));

    await page.getByTestId('import-tab-video').click();
    await page.getByTestId('video-clips').fill(`${launch}\n${cartoon}`);
    await page.getByTestId('video-set').fill('film frames');
    await page.getByTestId('video-scene').fill('0.3');
    // An interval as well, so each clip gives a handful of frames even where it has few cuts.
    await page.getByTestId('video-every').fill('2');
    await page.getByTestId('video-max').fill('40');
    await expect.poll(() => page.getByTestId('video-bars').isChecked()).toBe(true);
    await page.getByTestId('video-start').click();

    const progress = page.locator('.import-panel [data-testid="job-progress"]').first();
    await expect.poll(() => attr(progress, 'data-state'), { timeout: 150_000 }).toBe('done');
    expect(await attr(progress, 'data-done')).toBe('2');
    expect(await attr(progress, 'data-percent')).toBe('100');

    // The new set is selected; its frames fill the grid with their scores.
    await expect.poll(gridTotal, { timeout: 20_000 }).toBeGreaterThanOrEqual(8);
    const total = await gridTotal();
    await expect.poll(() => count('stats-count'), { timeout: 20_000 }).toBe(total);
    expect(await count('set-count')).toBe(total);
    expect(await page.getByTestId('stats-sources').locator('li').count()).toBe(2);
    expect(await attr(cell(0), 'data-status')).toBe('unreviewed');
    await expect.poll(() => imageLoaded(cell(0).locator('img')), { timeout: 20_000 }).toBe(true);
    expect(await cell(0).locator('.cur-caption').textContent()).toMatch(/\d\d:\d\d\.\d\d/);
    await page.getByTestId('curation-grid').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'curation-grid.png') });
  });

  it('curates with the keyboard: arrows move the focus, A accepts, R rejects, U undoes, shift extends a range', async () => {
    await cell(0).click();
    expect(await attr(cell(0), 'data-focused')).toBe('true');
    await page.keyboard.press('ArrowRight');
    await expect.poll(focusedIndex).toBe(1);
    expect(await attr(cell(1), 'data-focused')).toBe('true');

    await page.keyboard.press('a');
    await expect.poll(() => attr(cell(1), 'data-status')).toBe('accepted');
    await expect.poll(() => page.getByTestId('undo-toast').textContent()).toMatch(/Accepted 1 — U to undo/);

    await page.keyboard.press('ArrowRight');
    const rejectedId = await attr(cell(2), 'data-id');
    await page.keyboard.press('r');
    await expect.poll(() => attr(cell(2), 'data-status')).toBe('rejected');
    await expect.poll(() => page.getByTestId('undo-toast').textContent()).toMatch(/Rejected 1 — U to undo/);
    await expect.poll(() => count('stats-rejected')).toBe(1);

    await page.keyboard.press('u');
    await expect.poll(() => attr(cell(2), 'data-status')).toBe('unreviewed');
    await expect.poll(() => count('stats-rejected')).toBe(0);
    await page.keyboard.press('r'); // back in the bin, for the filter below
    await expect.poll(() => attr(cell(2), 'data-status')).toBe('rejected');

    // Down moves a whole row.
    const columns = Number(await attr(page.getByTestId('curation-grid'), 'data-columns'));
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedIndex).toBe(Math.min(2 + columns, (await gridTotal()) - 1));
    await page.keyboard.press('ArrowUp');
    await expect.poll(focusedIndex).toBe(2);

    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => page.locator('[data-testid="curation-cell"][data-selected="true"]').count()).toBe(3);
    expect(await count('selection-count')).toBe(3);
    await page.keyboard.press('a');
    for (const i of [3, 4, 5]) await expect.poll(() => attr(cell(i), 'data-status')).toBe('accepted');
    await expect.poll(() => page.getByTestId('undo-toast').textContent()).toMatch(/Accepted 3/);
    await expect.poll(() => count('stats-accepted')).toBe(4);
    expect(await count('stats-rejected')).toBe(1);
    expect(await attr(page.locator(`[data-testid="curation-cell"][data-id="${rejectedId}"]`), 'data-status')).toBe('rejected');

    // Escape clears the selection; ctrl-click toggles single items into one.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="curation-cell"][data-selected="true"]').count()).toBe(0);
    await cell(6).click({ modifiers: ['Control'] });
    await cell(7).click({ modifiers: ['Control'] });
    await expect.poll(() => page.locator('[data-testid="curation-cell"][data-selected="true"]').count()).toBe(2);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'curation-decided.png') });
  });

  it('ignores the keys while typing in a field', async () => {
    const before = await count('stats-accepted');
    await page.getByTestId('export-folder').fill('');
    await page.getByTestId('export-folder').press('a');
    await page.getByTestId('export-folder').press('r');
    expect(await page.getByTestId('export-folder').inputValue()).toBe('ar');
    await page.getByTestId('export-folder').fill('');
    await page.waitForTimeout(300);
    expect(await count('stats-accepted')).toBe(before);
  });

  it('opens the detail view with space: source time, scores, gray and smooth variants, training crops', async () => {
    await cell(1).click();
    await page.keyboard.press(' ');
    const detail = page.getByTestId('detail-view');
    await expect.poll(() => detail.isVisible()).toBe(true);
    expect(await attr(detail, 'data-id')).toBe(await attr(cell(1), 'data-id'));
    expect(await page.getByTestId('detail-time').textContent()).toMatch(/^\d\d:\d\d\.\d\d$/);
    expect(Number(await attr(page.getByTestId('detail-time'), 'data-seconds'))).toBeGreaterThanOrEqual(0);
    const scores = page.getByTestId('detail-scores');
    expect(Number(await attr(scores, 'data-sharpness'))).toBeGreaterThan(0);
    expect(Number(await attr(scores, 'data-brightness'))).toBeGreaterThan(0);
    expect(Number(await attr(scores, 'data-contrast'))).toBeGreaterThan(0);
    expect(await attr(scores, 'data-phash')).toMatch(/^[0-9a-f]{16}$/);
    expect(await page.getByTestId('detail-source').textContent()).toMatch(/oa4_launch\.webm|win005\.mkv/);

    const image = page.getByTestId('detail-image');
    await expect.poll(() => imageLoaded(image), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => attr(page.getByTestId('crop-overlay'), 'data-count'), { timeout: 20_000 }).toBe('4');
    for (const variant of ['gray', 'smooth', 'original'] as const) {
      await page.getByTestId(`variant-${variant}`).click();
      await expect.poll(() => attr(image, 'src')).toContain(`/${variant}/`);
      await expect.poll(() => imageLoaded(image), { timeout: 30_000 }).toBe(true);
    }
    // Keys 1-3 switch the variant as well; arrows move through the items inside the view.
    await detail.focus();
    await page.keyboard.press('2');
    await expect.poll(() => attr(image, 'src')).toContain('/gray/');
    await page.keyboard.press('1');
    await page.getByTestId('variant-compare').check();
    await expect.poll(() => page.getByTestId('detail-image').count()).toBe(3);
    for (const img of await page.getByTestId('detail-image').all()) {
      await expect.poll(() => imageLoaded(img), { timeout: 30_000 }).toBe(true);
    }
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'curation-detail.png') });

    // Tags: add one to the item in view, then remove it again.
    await page.getByTestId('detail-tag-input').fill('sky');
    await page.getByTestId('detail-tag-add').click();
    await expect.poll(() => page.locator('[data-testid="detail-tags"] [data-tag="sky"]').count()).toBe(1);
    await expect.poll(() => page.getByTestId('stats-tags').textContent()).toContain('sky');
    await page.locator('[data-testid="detail-tags"] [data-tag="sky"] [data-testid="tag-remove"]').click();
    await expect.poll(() => page.locator('[data-testid="detail-tags"] [data-tag="sky"]').count()).toBe(0);

    // Escape (even from the checkbox just used) closes the view and gives the keys back to the grid.
    await page.getByTestId('variant-compare').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => detail.count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    await expect.poll(focusedIndex).toBe(2);
  });

  it('filters to the bin', async () => {
    const total = await gridTotal();
    await page.getByTestId('filter-status-unreviewed').uncheck();
    await page.getByTestId('filter-status-accepted').uncheck();
    await expect.poll(gridTotal).toBe(1);
    expect(await attr(cell(0), 'data-status')).toBe('rejected');
    await page.getByTestId('filter-status-unreviewed').check();
    await page.getByTestId('filter-status-accepted').check();
    await expect.poll(gridTotal).toBe(total);
  });

  it('says an inverted score range is ignored instead of only marking it', async () => {
    const total = await gridTotal();
    await page.getByTestId('filter-sharpness-min').fill('500');
    await page.getByTestId('filter-sharpness-max').fill('50');
    await page.getByTestId('filter-sharpness-max').press('Enter');
    await expect.poll(() => page.getByTestId('filter-sharpness-inverted').textContent()).toBe('ignored: min above max');
    expect(await page.getByTestId('filter-sharpness-min').getAttribute('aria-invalid')).toBe('true');
    expect(await gridTotal()).toBe(total);
    await page.getByTestId('filter-sharpness-min').fill('');
    await page.getByTestId('filter-sharpness-min').press('Enter');
    await page.getByTestId('filter-sharpness-max').fill('');
    await page.getByTestId('filter-sharpness-max').press('Enter');
    await expect.poll(() => page.getByTestId('filter-sharpness-inverted').count()).toBe(0);
  });

  it('rejects near-duplicates, keeping the sharpest of each cluster, and can undo it', async () => {
    await page.getByTestId('dedupe-distance').fill('10');
    await page.getByTestId('filter-duplicates').check();
    await page.getByTestId('sort-key').selectOption('cluster');
    await expect.poll(() => attr(page.getByTestId('curation-grid'), 'data-total')).not.toBe('');
    await page.waitForTimeout(300);
    const duplicates = await gridTotal();
    const shown = await page.locator('[data-testid="curation-cell"]').evaluateAll((els) =>
      els.map((e) => ({ cluster: e.getAttribute('data-cluster') ?? '', status: e.getAttribute('data-status') })),
    );
    const clusters = new Set(shown.map((c) => c.cluster));
    expect(clusters.has('')).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'curation-duplicates.png') });

    const rejectedBefore = await count('stats-rejected');
    await page.getByTestId('reject-duplicates').click();
    await expect.poll(() => page.getByTestId('undo-toast').textContent()).toMatch(/Rejected [\d,]+ duplicates|No duplicates/);
    const text = (await page.getByTestId('undo-toast').textContent()) ?? '';
    const rejected = Number(/Rejected ([\d,]+) duplicates/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
    await expect.poll(() => count('stats-rejected')).toBe(rejectedBefore + rejected);
    // Every cluster keeps exactly one (the sharpest), so none is left: rejected items join no cluster.
    if (shown.length === duplicates) expect(rejected).toBe(duplicates - clusters.size);
    await expect.poll(gridTotal).toBe(0);

    if (rejected > 0) {
      await page.getByTestId('toast-undo').click();
      await expect.poll(() => count('stats-rejected')).toBe(rejectedBefore);
      await expect.poll(gridTotal).toBe(duplicates);
      await page.getByTestId('reject-duplicates').click();
      await expect.poll(() => count('stats-rejected')).toBe(rejectedBefore + rejected);
    }
    await page.getByTestId('filter-duplicates').uncheck();
    await page.getByTestId('sort-key').selectOption('added');
  });

  it('exports the accepted and unreviewed frames to a folder in AnimeGANv2 layout, and imports it back', async () => {
    const kept = (await count('stats-accepted')) + (await count('stats-unreviewed'));
    const folder = join(work, 'export', 'film-frames');
    await page.getByTestId('export-folder').fill(folder);
    await page.getByTestId('export-start').click();
    const progress = page.locator('[data-testid="export-panel"] [data-testid="job-progress"]');
    await expect.poll(() => attr(progress, 'data-state'), { timeout: 120_000 }).toBe('done');
    await page.getByTestId('stats-count').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'curation-stats.png') });

    expect(existsSync(join(folder, 'cel-studio-set.json'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(folder, 'cel-studio-set.json'), 'utf8')) as {
      kind: string;
      files: { file: string; smooth: string | null; status: string }[];
    };
    expect(manifest.kind).toBe('style');
    expect(manifest.files.length).toBe(kept);
    expect(new Set(manifest.files.map((f) => f.status))).not.toContain('rejected');
    expect(readdirSync(join(folder, 'style')).sort()).toEqual(manifest.files.map((f) => f.file).sort());
    expect(readdirSync(join(folder, 'smooth')).length).toBe(kept);

    await page.evaluate(() => document.querySelector('.area:not([hidden])')?.scrollTo(0, 0));
    await page.getByTestId('import-tab-set').click();
    await page.getByTestId('import-set-folder').fill(folder);
    await page.getByTestId('import-set-name').fill('film frames (round trip)');
    await page.getByTestId('import-set-start').click();
    const importProgress = page.locator('.import-panel [data-testid="job-progress"]').first();
    await expect.poll(() => attr(importProgress, 'data-state'), { timeout: 120_000 }).toBe('done');
    await expect.poll(() => count('set-count'), { timeout: 20_000 }).toBe(kept);
    await expect.poll(() => page.locator('[data-testid="set-item"][aria-current="true"]').getAttribute('data-set-name')).toBe('film frames (round trip)');
  });

  it('empties the bin of the curated set after a confirmation', async () => {
    await page.locator('[data-testid="set-item"][data-set-name="film frames"]').click();
    await expect.poll(() => count('stats-rejected')).toBeGreaterThan(0);
    const before = await count('stats-count');
    const binned = await count('stats-rejected');
    await page.getByTestId('empty-bin').click();
    await page.getByTestId('confirm-empty-bin').click();
    await expect.poll(() => count('stats-rejected')).toBe(0);
    await expect.poll(() => count('stats-count')).toBe(before - binned);
    expect(await page.getByTestId('undo-toast').textContent()).toMatch(/Deleted/);
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e))).toEqual([]);
  });
});
