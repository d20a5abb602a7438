/**
 * The convert calls through the real host: probe, a preview stored as media, a still, a clip job whose notices
 * (subtitles turned into MP4 timed text) stay with the job, and the contract refusing bad arguments.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ffmpegPath } from '../../../src/main/services/video';
import { hostWithLibrary, type RecordedHost } from '../../support/host';
import { streams } from '../../support/media-checks';
import { tempDir } from '../../support/temp-dir';

let h: RecordedHost | undefined;
afterEach(async () => {
  await h?.host.dispose();
  h = undefined;
});

/** 2 s of testsrc2 at 10 fps with AAC sound and one SRT subtitle stream, in Matroska. */
function clipWithSubtitles(dir: string): string {
  const srt = join(dir, 'subs.srt');
  writeFileSync(srt, '1\n00:00:00,200 --> 00:00:01,500\nHello there\n');
  const out = join(dir, 'subs.mkv');
  execFileSync(ffmpegPath(), [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=s=96x64:r=10:d=2',
    '-f', 'lavfi', '-i', 'sine=f=440:d=2',
    '-i', srt,
    '-map', '0:v', '-map', '1:a', '-map', '2:s',
    '-c:v', 'mpeg4', '-c:a', 'aac', '-c:s', 'srt', out,
  ]);
  return out;
}

