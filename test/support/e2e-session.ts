/**
 * One e2e session: web mode serving the built renderer, headless Chromium on it, a scratch folder, and the
 * page's console errors collected. Call in beforeAll; `close` in afterAll.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { serveStudio, type ServedStudio } from './web-mode';

export interface E2eSession {
  studio: ServedStudio;
  browser: Browser;
  page: Page;
  /** Scratch folder for libraries and exports, removed by `close`. */
  work: string;
  consoleErrors: string[];
  close(): Promise<void>;
}

/**
 * Serves the studio and opens its page (1360x860) with the token URL. With `homeInWork`, the studio's home folder
 * (HOME) is the scratch folder, so its path picker browses what the test put there.
 */
export async function openStudioPage(prefix: string, opts: { homeInWork?: boolean } = {}): Promise<E2eSession> {
  const work = mkdtempSync(join(tmpdir(), prefix));
  const studio = await serveStudio([], opts.homeInWork ? { HOME: work, USERPROFILE: work } : {});
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(studio.url);
  return {
    studio,
    browser,
    page,
    work,
    consoleErrors,
    async close() {
      await browser.close();
      await studio.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * One studio page for all the tests of a file: opened before them (`onOpen` takes the session, to keep what the
 * tests use), closed after them.
 */
export function studioPageForFile(prefix: string, onOpen: (session: E2eSession) => void): void {
  let session: E2eSession | undefined;
  beforeAll(async () => {
    session = await openStudioPage(prefix);
    onOpen(session);
  });
  afterAll(async () => {
    await session?.close();
  });
}

/** Creates (and opens) the library at `path` through the library panel, waiting until the page shows it. */
export async function createLibrary(page: Page, path: string): Promise<void> {
  await page.getByTestId('library-path').fill(path);
  await page.getByTestId('library-create').click();
  await expect.poll(() => page.getByTestId('library-name').textContent()).toContain(path.split(/[\\/]/).pop()!);
}

/** Opens `clip` on the convert page (`area`) and waits until it shows `frames` frames. */
export async function openClip(area: Locator, clip: string, frames: number): Promise<void> {
  await area.getByLabel('Clip path').fill(clip);
  await area.getByRole('button', { name: 'Open', exact: true }).click();
  await expect.poll(async () => (await area.getByTestId('clip-frames').getAttribute('data-value')) ?? '', { timeout: 30_000 }).toBe(String(frames));
}

/** Converts the open clip to `output` (preset ultrafast) from the convert page; answers its job card once done. */
export async function convertInUi(area: Locator, output: string, timeout = 120_000): Promise<Locator> {
  await area.getByLabel('Output file').fill(output);
  await area.getByLabel('Preset').selectOption('ultrafast');
  await area.getByRole('button', { name: 'Convert', exact: true }).click();
  const job = area.getByTestId('conversion-job').first();
  await expect.poll(async () => (await job.getAttribute('data-state')) ?? '', { timeout }).toBe('done');
  return job;
}
