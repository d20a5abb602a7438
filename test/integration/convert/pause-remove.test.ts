/**
 * Pausing a clip conversion holds it inside the segment in flight (no frame is stylized while paused, the ffmpeg
 * processes wait on their pipes) and the resumed conversion ends with the same frames as one never paused;
 * removing a cancelled conversion deletes its hidden work folder of finished segments.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir';
import { decodedFrameTimes, ffmpeg, frameHashes } from '../../support/media-checks';
import { boxBlurEngine } from './box-blur-engine';
import { cancelledConversion, convertUninterrupted, useJobHarnesses } from './job-harness';

const harnesses = useJobHarnesses();
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
    const h = harnesses.open(dir, engine);
    // One segment of all 40 frames, batches of 4: a pause must land between batches, inside the item.
    const params = { input: clip, style: { kind: 'builtin' }, encode: fast, segmentFrames: 40 };
    await convertUninterrupted(h, engine, params, join(dir, 'whole.mkv'));

    const output = join(dir, 'paused.mkv');
    const started = h.jobs.start('convert-clip', { ...params, output });
    await new Promise<void>((resolve, reject) => {
      h.onEvent = (job) => {
        if (job.id !== started.id) return;
        if (job.state !== 'running') reject(new Error(`the job was ${job.state} before it could be paused`));
        if (job.progress.fraction <= 0) return;
        h.onEvent = undefined;
        h.jobs.pause(started.id);
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
    const paused = h.jobs.get(started.id);
    expect(paused.state).toBe('paused');
    expect(paused.progress.fraction).toBeGreaterThan(0);
    expect(paused.progress.current).toMatch(/^frame \d+ of 40$/);
    // Progress in frames: exactly the frames stylized so far, of all 40; no rate or ETA while paused.
    expect(paused.progress.work).toEqual({ unit: 'frames', done: held, total: 40, rate: 0 });
    expect(paused.progress.etaSeconds).toBeNull();

    h.jobs.resume(started.id);
    const done = await h.jobs.wait(started.id);
    expect(done.state).toBe('done');
    expect(done.progress.work).toEqual({ unit: 'frames', done: 40, total: 40, rate: 0 });
    // Nothing was stylized twice, and the file is the same as the one never paused.
    expect(engine.frames).toBe(40);
    expect(frameHashes(output, '0:v', false)).toEqual(frameHashes(join(dir, 'whole.mkv'), '0:v', false));
  });

  it('removing a cancelled conversion deletes its work folder; the source and other files stay', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const clip = clipIn(dir);
    const h = harnesses.open(dir, boxBlurEngine());
    const output = join(dir, 'out.mp4');
    const { job, kept } = await cancelledConversion(h, { input: clip, output, style: { kind: 'builtin' }, encode: fast, segmentFrames: 8 });
    expect(readdirSync(dir).filter((n) => n.endsWith('.parts'))).toHaveLength(1);
    expect(kept.size).toBeGreaterThanOrEqual(2);

    await h.jobs.remove(job.id);
    expect(readdirSync(dir).filter((n) => !n.startsWith('library.db'))).toEqual(['clip.mkv']);
  });

  it('keeps the work folder while another job of the same conversion may still use it', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const clip = clipIn(dir);
    const h = harnesses.open(dir, boxBlurEngine());
    const params = { input: clip, output: join(dir, 'out.mp4'), style: { kind: 'builtin' }, encode: fast, segmentFrames: 8 };
    const cancelAfter = async (segments: number): Promise<string> => {
      const started = h.jobs.start('convert-clip', params);
      expect((await h.cancelAfter(started.id, segments)).state).toBe('cancelled');
      return started.id;
    };
    // Two jobs of one conversion share its work folder (the second picked up the first one's segments).
    const first = await cancelAfter(2);
    const second = await cancelAfter(3);
    const work = (): string[] => readdirSync(dir).filter((n) => n.endsWith('.parts'));
    expect(work()).toHaveLength(1);

    await h.jobs.remove(first);
    expect(work()).toHaveLength(1);
    const done = await h.jobs.wait(h.jobs.resume(second).id);
    expect(done.state).toBe('done');
    expect(decodedFrameTimes(join(dir, 'out.mp4'))).toHaveLength(40);
  });
});
