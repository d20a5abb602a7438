/**
 * How the curation grid copes with a big set in real Chromium: time from choosing a set of 10,000 frames to
 * the first thumbnails on screen, frame times while scrolling through it (requestAnimationFrame deltas), and a
 * jump to the end; a 100-frame set is measured in the same run as the baseline for the ratios.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { StudioHost } from '../../src/main/host/studio-host';
import { upsertScores } from '../../src/main/services/library/image-scores-table';
import { insertImage } from '../../src/main/services/library/images-table';
import { addToSet } from '../../src/main/services/library/set-images-table';
import { startWebServer } from '../../src/main/web/web-server';
import { launchChromium } from '../../test/support/browser';
import { table, type Cell } from '../table';

const SIZES = [100, 10_000];

/** Fills a set with `n` distinct items whose thumbnails cycle through a few real WebP files. */
async function fillSet(host: StudioHost, name: string, n: number): Promise<void> {
  const { library } = host.open();
  const set = library.createSet(name, 'style');
  const thumbs = await Promise.all(
    Array.from({ length: 24 }, (_, k) =>
      sharp({ create: { width: 160, height: 90, channels: 3, background: { r: (k * 37) % 256, g: (k * 91) % 256, b: (k * 53) % 256 } } })
        .webp()
        .toBuffer(),
    ),
  );
  const now = new Date().toISOString();
  const hashes = Array.from({ length: n }, (_, i) => createHash('sha256').update(`${name}-${i}`).digest('hex'));
  for (const [i, hash] of hashes.entries()) {
    const path = library.files.pathOf(hash, 'thumb');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, thumbs[i % thumbs.length]!);
  }
  library.store.write((tx) => {
    for (const [i, hash] of hashes.entries()) {
      insertImage(tx, { hash, format: 'jpeg', width: 1280, height: 720, bytes: 100_000 }, now);
      upsertScores(tx, hash, { sharpness: 50 + (i % 400), brightness: i % 255, contrast: 20 + (i % 60), phash: hash.slice(0, 16) });
      addToSet(tx, set.id, hash, { path: '/films/bench.mkv', kind: 'video', time: i / 2 }, now);
    }
  });
}

/** Scrolls the grid 90 px per animation frame for up to 4 s and resolves to the frame deltas in ms. */
const SCROLL_SCRIPT = `new Promise((done) => {
  const g = document.querySelector('[data-testid="curation-grid"]');
  g.scrollTop = 0;
  const out = [];
  let last = performance.now();
  const end = last + 4000;
  const step = (t) => {
    out.push(t - last);
    last = t;
    g.scrollTop += 90;
    if (t < end && g.scrollTop + g.clientHeight < g.scrollHeight - 1) requestAnimationFrame(step);
    else done(out.slice(1));
  };
  requestAnimationFrame(step);
})`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]!;
}

async function measure(page: Page, name: string, n: number): Promise<Cell[]> {
  const t0 = performance.now();
  await page.locator(`[data-testid="set-item"][data-set-name="${name}"]`).click();
  await page.waitForFunction(
    `(() => {
      const g = document.querySelector('[data-testid="curation-grid"]');
      const img = document.querySelector('[data-testid="curation-cell"] img');
      return g?.getAttribute('data-total') === '${n}' && !!img && img.complete && img.naturalWidth > 0;
    })()`,
    undefined,
    { timeout: 60_000 },
  );
  const shown = performance.now() - t0;
  // A string, not a function: tsx's name-keeping helpers do not exist inside the page.
  const deltas = (await page.evaluate(SCROLL_SCRIPT)) as number[];
  const t1 = performance.now();
  await page.evaluate(`(() => { const g = document.querySelector('[data-testid="curation-grid"]'); g.scrollTop = g.scrollHeight; })()`);
  await page.waitForFunction(
    `Array.from(document.querySelectorAll('[data-testid="curation-cell"]')).some((c) => c.getAttribute('data-index') === '${n - 1}')`,
    undefined,
    { timeout: 30_000 },
  );
  const jump = performance.now() - t1;
  const sorted = [...deltas].sort((a, b) => a - b);
  const mean = deltas.reduce((a, b) => a + b, 0) / Math.max(1, deltas.length);
  const janky = deltas.filter((d) => d > 33.4).length / Math.max(1, deltas.length);
  const cells = await page.locator('[data-testid="curation-cell"]').count();
  return [n.toLocaleString('en-US'), shown, deltas.length, mean, percentile(sorted, 0.5), percentile(sorted, 0.95), sorted.at(-1) ?? 0, `${(janky * 100).toFixed(1)}%`, jump, cells];
}

/** Runs the grid benchmark and returns its printed table. */
export async function benchGrid(): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'cel-bench-grid-'));
  const host = new StudioHost({ version: 'bench' });
  const rows: Cell[][] = [];
  const browser = await launchChromium();
  try {
    await host.openLibrary(join(work, 'lib'), true);
    for (const n of SIZES) await fillSet(host, `grid-${n}`, n);
    const server = await startWebServer({ host, rendererDir: resolve(import.meta.dirname, '../../out/renderer') });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(server.url);
      for (const n of SIZES) rows.push(await measure(page, `grid-${n}`, n));
    } finally {
      await server.close();
    }
  } finally {
    await browser.close();
    await host.dispose();
    rmSync(work, { recursive: true, force: true });
  }
  const [small, big] = rows;
  const ratio = (i: number): string => (Number(big![i]) / Number(small![i])).toFixed(2);
  return (
    table(
      'Curation grid in Chromium (headless, software rendering): show, scroll 4 s at 90 px/frame, jump to end',
      ['items', 'show ms', 'frames', 'mean ms', 'p50 ms', 'p95 ms', 'max ms', '>33ms', 'jump ms', 'cells in DOM'],
      rows,
    ) + `\nratio 10,000 / 100 items: show ${ratio(1)}x, mean frame ${ratio(3)}x, p95 frame ${ratio(5)}x`
  );
}
