/**
 * VP9 in WebM and ProRes 422 HQ in MOV, end to end on real ffmpeg: every frame keeps the source's time (variable
 * rates and sub-ms times included); WebM's sound is copied when it is Opus and transcoded with a notice otherwise,
 * MOV's next to ProRes becomes PCM; subtitles follow each container; a codec the output cannot hold is refused
 * before any work; FLAC sound kept as it is is copied into MP4 too. (The NUT segments themselves, their join and
 * resume: nut-segments.test.ts; the default AAC for MP4 sound editors do not all play: mp4-audio.test.ts.)
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ffprobePath } from '../../../src/main/services/video';
import { decodedFrameTimes, duration, ffmpeg, frameHashes, streams } from '../../support/media-checks';
import { tempDir } from '../../support/temp-dir';
import { boxBlurEngine } from './box-blur-engine';
import { clip, vfrClip, prores, vp9 } from './codec-clips';
import { useJobHarnesses } from './job-harness';

const { open, convert } = useJobHarnesses();

/**
 * Every decoded frame of `output` at the time of the same frame of `input`, within `tolerance` seconds, on the
 * input's timeline made to start at 0 as a remux does (Opus's pre-skip starts a file at -7 ms).
 */
function expectSameTimes(input: string, output: string, tolerance: number, shift = 0): void {
  const start = Number(execFileSync(ffprobePath(), ['-v', 'error', '-show_entries', 'format=start_time', '-of', 'csv=p=0', input], { encoding: 'utf8' }));
  const inTimes = decodedFrameTimes(input).map((t) => t - start + shift);
  const outTimes = decodedFrameTimes(output);
  expect(outTimes).toHaveLength(inTimes.length);
  outTimes.forEach((t, i) => expect(Math.abs(t - inTimes[i]!)).toBeLessThanOrEqual(tolerance));
}

/** A stream property of the first video stream, as ffprobe names it (pix_fmt, profile, time_base...). */
function videoProperty(path: string, key: string): string {
  const args = ['-v', 'error', '-select_streams', 'v:0', '-show_entries', `stream=${key}`, '-of', 'csv=p=0', path];
  return execFileSync(ffprobePath(), args, { encoding: 'utf8' }).trim();
}

describe('sound copied as it is', () => {
  it('keeps FLAC sound bit for bit in MP4 when asked to (experimental there before ffmpeg 6)', async () => {
    const dir = tempDir();
    const input = clip(dir, 'flac.mkv', '24', 1, 'flac');
    const output = join(dir, 'out.mp4');
    const job = await convert(dir, { input, output, encode: { codec: 'h264', crf: 23, preset: 'ultrafast' }, audio: 'keep' });
    expect(job.error).toBeNull();
    expect(job.notices).toEqual([]);
    expect(streams(output).map((s) => [s.type, s.codec])).toEqual([['video', 'h264'], ['audio', 'flac']]);
    expect(frameHashes(output, '0:a')).toEqual(frameHashes(input, '0:a'));
  });
});

