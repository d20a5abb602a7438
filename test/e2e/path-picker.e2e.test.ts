/**
 * Paths chosen without typing, in web mode: the studio's own picker (with HOME set to the test's scratch folder)
 * names a new library, adds a clip to a video import into a style set, opens a clip on the convert page and names
 * the still it writes, by mouse and by keyboard. And the page opened without its token says how to open the studio.
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS_DIR } from '../support/browser';
import { openStudioPage, type E2eSession } from '../support/e2e-session';
import { CUT, cutClip } from '../support/video-clips';

let session: E2eSession;
let page: Page;
let home: string;
let clip: string;

const picker = (): Locator => page.getByTestId('path-picker');
const entry = (name: string): Locator => picker().locator(`[data-testid="path-picker-entry"][data-name="${name}"]`);
const entryNames = (): Promise<string[]> =>
  picker().getByTestId('path-picker-entry').evaluateAll((els) => els.map((el) => el.getAttribute('data-name') ?? ''));
const attr = async (locator: Locator, name: string): Promise<string> => (await locator.getAttribute(name)) ?? '';

beforeAll(async () => {
  session = await openStudioPage('cel-e2e-picker-', { homeInWork: true });
  page = session.page;
  home = realpathSync(session.work);
  mkdirSync(join(home, 'films'));
  clip = cutClip(join(home, 'films'));
  writeFileSync(join(home, 'films', 'notes.txt'), 'not a clip');
  mkdirSync(join(home, '.config'));
});

afterAll(async () => {
  await session?.close();
});

describe('path picker: the journey without typing a path in web mode', () => {
  it('names a new library folder in the picker and creates it', async () => {
    await page.getByTestId('library-path-browse').click();
    await expect.poll(() => attr(picker(), 'data-path')).toBe(home);
    expect(await entryNames()).toEqual(['films']); // no dot-folders, no files when a folder is asked for
    expect(await picker().getByTestId('path-picker-root').evaluateAll((els) => els.map((el) => el.getAttribute('data-label')))).toEqual(['Home']);
    await picker().getByTestId('path-picker-name').fill('Library');
    expect(await picker().getByTestId('path-picker-choice').textContent()).toBe(join(home, 'Library'));
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'path-picker-library.png') });
    await picker().getByTestId('path-picker-choose').click();
    await expect.poll(() => picker().count()).toBe(0);
    expect(await page.getByTestId('library-path').inputValue()).toBe(join(home, 'Library'));
    await page.getByTestId('library-create').click();
    await expect.poll(() => page.getByTestId('library-name').textContent()).toContain('Library');
  });

  it('adds a clip to a video import with the mouse, listing only clips, and cuts it into a style set', async () => {
    await page.getByTestId('import-tab-video').click();
    await page.getByTestId('video-clips-browse').click();
    await expect.poll(() => attr(picker(), 'data-path')).toBe(home);
    // The open library is a place of its own now.
    expect(await picker().getByTestId('path-picker-root').evaluateAll((els) => els.map((el) => el.getAttribute('data-label')))).toEqual(['Home', 'Library']);
    await entry('films').dblclick();
    await expect.poll(() => attr(picker(), 'data-path')).toBe(join(home, 'films'));
    expect(await entryNames()).toEqual(['cut.mp4']);
    expect(await picker().getByTestId('path-picker-choose').isDisabled()).toBe(true);
    await picker().getByTestId('path-picker-all').check();
    await expect.poll(entryNames).toEqual(['cut.mp4', 'notes.txt']);
    await picker().getByTestId('path-picker-all').uncheck();
    await expect.poll(entryNames).toEqual(['cut.mp4']);
    await entry('cut.mp4').click();
    expect(await picker().getByTestId('path-picker-choice').textContent()).toBe(clip);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'path-picker-clip.png') });
    await picker().getByTestId('path-picker-choose').click();
    await expect.poll(() => picker().count()).toBe(0);
    expect(await page.getByTestId('video-clips').inputValue()).toBe(clip);

    await page.getByTestId('video-start').click();
    const progress = page.locator('.import-panel [data-testid="job-progress"]').first();
    await expect.poll(() => attr(progress, 'data-state'), { timeout: 120_000 }).toBe('done');
    const frames = page.locator('[data-testid="set-item"][aria-current="true"]');
    expect(await frames.locator('.badge').textContent()).toBe('style');
    await expect.poll(async () => Number(await page.getByTestId('set-count').getAttribute('data-count')), { timeout: 20_000 }).toBeGreaterThan(0);
  });

  it('opens a clip on the convert page by keyboard, and names the still it writes', async () => {
    const area = page.locator('[data-area="convert"]');
    await page.getByTestId('nav-convert').click();
    await area.getByTestId('clip-path-browse').click();
    await expect.poll(() => attr(picker(), 'data-path')).toBe(home);
    await expect.poll(() => picker().getByTestId('path-picker-list').evaluate((el) => el === document.activeElement)).toBe(true);
    // Type-ahead to the folder, Enter opens it; Down to the clip, Enter chooses it, and the clip opens at once.
    await page.keyboard.type('fi');
    await expect.poll(() => attr(entry('films'), 'aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await expect.poll(() => attr(picker(), 'data-path')).toBe(join(home, 'films'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => picker().count()).toBe(0);
    expect(await area.getByTestId('clip-path').inputValue()).toBe(clip);
    await expect.poll(() => attr(area.getByTestId('clip-frames'), 'data-value'), { timeout: 30_000 }).toBe(String(CUT.fps * CUT.seconds));

    // Escape cancels and gives the focus back to the button.
    await area.getByTestId('clip-path-browse').click();
    await expect.poll(() => picker().count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => picker().count()).toBe(0);
    expect(await area.getByTestId('clip-path-browse').evaluate((el) => el === document.activeElement)).toBe(true);

    // Saving: the still defaults into the library's exports folder, where the picker starts, with its name;
    // Backspace goes up a folder.
    const still = area.getByTestId('still-output');
    const exportsDir = join(home, 'Library', 'exports');
    const name = (await still.inputValue()).split('/').pop()!;
    expect(await still.inputValue()).toBe(join(exportsDir, name));
    await area.getByTestId('still-output-browse').click();
    await expect.poll(() => attr(picker(), 'data-path')).toBe(exportsDir);
    expect(await picker().getByTestId('path-picker-name').inputValue()).toBe(name);
    await page.keyboard.press('Backspace');
    await expect.poll(() => attr(picker(), 'data-path')).toBe(join(home, 'Library'));
    await picker().getByTestId('path-picker-choose').click();
    expect(await still.inputValue()).toBe(join(home, 'Library', name));
    await area.getByRole('button', { name: 'Export still' }).click();
    await expect.poll(() => attr(area.getByTestId('still-written'), 'data-path'), { timeout: 60_000 }).toBe(join(home, 'Library', name));
    expect(session.consoleErrors).toEqual([]);
  });

  it('tells a browser without the token how to open the studio, instead of showing JSON', async () => {
    const context = await session.browser.newContext();
    try {
      const bare = await context.newPage();
      const response = await bare.goto(`${session.studio.origin}/`);
      expect(response?.status()).toBe(401);
      expect(await bare.getByRole('heading').textContent()).toBe('Cel Studio is running here, in web mode');
      expect(await bare.locator('body').textContent()).toMatch(/printed in the terminal where cel-studio serve or npm start runs/);
      expect(await bare.locator('script').count()).toBe(0);
      await bare.screenshot({ path: join(ARTIFACTS_DIR, 'token-page.png') });
    } finally {
      await context.close();
    }
  });
});
