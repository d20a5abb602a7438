/**
 * The convert-clip job at its edges, on real ffmpeg: frame sizes whose short side rounds awkwardly, the MPEG-4
 * Part 2 encoder's coarser clock, ranges reaching past the clip or starting a hair after 0, an output that is the
 * input under another name, and failures that must keep the segments already finished.
 */
import { linkSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudioError } from '@shared/errors';
import { planConversion } from '../../../src/main/services/convert';
import { probeClip } from '../../../src/main/services/video';
import { decodedFrameTimes, duration, ffmpeg, streams } from '../../support/media-checks';
import { tempDir } from '../../support/temp-dir';
import { truncatedCopy } from '../../support/video-clips';
import { boxBlurEngine, failingOnCall } from './box-blur-engine';
import { useJobHarnesses } from './job-harness';

const fast = { codec: 'h264', crf: 23, preset: 'veryfast' } as const;
const { open, convert } = useJobHarnesses({ encode: fast });

/** A lossless testsrc2 clip (4:4:4, so odd sizes work) of `size` at `rate` fps for `seconds`. */
function clip(dir: string, name: string, size: string, rate: number, seconds: number, sound = false): string {
  const path = join(dir, name);
  const audio = sound ? ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', 'aac'] : [];
  // testsrc2 makes even sizes only: an odd one comes from scaling.
  const video = `testsrc2=s=${size}:r=${rate}:d=${seconds},scale=${size.replace('x', ':')},setsar=1`;
  ffmpeg(['-f', 'lavfi', '-i', video, ...audio, '-c:v', 'ffv1', '-pix_fmt', 'yuv444p', path]);
  return path;
}

/** The hidden segment folder of a job's output, and the files in it. */
function segmentsOf(dir: string, output: string): string[] {
  const work = readdirSync(dir).find((n) => n.startsWith(`.${output}.`) && n.endsWith('.parts'));
  return work ? readdirSync(join(dir, work)).sort() : [];
}

describe('convert-clip frame sizes', () => {
  it('converts an 853x480 clip to 852x480 frames, as planned', async () => {
    const dir = tempDir();
    const input = clip(dir, 'odd.mkv', '853x480', 10, 0.3);
    const output = join(dir, 'odd-cel.mkv');
    const job = await convert(dir, { input, output });
    expect(job.error).toBeNull();
    expect(streams(output).find((s) => s.type === 'video')).toMatchObject({ width: 852, height: 480 });
    expect(decodedFrameTimes(output)).toHaveLength(3);
  });

  it('converts 1280x720 at maxSize 853 to 852x480 frames', async () => {
    const dir = tempDir();
    const input = clip(dir, 'hd.mkv', '1280x720', 10, 0.2);
    const output = join(dir, 'hd-cel.mkv');
    const job = await convert(dir, { input, output, maxSize: 853 });
    expect(job.error).toBeNull();
    expect(streams(output).find((s) => s.type === 'video')).toMatchObject({ width: 852, height: 480 });
    expect(decodedFrameTimes(output)).toHaveLength(2);
  });
});

describe('convert-clip with the MPEG-4 Part 2 encoder', () => {
  it('encodes every frame of a variable-rate clip with its own time', async () => {
    const dir = tempDir();
    const input = join(dir, 'vfr.mkv');
    const part = (r: number, d: number): string[] => ['-f', 'lavfi', '-i', `testsrc2=s=64x48:r=${r}:d=${d}`];
    ffmpeg([
      ...part(10, 0.5), ...part(25, 0.4), ...part(24000 / 1001, 0.5),
      '-filter_complex', '[0:v][1:v][2:v]concat=n=3:v=1[v]', '-map', '[v]',
      '-vsync', 'vfr', '-c:v', 'ffv1', input,
    ]);
    const output = join(dir, 'vfr-cel.mkv');
    const encode = { codec: 'mpeg4', crf: 18, preset: 'medium' };
    const job = await convert(dir, { input, output, encode, segmentFrames: 6 });
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
    expect(streams(output).find((s) => s.type === 'video')?.codec).toBe('mpeg4');
    const inTimes = decodedFrameTimes(input);
    const outTimes = decodedFrameTimes(output);
    expect(outTimes).toHaveLength(inTimes.length);
    expect(job.counts.frames).toBe(inTimes.length);
    // Matroska's tick is 1 ms.
    outTimes.forEach((t, i) => expect(Math.abs(t - inTimes[i]!)).toBeLessThanOrEqual(0.001));
  });
});