describe('VP9 in WebM', () => {
  it('keeps every frame time, the frame count, and Opus sound bit for bit', async () => {
    const dir = tempDir();
    const input = clip(dir, 'opus.mkv', '24', 2, 'libopus');
    const output = join(dir, 'out.webm');
    const job = await convert(dir, { input, output, encode: vp9, segmentFrames: 12 });
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
    expect(job.progress.total).toBe(4);
    expect(job.notices).toEqual([]);
    expect(streams(output).map((s) => [s.type, s.codec])).toEqual([['video', 'vp9'], ['audio', 'opus']]);
    expectSameTimes(input, output, 0.001);
    expect(job.counts.frames).toBe(48);
    expect(frameHashes(output, '0:a')).toEqual(frameHashes(input, '0:a'));
    expect(Math.abs(duration(output) - duration(input))).toBeLessThan(0.05);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('re-encodes AAC sound as Opus, with a notice', async () => {
    const dir = tempDir();
    const input = clip(dir, 'aac.mkv', '10', 1, 'aac');
    const output = join(dir, 'out.webm');
    const job = await convert(dir, { input, output, encode: vp9, segmentFrames: 4 });
    expect(job.error).toBeNull();
    expect(job.notices).toEqual(['audio stream 1 (aac) cannot go into WEBM: re-encoded as Opus']);
    expect(streams(output).map((s) => s.codec)).toEqual(['vp9', 'opus']);
    // A Matroska muxer that does not offset new Opus's 312-sample pre-skip by itself (ffmpeg 5.1) moves every
    // stream later by it, rounded to its millisecond; the frames keep their times relative to each other.
    const shift = decodedFrameTimes(output)[0]! - decodedFrameTimes(input)[0]!;
    expect([0, 0.007]).toContain(Number(shift.toFixed(3)));
    expectSameTimes(input, output, 0.001, shift);
  });

  it('keeps the times of a variable-rate clip with sub-millisecond times, in WebM and in Matroska', async () => {
    const dir = tempDir();
    const input = vfrClip(dir);
    const times = decodedFrameTimes(input);
    expect(new Set(times.slice(1).map((t, i) => Math.round((t - times[i]!) * 1e4))).size).toBeGreaterThan(2);
    for (const name of ['vfr.webm', 'vfr.mkv']) {
      const output = join(dir, name);
      const job = await convert(dir, { input, output, encode: vp9, segmentFrames: 5 });
      expect(job.error).toBeNull();
      // WebM and Matroska keep times to the millisecond.
      expectSameTimes(input, output, 0.0005 + 1e-6);
    }
  });
});

describe('sound and subtitles in WebM and MOV', () => {
  it('turns SubRip into WebVTT for WebM, and Opus into 24-bit PCM next to ProRes in MOV, each with a notice', async () => {
    const dir = tempDir();
    const srt = join(dir, 'subs.srt');
    writeFileSync(srt, '1\n00:00:00,100 --> 00:00:00,400\nHello\n');
    const input = join(dir, 'both.mkv');
    ffmpeg([
      ...['-f', 'lavfi', '-i', 'testsrc2=s=64x48:r=10:d=0.5', '-f', 'lavfi', '-i', 'sine=duration=0.5:sample_rate=48000', '-i', srt],
      ...['-map', '0', '-map', '1', '-map', '2', '-c:v', 'ffv1', '-c:a', 'libopus', '-c:s', 'srt', input],
    ]);
    const webm = await convert(dir, { input, output: join(dir, 'out.webm'), encode: vp9 });
    expect(webm.error).toBeNull();
    expect(webm.notices).toEqual(['subtitles (subrip) converted to WebVTT; styling is lost']);
    expect(streams(join(dir, 'out.webm')).map((s) => s.codec)).toEqual(['vp9', 'opus', 'webvtt']);
    const mov = await convert(dir, { input, output: join(dir, 'out.mov'), encode: prores });
    expect(mov.error).toBeNull();
    expect(mov.notices).toEqual([
      'audio stream 1 (opus) cannot go into MOV: re-encoded as 24-bit PCM',
      'subtitles (subrip) converted to MP4 timed text (mov_text); styling is lost',
    ]);
    expect(streams(join(dir, 'out.mov')).map((s) => s.codec)).toEqual(['prores', 'pcm_s24le', 'mov_text']);
  });
});

describe('ProRes 422 HQ in MOV', () => {
  it('writes 10-bit 4:2:2 ProRes HQ whose frames keep the exact times of a variable-rate clip', async () => {
    const dir = tempDir();
    const input = vfrClip(dir);
    const output = join(dir, 'out.mov');
    const job = await convert(dir, { input, output, encode: prores, segmentFrames: 6 });
    expect(job.error).toBeNull();
    expect(videoProperty(output, 'codec_name')).toBe('prores');
    expect(videoProperty(output, 'pix_fmt')).toBe('yuv422p10le');
    expect(videoProperty(output, 'profile')).toBe('HQ');
    // The source's times are on a 30 kHz clock, which the segments' 60 kHz one holds: every time is exact.
    expect(videoProperty(output, 'time_base')).toBe('1/60000');
    expectSameTimes(input, output, 1e-6);
  });

  it('gives a 29.97 fps clip evenly long frames on a clock that holds them', async () => {
    const dir = tempDir();
    const input = clip(dir, 'ntsc.mov', '30000/1001', 1, 'aac');
    const output = join(dir, 'ntsc-cel.mov');
    const job = await convert(dir, { input, output, encode: prores, segmentFrames: 7 });
    expect(job.error).toBeNull();
    expect(job.notices).toEqual([]);
    expect(videoProperty(output, 'time_base')).toBe('1/60000');
    expectSameTimes(input, output, 1e-6);
    expect(streams(output).map((s) => s.codec)).toEqual(['prores', 'aac']);
    expect(frameHashes(output, '0:a')).toEqual(frameHashes(input, '0:a'));
    expect(Math.abs(duration(output) - duration(input))).toBeLessThan(0.05);
  });

  it('converts only a time range, the sound cut to it, times counted from the range start', async () => {
    const dir = tempDir();
    const input = clip(dir, 'sound.mkv', '10', 4, 'aac');
    const output = join(dir, 'range.mov');
    const job = await convert(dir, { input, output, encode: prores, range: { startSeconds: 1, endSeconds: 2.5 }, segmentFrames: 6 });
    expect(job.error).toBeNull();
    const expected = decodedFrameTimes(input).filter((t) => t >= 1 && t < 2.5).map((t) => t - 1);
    const times = decodedFrameTimes(output);
    expect(times).toHaveLength(15);
    times.forEach((t, i) => expect(Math.abs(t - expected[i]!)).toBeLessThan(1e-6));
    expect(Math.abs(duration(output) - 1.5)).toBeLessThan(0.1);
    expect(streams(output).map((s) => s.type)).toEqual(['video', 'audio']);
  });

  it('keeps all 3 frames of a 3-frame clip, and its length', async () => {
    const dir = tempDir();
    const input = clip(dir, 'three.mkv', '10', 0.3);
    const output = join(dir, 'three.mov');
    const job = await convert(dir, { input, output, encode: prores });
    expect(job.error).toBeNull();
    expect(decodedFrameTimes(output)).toHaveLength(3);
    expect(Math.abs(duration(output) - 0.3)).toBeLessThan(0.01);
  });
});

describe('codec and output file', () => {
  it('refuses a codec the output cannot hold, naming the file and what to use, before any work', async () => {
    const dir = tempDir();
    const input = clip(dir, 'clip.mkv', '10', 0.5);
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['h264.webm', { codec: 'h264' }, /^h264\.webm: \.webm cannot hold H\.264 video: name the output \.mp4, \.m4v, \.mov or \.mkv, or choose the codec vp9$/],
      ['vp9.mp4', { codec: 'vp9' }, /^vp9\.mp4: \.mp4 cannot hold VP9 video: name the output \.webm or \.mkv, or choose the codec h264, h265, mpeg4$/],
      ['prores.webm', { codec: 'prores' }, /^prores\.webm: .*name the output \.mov or \.mkv, or choose the codec vp9$/],
      ['prores.m4v', { codec: 'prores' }, /^prores\.m4v: \.m4v cannot hold ProRes video/],
    ];
    const engine = boxBlurEngine();
    open(dir, engine);
    for (const [name, encode, message] of cases) {
      const job = await convert(dir, { input, output: join(dir, name), encode });
      expect(job.state).toBe('failed');
      expect(job.error).toMatch(message);
      expect(engine.frames).toBe(0);
    }
    expect(readdirSync(dir).filter((n) => n !== 'clip.mkv' && !n.startsWith('library.db'))).toEqual([]);
  });

  it('writes each codec into Matroska too', async () => {
    const dir = tempDir();
    const input = clip(dir, 'clip.mkv', '10', 0.5, 'aac');
    const job = await convert(dir, { input, output: join(dir, 'prores.mkv'), encode: prores });
    expect(job.error).toBeNull();
    expect(job.notices).toEqual([]);
    expect(streams(join(dir, 'prores.mkv')).map((s) => s.codec)).toEqual(['prores', 'aac']);
    expectSameTimes(input, join(dir, 'prores.mkv'), 0.001);
  });
});
