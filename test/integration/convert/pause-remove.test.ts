/**
 * Pausing a clip conversion holds it inside the segment in flight (no frame is stylized while paused, the ffmpeg
 * processes wait on their pipes) and the resumed conversion ends with the same frames as one never paused;
 * removing a cancelled conversion deletes its hidden work folder of finished segments.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir';
import { decodedFrameTimes, ffmpeg, frameHashes } from '../../support/media-checks';
import { boxBlurEngine } from './box-blur-engine';
import { jobHarness, type Harness } from './job-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const fast = { codec: 'h264', crf: 23, preset: 'veryfast' } as const;

/** A 4 s, 10 fps test clip in `dir`. */
function clipIn(dir: string): string {
  const clip = join(dir, 'clip.mkv');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=96x64:r=10:d=4', '-c:v', 'ffv1', clip]);
  return clip;
}

describe('pause and remove on a clip conversion', () => {
  it('pauses inside a segment, stylizes nothing while paused, and resumes to the same frames', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const clip = clipIn(dir);
    // 40 ms a batch: the segment takes long enough for a pause to land inside it.
    const engine = boxBlurEngine(40);
    h = jobHarness(dir, engine);
    const hh = h;
    // One segment of all 40 frames, batches of 4: a pause must land between batches, inside the item.
    const params = { input: clip, style: { kind: 'builtin' }, encode: fast, segmentFrames: 40 };
    const whole = await hh.jobs.wait(hh.jobs.start('convert-clip', { ...params, output: join(dir, 'whole.mkv') }).id);
    expect(whole.state).toBe('done');
    engine.frames = 0;

    const output = join(dir, 'paused.mkv');
    const started = hh.jobs.start('convert-clip', { ...params, output });
    await new Promise<void>((resolve, reject) => {
      hh.onEvent = (job) => {
        if (job.id !== started.id) return;
        if (job.state !== 'running') reject(new Error(`the job was ${job.state} before it could be paused`));
        if (job.progress.fraction <= 0) return;
        hh.onEvent = undefined;
        hh.jobs.pause(started.id);
        resolve();
      };
    });
    // The batch already being stylized may end; after that nothing moves.
    await sleep(150);
    const held = engine.frames;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(40);
    await sleep(400);
    expect(engine.frames).toBe(held);
    const paused = hh.jobs.get(started.id);
    expect(paused.state).toBe('paused');
    expect(paused.progress.fraction).toBeGreaterThan(0);
    expect(paused.progress.current).toMatch(/^frame \d+ of 40$/);
    // Progress in frames: exactly the frames stylized so far, of all 40; no rate or ETA while paused.
    expect(paused.progress.work).toEqual({ unit: 'frames', done: held, total: 40, rate: 0 });
    expect(paused.progress.etaSeconds).toBeNull();

    hh.jobs.resume(started.id);
    const done = await hh.jobs.wait(started.id);
    expect(done.state).toBe('done');
    expect(done.progress.work).toEqual({ unit: 'frames', done: 40, total: 40, rate: 0 });
    // Nothing was stylized twice, and the file is the same as the one never paused.
    expect(engine.frames).toBe(40);
    expect(frameHashes(output, '0:v', false)).toEqual(frameHashes(join(dir, 'whole.mkv'), '0:v', false));
  });

  it('removing a cancelled conversion deletes its work folder; the source and other files stay', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const clip = clipIn(dir);
    h = jobHarness(dir, boxBlurEngine());
    const hh = h;
    const output = join(dir, 'out.mp4');
    const started = hh.jobs.start('convert-clip', { input: clip, output, style: { kind: 'builtin' }, encode: fast, segmentFrames: 8 });
    expect((await hh.cancelAfter(started.id, 2)).state).toBe('cancelled');
    const work = readdirSync(dir).filter((n) => n.startsWith('.out.mp4.') && n.endsWith('.parts'));
    expect(work).toHaveLength(1);
    expect(readdirSync(join(dir, work[0]!)).length).toBeGreaterThanOrEqual(2);

    await hh.jobs.remove(started.id);
    expect(readdirSync(dir).filter((n) => !n.startsWith('library.db'))).toEqual(['clip.mkv']);
  });

  it('keeps the work folder while another job of the same conversion may still use it', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const clip = clipIn(dir);
    h = jobHarness(dir, boxBlurEngine());
    const hh = h;
    const params = { input: clip, output: join(dir, 'out.mp4'), style: { kind: 'builtin' }, encode: fast, segmentFrames: 8 };
    const cancelAfter = async (segments: number): Promise<string> => {
      const started = hh.jobs.start('convert-clip', params);
      expect((await hh.cancelAfter(started.id, segments)).state).toBe('cancelled');
      return started.id;
    };
    // Two jobs of one conversion share its work folder (the second picked up the first one's segments).
    const first = await cancelAfter(2);
    const second = await cancelAfter(3);
    const work = (): string[] => readdirSync(dir).filter((n) => n.endsWith('.parts'));
    expect(work()).toHaveLength(1);

    await hh.jobs.remove(first);
    expect(work()).toHaveLength(1);
    const done = await hh.jobs.wait(hh.jobs.resume(second).id);
    expect(done.state).toBe('done');
    expect(decodedFrameTimes(join(dir, 'out.mp4'))).toHaveLength(40);
  });
});
