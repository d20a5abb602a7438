/// <reference lib="dom" />
/**
 * Conversion in the real UI: web mode serves the built renderer, Chromium drives it. Opens a clip, scrubs the
 * preview and steps a frame, drags the before/after divider, exports a still at full size, and converts the clip
 * through the queue into a file with every frame and the sound.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ffmpegPath } from '../../src/main/services/video';
import { openStudioPage, type E2eSession } from '../support/e2e-session';
import { decodedFrameTimes, frameHashes, streams } from '../support/media-checks';

let session: E2eSession;
let page: Page;
let area: Locator;
let clip: string;

/** 3 s of testsrc2 (192x108, 10 fps) with a 440 Hz tone in AAC, as an MP4. */
function makeClip(dir: string): string {
  const out = join(dir, 'walk.mp4');
  execFileSync(ffmpegPath(), [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=s=192x108:r=10:d=3',
    '-f', 'lavfi', '-i', 'sine=f=440:d=3',
    '-c:v', 'mpeg4', '-q:v', '3', '-c:a', 'aac', '-shortest', out,
  ]);
  return out;
}

const attr = async (locator: Locator, name: string): Promise<string> => (await locator.getAttribute(name)) ?? '';
const shownTime = async (): Promise<number> => Number(await attr(area.getByTestId('preview-time'), 'data-time'));
const afterSrc = (): Promise<string> => attr(area.getByAltText('After'), 'src');

beforeAll(async () => {
  session = await openStudioPage('cel-e2e-convert-');
  page = session.page;
  clip = makeClip(session.work);
  area = page.locator('[data-area="convert"]');
});

afterAll(async () => {
  await session?.close();
});

describe('convert: preview, compare, still and a short conversion in the real UI', () => {
  it('opens a clip and shows what it holds', async () => {
    await page.getByTestId('library-path').fill(join(session.work, 'Library'));
    await page.getByTestId('library-create').click();
    await expect.poll(() => page.getByTestId('library-name').textContent()).toContain('Library');
    await page.getByTestId('nav-convert').click();

    await area.getByLabel('Clip path').fill(clip);
    await area.getByRole('button', { name: 'Open', exact: true }).click();
    await expect.poll(() => attr(area.getByTestId('clip-frames'), 'data-value'), { timeout: 30_000 }).toBe('30');
    expect(await attr(area.getByTestId('clip-audio'), 'data-value')).toBe('1');
  });

  it('previews the first frame, then scrubs and steps to others', async () => {
    const stage = area.getByTestId('preview-stage');
    await expect.poll(() => attr(stage, 'data-state'), { timeout: 60_000 }).toBe('ready');
    const first = await afterSrc();
    expect(first).toMatch(/preview/);

    await area.getByRole('slider', { name: 'Scrubber' }).fill('1.5');
    await expect.poll(shownTime, { timeout: 30_000 }).toBeCloseTo(1.5, 3);
    await expect.poll(afterSrc).not.toBe(first);

    await area.getByRole('button', { name: 'Next frame' }).click();
    await expect.poll(shownTime, { timeout: 30_000 }).toBeCloseTo(1.6, 3);
    expect(Number(await attr(area.getByTestId('preview-stylize-ms'), 'data-ms'))).toBeGreaterThan(0);
    expect(await attr(area.getByTestId('preview-engine'), 'data-engine')).toBe('builtin');
  });

  it('drags the compare divider across the picture', async () => {
    const compare = area.getByRole('slider', { name: 'Compare' });
    expect(Number(await compare.inputValue())).toBe(50);
    const box = (await area.getByAltText('Before').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => Number(await compare.inputValue())).toBeLessThan(30);
    const clipPath = await area.getByAltText('After').evaluate((img) => getComputedStyle(img).clipPath);
    expect(clipPath).toMatch(/inset/);
  });

  it('exports the shown frame as a full-size PNG', async () => {
    const still = join(session.work, 'stills', 'frame.png');
    await area.getByLabel('Still file').fill(still);
    await area.getByRole('button', { name: 'Export still' }).click();
    await expect.poll(() => attr(area.getByTestId('still-written'), 'data-path'), { timeout: 30_000 }).toBe(still);
    expect(await sharp(still).metadata()).toMatchObject({ format: 'png', width: 192, height: 108 });
  });

  it('converts the clip through the queue, keeping every frame and the sound', async () => {
    const out = join(session.work, 'out', 'walk-anime.mp4');
    await area.getByLabel('Output file').fill(out);
    await area.getByLabel('Preset').selectOption('ultrafast');
    await area.getByRole('button', { name: 'Convert', exact: true }).click();
    const job = area.getByTestId('conversion-job').first();
    await expect.poll(() => attr(job, 'data-state'), { timeout: 120_000 }).toBe('done');
    expect(await job.getByTestId('job-output').textContent()).toContain('walk-anime.mp4');
    expect(existsSync(out)).toBe(true);
    expect(decodedFrameTimes(out)).toHaveLength(30);
    expect(streams(out).map((s) => s.type)).toEqual(['video', 'audio']);
    expect(frameHashes(out, '0:a:0')).toEqual(frameHashes(clip, '0:a:0'));
    expect(session.consoleErrors).toEqual([]);
  });
});
