/// <reference lib="dom" />
/**
 * A render-farm conversion from the real UI: the Convert form's farm choice with the Redis URL (remembered across
 * reloads) queues the clip's segments on a real Redis, a `cel-studio worker` process converts them, and the queue
 * shows the job done with every frame.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { ffmpegPath } from '../../src/main/services/video';
import { startCli } from '../support/cli';
import { convertInUi, createLibrary, openClip, openStudioPage, type E2eSession } from '../support/e2e-session';
import { decodedFrameTimes } from '../support/media-checks';
import { redisAvailable, startRedis, type TestRedis } from '../support/redis-server';

const canRun = redisAvailable();
let session: E2eSession;
let page: Page;
let redis: TestRedis;
let worker: ReturnType<typeof startCli> | undefined;

beforeAll(async () => {
  if (!canRun) return;
  redis = await startRedis();
  worker = startCli(['worker', '--farm', redis.url]);
  // A worker that cannot start fails here, by its own words, rather than as a conversion that never ends.
  await vi.waitFor(() => expect(worker!.err()).toMatch(/taking segments/), { timeout: 20_000, interval: 20 });
  session = await openStudioPage('cel-e2e-farm-');
  page = session.page;
});

afterAll(async () => {
  worker?.kill('SIGKILL');
  await session?.close();
  await redis?.dispose();
});

describe.skipIf(!canRun)('convert on a render farm from the UI', () => {
  it('queues the segments on the farm the form names, and remembers it', { timeout: 120_000 }, async () => {
    const clip = join(session.work, 'walk.mp4');
    execFileSync(ffmpegPath(), ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=10:d=3', '-c:v', 'mpeg4', clip]);
    await createLibrary(page, join(session.work, 'Library'));
    await page.getByTestId('nav-convert').click();
    const area = page.locator('[data-area="convert"]');
    await openClip(area, clip, 30);

    await area.getByTestId('convert-farm').check();
    // No URL yet: the form says what is missing instead of queueing.
    await area.getByRole('button', { name: 'Convert', exact: true }).click();
    expect(await area.getByRole('alert').filter({ hasText: 'Redis URL' }).textContent()).toMatch(/^Type the render farm's Redis URL/);
    await area.getByTestId('convert-farm-url').fill(redis.url);
    const out = join(session.work, 'farm-anime.mp4');
    const job = await convertInUi(area, out, 90_000);
    expect(await job.getByTestId('job-done').textContent()).toBe('30 / 30 frames');
    expect(decodedFrameTimes(out)).toHaveLength(30);
    expect(worker!.err()).toMatch(/segment 0 done/);

    await page.reload();
    await page.getByTestId('nav-convert').click();
    expect(await area.getByTestId('convert-farm').isChecked()).toBe(true);
    expect(await area.getByTestId('convert-farm-url').inputValue()).toBe(redis.url);
    expect(session.consoleErrors).toEqual([]);
  });
});
