/// <reference lib="dom" />
/**
 * Conversion in the real UI: web mode serves the built renderer, Chromium drives it. Opens a clip, scrubs the
 * preview and steps a frame, drags the before/after divider, exports a still at full size, and converts the clip
 * through the queue into a file with every frame and the sound.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ffmpegPath } from '../../src/main/services/video';
import { ARTIFACTS_DIR } from '../support/browser';
import { convertInUi, createLibrary, openClip, openStudioPage, type E2eSession } from '../support/e2e-session';
import { decodedFrameTimes, frameHashes, streams } from '../support/media-checks';
import { vfrClip } from '../integration/convert/codec-clips';

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
    await createLibrary(page, join(session.work, 'Library'));
    await page.getByTestId('nav-convert').click();

    await openClip(area, clip, 30);
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

  it('keeps codec and output file matched: changing one moves the other', async () => {
    const output = area.getByLabel('Output file');
    const codec = area.getByTestId('convert-codec');
    await codec.selectOption('vp9');
    // Outputs default into the library's exports folder, not beside the clip.
    expect(await output.inputValue()).toBe(join(session.work, 'Library', 'exports', 'walk-anime.webm'));
    await codec.selectOption('prores');
    expect(await output.inputValue()).toBe(join(session.work, 'Library', 'exports', 'walk-anime.mov'));
    expect(await area.getByTestId('convert-crf').isDisabled()).toBe(true); // ProRes has no CRF
    await output.fill(join(session.work, 'typed.webm'));
    expect(await codec.inputValue()).toBe('vp9');
    await codec.selectOption('h264');
    expect(await output.inputValue()).toBe(join(session.work, 'typed.mp4'));
    expect(await area.getByTestId('convert-crf').isDisabled()).toBe(false);
  });

  it('converts the clip through the queue, keeping every frame and the sound', async () => {
    const out = join(session.work, 'out', 'walk-anime.mp4');
    const job = await convertInUi(area, out);
    expect(await job.getByTestId('job-output').textContent()).toContain('walk-anime.mp4');
    expect(await job.getByTestId('job-done').textContent()).toBe('30 / 30 frames');
    expect(existsSync(out)).toBe(true);
    expect(decodedFrameTimes(out)).toHaveLength(30);
    expect(streams(out).map((s) => s.type)).toEqual(['video', 'audio']);
    expect(frameHashes(out, '0:a:0')).toEqual(frameHashes(clip, '0:a:0'));
    expect(session.consoleErrors).toEqual([]);
  });

  it('steps frame by frame through a variable-rate clip onto its exact frame times', async () => {
    const vfr = vfrClip(session.work);
    const truth = decodedFrameTimes(vfr).slice(0, 10);
    await area.getByLabel('Clip path').fill(vfr);
    await area.getByRole('button', { name: 'Open', exact: true }).click();
    const scrubber = area.getByTestId('scrubber');
    await expect.poll(() => attr(scrubber, 'data-time'), { timeout: 30_000 }).toBe('0');
    const times = [0];
    for (let i = 1; i < truth.length; i++) {
      await area.getByTestId('frame-next').click();
      await expect.poll(async () => Number(await attr(scrubber, 'data-time')), { timeout: 30_000 }).not.toBe(times.at(-1));
      times.push(Number(await attr(scrubber, 'data-time')));
    }
    // 10 fps, then 29.97 fps: 1/fps of the average rate would skip or repeat frames across the change.
    times.forEach((t, i) => expect(Math.abs(t - (truth[i]! - truth[0]!)), `frame ${i}`).toBeLessThan(1e-4));
    await area.getByTestId('frame-prev').click();
    await expect.poll(async () => Number(await attr(scrubber, 'data-time')), { timeout: 30_000 }).toBeCloseTo(truth.at(-2)! - truth[0]!, 4);
    // → steps anywhere on the page, as the buttons' tooltips promise, not only with the scrubber focused.
    await page.locator('.convert h1').click();
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => Number(await attr(scrubber, 'data-time')), { timeout: 30_000 }).toBeCloseTo(truth.at(-1)! - truth[0]!, 4);
  });

  it('pauses, resumes and cancels a long conversion, then removes it and its work files', async () => {
    // 20 s at 640x360: long enough to act on while it runs.
    const long = join(session.work, 'long.mp4');
    execFileSync(ffmpegPath(), ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=25:d=20', '-c:v', 'mpeg4', '-q:v', '5', long]);
    await openClip(area, long, 500);
    const outDir = join(session.work, 'out');
    await area.getByLabel('Output file').fill(join(outDir, 'long-anime.mp4'));
    await area.getByRole('button', { name: 'Convert', exact: true }).click();
    const job = area.locator('[data-testid="conversion-job"]', { hasText: 'long.mp4' });
    // Under way: past planning, inside its first segment.
    const current = job.locator('.job-current');
    await expect.poll(() => current.count(), { timeout: 60_000 }).toBe(1);
    expect(await attr(job, 'data-state')).toBe('running');

    await job.getByTestId('job-pause').click();
    await expect.poll(() => attr(job, 'data-state'), { timeout: 30_000 }).toBe('paused');
    // "frame N of 500" stands still while paused, once the batch in flight at the click is done (on a loaded
    // machine that batch may take a while, so wait for the line to settle rather than a fixed time).
    const settled = async (): Promise<boolean> => {
      const before = await current.getAttribute('title');
      await page.waitForTimeout(1_500);
      return (await current.getAttribute('title')) === before;
    };
    await expect.poll(settled, { timeout: 30_000, interval: 0 }).toBe(true);
    const held = await current.getAttribute('title');
    expect(held).toMatch(/^frame \d+ of 500$/);
    expect(await job.getByTestId('job-done').textContent()).toMatch(/^\d+ \/ 500 frames$/);
    await page.waitForTimeout(1_000);
    expect(await current.getAttribute('title')).toBe(held);
    expect(await job.getByTestId('job-remove').count()).toBe(0); // a paused job still owns its work
    // The status bar does not count it as running.
    await expect.poll(() => page.getByTestId('status-jobs').textContent()).toMatch(/^1 job paused · /);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'convert-paused.png') });

    await job.getByTestId('job-resume').click();
    await expect.poll(() => attr(job, 'data-state'), { timeout: 30_000 }).toBe('running');
    await job.getByTestId('job-pause').click();
    await expect.poll(() => attr(job, 'data-state'), { timeout: 30_000 }).toBe('paused');
    await job.getByTestId('job-cancel').click();
    await expect.poll(() => attr(job, 'data-state'), { timeout: 30_000 }).toBe('cancelled');
    const work = (): string[] => readdirSync(outDir).filter((n) => n.startsWith('.long-anime.mp4.'));
    expect(work()).toHaveLength(1);

    // Removing an unfinished conversion asks first, since its finished segments go with it.
    await job.getByTestId('job-remove').click();
    await expect.poll(() => job.getByTestId('job-remove-confirm').textContent()).toContain('segments');
    await job.getByTestId('job-remove-no').click();
    expect(await job.count()).toBe(1);
    await job.getByTestId('job-remove').click();
    await job.getByTestId('job-remove-yes').click();
    await expect.poll(() => job.count(), { timeout: 30_000 }).toBe(0);
    expect(work()).toEqual([]);
    expect(readdirSync(outDir)).toEqual(['walk-anime.mp4']);
    expect(session.consoleErrors).toEqual([]);
  });
});
