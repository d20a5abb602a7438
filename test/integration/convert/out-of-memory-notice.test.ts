/**
 * A conversion whose engine runs out of GPU memory goes on with smaller tiles and says so on the job: a photo folder
 * converts to the same pictures as without the ceiling (within one level, the tiling tolerance of the box blur), and
 * a clip converts every frame, each halving recorded once as a notice of the finished job.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { memoryLimitedEngine } from '../../support/memory-limited-engine';
import { noisePhotoFolder } from '../../support/noise-photos';
import { tempDir } from '../../support/temp-dir';
import { plainClip } from '../../support/video-clips';
import { decodedFrameTimes } from '../../support/media-checks';
import { boxBlurEngine } from './box-blur-engine';
import { useJobHarnesses } from './job-harness';

const { open } = useJobHarnesses();

async function pixels(path: string): Promise<Buffer> {
  return sharp(path).removeAlpha().raw().toBuffer();
}

describe('a conversion on an engine that runs out of GPU memory', () => {
  it('converts a photo folder to the pictures it gives without the ceiling, with a notice per halving', async () => {
    const dir = tempDir();
    const photos = await noisePhotoFolder(join(dir, 'photos'), { 'a.png': [200, 120], 'b.png': [200, 120] });
    const params = (out: string) => ({ folder: photos, outputFolder: join(dir, out), style: { kind: 'builtin' }, format: 'png' });

    const first = open(dir, boxBlurEngine());
    const free = await first.jobs.wait(first.jobs.start('convert-photos', params('free')).id);
    expect(free).toMatchObject({ state: 'done', notices: [] });
    await first.close();

    const limited = memoryLimitedEngine(boxBlurEngine(), 10_000, { kind: 'tfjs-webgpu' });
    mkdirSync(join(dir, 'second'));
    const second = open(join(dir, 'second'), limited);
    const job = await second.jobs.wait(second.jobs.start('convert-photos', params('limited')).id);
    expect(job).toMatchObject({ state: 'done', counts: { converted: 2 } });
    expect(job.notices[0]).toBe('GPU ran out of memory at 200x120 frames; continuing with 98x120 tiles');
    expect(job.notices).toHaveLength(limited.refused.length);
    // The second photo ran at the limit the first one found.
    expect(limited.refused.every(([n, height, width]) => n === 1 && height * width > 10_000)).toBe(true);
    for (const name of ['a.png', 'b.png']) {
      const [a, b] = [await pixels(join(dir, 'free', name)), await pixels(join(dir, 'limited', name))];
      let max = 0;
      for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
      expect(max).toBeLessThanOrEqual(1);
    }
  });

  it('converts every frame of a clip and records the halvings as notices of the job', async () => {
    const dir = tempDir();
    const input = plainClip(dir, 160, 120, 2);
    const limited = memoryLimitedEngine(boxBlurEngine(), 20_000, { kind: 'onnxruntime-dml', acrossWorker: true });
    const h = open(dir, limited);
    const output = join(dir, 'out.mp4');
    const job = await h.jobs.wait(
      h.jobs.start('convert-clip', { input, output, style: { kind: 'builtin' }, encode: { codec: 'h264', crf: 23, preset: 'veryfast' }, segmentFrames: 10 }).id,
    );
    expect(job.state).toBe('done');
    expect(decodedFrameTimes(output)).toHaveLength(20);
    // Batches of 4 frames (76,800 px), then 2 (38,400 px), then 1 (19,200 px), which fits.
    expect(job.notices).toEqual([
      'GPU ran out of memory at 4 x 160x120 frames per pass; continuing with 2 x 160x120 frames per pass',
      'GPU ran out of memory at 2 x 160x120 frames per pass; continuing with 160x120 frames',
    ]);
    expect(limited.refused).toEqual([[4, 120, 160], [2, 120, 160]]);
  });
});