describe('convert-clip time ranges', () => {
  it('treats an end past the clip as its end: planned to the last frame, converted to the end', async () => {
    const dir = tempDir();
    const input = clip(dir, 'sound.mkv', '64x48', 10, 2, true);
    const range = { startSeconds: 0.5, endSeconds: 1e9 };
    const plan = await planConversion(await probeClip(input), { segmentFrames: 8, range });
    expect(plan.range!.endSeconds).toBeLessThan(2.2);
    const output = join(dir, 'tail.mp4');
    const job = await convert(dir, { input, output, range, segmentFrames: 8 });
    expect(job.error).toBeNull();
    expect(decodedFrameTimes(output)).toHaveLength(decodedFrameTimes(input).filter((t) => t >= 0.5).length);
    expect(Math.abs(duration(output) - 1.5)).toBeLessThan(0.1);
  });

  it('passes a start of 1e-7 s to ffmpeg as a plain decimal', async () => {
    const dir = tempDir();
    const input = clip(dir, 'sound.mkv', '64x48', 10, 1, true);
    const output = join(dir, 'all.mkv');
    const job = await convert(dir, { input, output, range: { startSeconds: 1e-7, endSeconds: 1e9 } });
    expect(job.error).toBeNull();
    expect(decodedFrameTimes(output)).toHaveLength(decodedFrameTimes(input).length);
  });
});

describe('convert-clip output checks', () => {
  it('refuses an output that is the input through a symlink or a hard link, even when replacing', async () => {
    const dir = tempDir();
    const input = clip(dir, 'source.mkv', '64x48', 10, 0.3);
    const before = readFileSync(input);
    symlinkSync(input, join(dir, 'via-symlink.mkv'));
    linkSync(input, join(dir, 'via-hardlink.mkv'));
    for (const name of ['via-symlink.mkv', 'via-hardlink.mkv']) {
      const job = await convert(dir, { input, output: join(dir, name), overwrite: true });
      expect(job.state).toBe('failed');
      expect(job.error).toMatch(new RegExp(`${name.replace('.', '\\.')}: the output cannot be the input clip`));
    }
    expect(readFileSync(input).equals(before)).toBe(true);
  });
});

describe('convert-clip failures keep finished segments', () => {
  it('keeps them when the engine fails midway, and a resume stylizes only the rest', async () => {
    const dir = tempDir();
    const input = clip(dir, 'clip.mkv', '64x48', 10, 4);
    const engine = boxBlurEngine();
    // Segments of 8 frames in batches of 4: the 5th call is the first of the third segment.
    const lost = new StudioError('BAD_INPUT', 'the model file cannot be read (the drive went away)');
    const failing = failingOnCall(engine, 5, lost);
    const h = open(dir, failing);
    const output = join(dir, 'out.mp4');
    const params = { input, output, style: { kind: 'builtin' }, encode: fast, segmentFrames: 8 };
    const started = h.jobs.start('convert-clip', params);
    const failed = await h.jobs.wait(started.id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/drive went away/);
    expect(segmentsOf(dir, 'out.mp4')).toEqual(['segment-00000.ts', 'segment-00001.ts']);

    engine.frames = 0;
    h.jobs.resume(started.id);
    const done = await h.jobs.wait(started.id);
    expect(done.state).toBe('done');
    expect(engine.frames).toBe(40 - 16);
    expect(decodedFrameTimes(output)).toHaveLength(40);
  });

  it('keeps them when damage shows only in the last segment', async () => {
    const dir = tempDir();
    const whole = clip(dir, 'whole.mkv', '64x48', 10, 4);
    const input = truncatedCopy(whole, dir, 'cut.mkv', 0.75);
    const job = await convert(dir, { input, output: join(dir, 'cut.mp4'), segmentFrames: 8 });
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/cut\.mkv is truncated or damaged/);
    const kept = segmentsOf(dir, 'cut.mp4');
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.every((f) => /^segment-\d{5}\.ts$/.test(f))).toBe(true);
    expect(readdirSync(dir)).not.toContain('cut.mp4');
  });
});
