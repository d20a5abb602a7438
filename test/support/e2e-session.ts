/**
 * One e2e session: web mode serving the built renderer, headless Chromium on it, a scratch folder, and the
 * page's console errors collected. Call in beforeAll; `close` in afterAll.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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