describe('convert calls', () => {
  it('probes a clip, previews a frame as stored media, writes a still, and keeps a job notice', async () => {
    const dir = tempDir();
    const clip = clipWithSubtitles(dir);
    h = await hostWithLibrary(join(dir, 'L'));

    const summary = (await h.call('convert.probe', { path: clip }));
    expect(summary).toMatchObject({ width: 96, height: 64, audioStreams: 1, subtitleStreams: 1, variableFrameRate: false });
    expect(summary.fps).toBeCloseTo(10, 5);

    const preview = (await h.call('convert.preview', { path: clip, timeSeconds: 1.05, style: { kind: 'builtin' } }));
    // The frame shown is the one at or just after the time asked for (10 fps: within 0.1 s after it).
    expect(preview.timeSeconds).toBeGreaterThanOrEqual(1.05);
    expect(preview.timeSeconds).toBeLessThan(1.15);
    expect(preview.engine.kind).toBe('builtin');
    expect(preview.beforeHash).not.toBe(preview.afterHash);
    for (const hash of [preview.beforeHash, preview.afterHash]) {
      const file = await h.host.mediaPath(hash, 'preview');
      expect(file).toBeDefined();
      expect(await sharp(file!).metadata()).toMatchObject({ width: 96, height: 64, format: 'png' });
    }

    const still = (await h.call('convert.still', { source: clip, timeSeconds: 0.5, output: join(dir, 'still.jpg'), style: { kind: 'builtin' } }));
    expect(still).toMatchObject({ width: 96, height: 64, format: 'jpeg' });
    await expect(h.call('convert.still', { source: clip, output: join(dir, 'still.jpg'), style: { kind: 'builtin' } })).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    const out = join(dir, 'out', 'subs-anime.mp4');
    const started = (await h.call('convert.clip', { input: clip, output: out, style: { kind: 'builtin' }, encode: { preset: 'ultrafast' } }));
    expect(started.output).toBe(out);
    const job = await h.host.open().jobs.wait(started.id);
    expect(job.state).toBe('done');
    expect(job.counts.frames).toBe(20);
    expect(job.notices.join('\n')).toMatch(/subtitles \(subrip\) converted to MP4 timed text/);
    expect(streams(out).map((s) => `${s.type}:${s.codec}`)).toEqual(['video:h264', 'audio:aac', 'subtitle:mov_text']);
    // The notice survives a restart with the job.
    await h.host.closeLibrary();
    await h.host.openLibrary(join(dir, 'L'));
    expect(h.host.open().jobs.get(started.id).notices).toEqual(job.notices);
  });

  it('refuses to resume a conversion whose clip changed, rather than join two versions into one file', async () => {
    const dir = tempDir();
    const clip = clipWithSubtitles(dir);
    h = await hostWithLibrary(join(dir, 'L'));
    const { jobs } = h.host.open();
    const arg = { input: clip, output: join(dir, 'o.mkv'), style: { kind: 'builtin' }, segmentFrames: 4, encode: { preset: 'ultrafast' } } as const;
    const started = (await h.call('convert.clip', arg));
    await vi.waitFor(() => expect(jobs.get(started.id).progress.done).toBeGreaterThanOrEqual(1), { timeout: 30_000, interval: 20 });
    jobs.cancel(started.id);
    expect((await jobs.wait(started.id)).state).toBe('cancelled');

    utimesSync(clip, new Date(), new Date(Date.now() - 3_600_000));
    const resumed = await jobs.wait(jobs.resume(started.id).id);
    expect(resumed.state).toBe('failed');
    expect(resumed.error).toMatch(/subs\.mkv changed since this conversion started/);
    expect(existsSync(join(dir, 'o.mkv'))).toBe(false);
  });

  it('refuses bad arguments and bad sources with errors that name them', async () => {
    const dir = tempDir();
    h = await hostWithLibrary(join(dir, 'L'));
    const builtin = { kind: 'builtin' } as const;
    await expect(h.call('convert.clip', { input: '/a.mp4', output: join(dir, 'x.avi'), style: builtin })).rejects.toThrow(
      /convert\.clip: output: must end in \.mp4, \.m4v, \.mkv, \.mov or \.webm/,
    );
    // A codec the container cannot hold is refused before the clip is even probed (/a.mp4 does not exist).
    await expect(h.call('convert.clip', { input: '/a.mp4', output: join(dir, 'x.webm'), style: builtin })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'x.webm: .webm cannot hold H.264 video: name the output .mp4, .m4v, .mov or .mkv, or choose the codec vp9',
    });
    await expect(h.call('convert.preview', { path: join(dir, 'x.mp4'), style: { kind: 'builtin', options: { levels: 99 } } })).rejects.toThrow(
      /convert\.preview: style\.options\.levels/,
    );
    await expect(h.call('convert.still', { source: join(dir, 'x.png'), output: join(dir, 'y.gif'), style: builtin })).rejects.toThrow(
      /output: must end in \.png, \.jpg or \.jpeg/,
    );
    const text = join(dir, 'notes.png');
    writeFileSync(text, 'not a picture');
    await expect(h.call('convert.still', { source: text, output: join(dir, 'y.png'), style: builtin })).rejects.toThrow(
      /notes\.png is not an image that can be read/,
    );
    await expect(h.call('convert.preview', { path: text, style: { kind: 'onnx', path: join(dir, 'missing.onnx') } })).rejects.toThrow(
      /missing\.onnx does not exist/,
    );
    await expect(h.call('convert.preview', { path: text, style: { kind: 'run', runId: 'nope' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(existsSync(join(dir, 'y.png'))).toBe(false);
  });

  it('refuses sound MP4 cannot carry (10 channels, more than AAC holds) at the call, and makes discrete Opus of it in WebM', async () => {
    const dir = tempDir();
    const clip = join(dir, 'ten.mkv');
    const inputs = Array.from({ length: 10 }, (_, i) => `[a${i}]`).join('');
    execFileSync(ffmpegPath(), [
      '-v', 'error', '-y',
      '-f', 'lavfi', '-i', 'testsrc2=s=64x48:r=10:d=0.5',
      '-f', 'lavfi', '-i', 'sine=f=440:d=0.5',
      '-filter_complex', `[1]asplit=10${inputs};${inputs}amerge=inputs=10[a]`,
      '-map', '0:v', '-map', '[a]', '-c:v', 'mpeg4', '-c:a', 'pcm_s16le', clip,
    ]);
    h = await hostWithLibrary(join(dir, 'L'));
    const builtin = { kind: 'builtin' } as const;
    await expect(h.call('convert.clip', { input: clip, output: join(dir, 'o.mp4'), style: builtin })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/^audio stream 1 \(pcm_s16le, 10 channels\) cannot go into MP4: .*name the output \.mov or \.mkv/),
    });
    expect(h.host.open().jobs.list()).toEqual([]);
    const started = await h.call('convert.clip', { input: clip, output: join(dir, 'o.webm'), style: builtin, encode: { codec: 'vp9' } });
    const job = await h.host.open().jobs.wait(started.id);
    expect(job.state, job.error ?? '').toBe('done');
    expect(streams(join(dir, 'o.webm')).find((s) => s.type === 'audio')).toMatchObject({ codec: 'opus' });
  });

  it('refuses an output that is the source, or exists, before any work and without leaving a job', async () => {
    const dir = tempDir();
    h = await hostWithLibrary(join(dir, 'L'));
    const builtin = { kind: 'builtin' } as const;
    const photo = join(dir, 'photo.png');
    await sharp({ create: { width: 32, height: 24, channels: 3, background: '#4080c0' } }).png().toFile(photo);
    const before = readFileSync(photo);
    await expect(h.call('convert.still', { source: photo, output: join(dir, 'sub', '..', 'photo.png'), style: builtin, overwrite: true })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'photo.png: the output cannot be the source photo or clip: choose another output name',
    });
    expect(readFileSync(photo).equals(before)).toBe(true);
    const clip = clipWithSubtitles(dir);
    writeFileSync(join(dir, 'taken.mp4'), 'an earlier result');
    await expect(h.call('convert.clip', { input: clip, output: join(dir, 'taken.mp4'), style: builtin })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(h.call('convert.clip', { input: clip, output: clip.replace('subs.mkv', './subs.mkv'), style: builtin, overwrite: true })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    expect(h.host.open().jobs.list()).toEqual([]);
  });

  it('reports how far a large still is, tile by tile, up to done', async () => {
    const dir = tempDir();
    h = await hostWithLibrary(join(dir, 'L'));
    const photo = join(dir, 'wide.png');
    // 4.3 megapixels: above the 2-megapixel engine call, so it is styled in tiles.
    await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).png().toFile(photo);
    const output = join(dir, 'wide-cel.png');
    const seen: { output: string; fraction: number }[] = [];
    h.host.onEvent((event, payload) => {
      if (event === 'still.progress') seen.push(payload as { output: string; fraction: number });
    });
    const still = (await h.call('convert.still', { source: photo, output, style: { kind: 'builtin' } }));
    expect([still.width, still.height]).toEqual([2400, 1800]);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.every((e) => e.output === output)).toBe(true);
    const fractions = seen.map((e) => e.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[0]).toBeLessThan(1);
    expect(fractions.at(-1)).toBe(1);
  });
});
