/**
 * The convert-clip job end to end on real ffmpeg: every frame decoded, stylized and encoded with its own time,
 * joined from segments with the source's sound (copied bit for bit where editors play it in the output, else
 * AAC: see mp4-audio.test.ts); resumes from finished segments; rotation;
 * bad inputs fail with the file's name and leave no output behind.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFrames, type DecodedFrame } from '../../../src/main/services/video';
import { tempDir } from '../../support/temp-dir';
import { audioOnlyFile, CORPUS_VIDEO, emptyFile, headlessMp4, rotatedClip, textAsVideo, truncatedCopy } from '../../support/video-clips';
import { boxBlurEngine } from './box-blur-engine';
import { cancelledConversion, convertUninterrupted, useJobHarnesses } from './job-harness';
import { audioEnd, audioOnset, decodedFrameTimes, duration, ffmpeg, frameHashes, startTime, streams, videoPacketDts } from '../../support/media-checks';

const fast = { codec: 'h264', crf: 23, preset: 'veryfast' } as const;
const harnesses = useJobHarnesses({ encode: fast });

/** The one frame's red-marker centre (mean position of strongly red pixels) in a decoded frame. */
function redCentre(rgb: Buffer, width: number, height: number): { x: number; y: number } {
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3;
      if (rgb[p]! > 100 && rgb[p + 1]! < 80 && rgb[p + 2]! < 80) {
        sx += x;
        sy += y;
        n++;
      }
    }
  }
  return { x: sx / n, y: sy / n };
}

async function firstFrame(path: string): Promise<DecodedFrame> {
  for await (const f of extractFrames(path, { maxFrames: 1 })) return f;
  throw new Error(`no frame in ${path}`);
}

const { webm } = CORPUS_VIDEO;

describe('convert-clip', () => {
  it.skipIf(!webm)('converts the corpus WebM to a playable MP4: same frames and length, its Vorbis sound as AAC', async () => {
    const out = join(tempDir(), 'oa4-cel.mp4');
    const job = await harnesses.convert(tempDir(), { input: webm, output: out, maxSize: 160, segmentFrames: 48 });
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
    expect(job.progress.total).toBeGreaterThan(3);
    const inTimes = decodedFrameTimes(webm!);
    const outTimes = decodedFrameTimes(out);
    expect(outTimes).toHaveLength(inTimes.length);
    expect(job.counts.frames).toBe(inTimes.length);
    outTimes.forEach((t, i) => expect(Math.abs(t - inTimes[i]!)).toBeLessThan(0.0011));
    expect(Math.abs(duration(out) - duration(webm!))).toBeLessThan(1 / 24);
    const s = streams(out);
    expect(s.find((x) => x.type === 'video')).toMatchObject({ codec: 'h264', width: 160, height: 90 });
    // Vorbis in MP4 plays in few editors: it becomes AAC by default, and the job says so.
    expect(s.find((x) => x.type === 'audio')?.codec).toBe('aac');
    expect(job.notices).toEqual([expect.stringMatching(/^audio stream 1 \(vorbis\) re-encoded as AAC at \d+ kb\/s, /)]);
    expect(Math.abs(audioEnd(out) - audioEnd(webm!))).toBeLessThan(0.05);
    expect(readdirSync(join(out, '..'))).toEqual(['oa4-cel.mp4']);
  });

  it('keeps every frame time of a variable-rate 10-bit 4:4:4 clip, with DTS increasing across segment joins', async () => {
    const dir = tempDir();
    const clip = join(dir, 'vfr.mkv');
    // 10 fps, then 25 fps, then 10 fps again: the slow-down after the fast part is where a careless cut breaks DTS.
    const part = (r: number, d: number): string[] => ['-f', 'lavfi', '-i', `testsrc2=s=96x64:r=${r}:d=${d}`];
    ffmpeg([
      ...part(10, 1), ...part(25, 1), ...part(10, 1),
      '-filter_complex', '[0:v][1:v][2:v]concat=n=3:v=1[v]', '-map', '[v]',
      '-vsync', 'vfr', '-c:v', 'ffv1', '-pix_fmt', 'yuv444p10le', clip,
    ]);
    const out = join(dir, 'vfr-cel.mkv');
    const job = await harnesses.convert(dir, { input: clip, output: out, segmentFrames: 7 });
    expect(job.error).toBeNull();
    const inTimes = decodedFrameTimes(clip);
    const outTimes = decodedFrameTimes(out);
    expect(new Set(inTimes.slice(1).map((t, i) => Math.round((t - inTimes[i]!) * 1000))).size).toBeGreaterThan(1);
    expect(outTimes).toHaveLength(inTimes.length);
    // Matroska's tick is 1 ms.
    outTimes.forEach((t, i) => expect(Math.abs(t - inTimes[i]!)).toBeLessThanOrEqual(0.001));
    const dts = videoPacketDts(out);
    dts.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(dts[i]!));
  });

  it('resumes a cancelled conversion from its finished segments and ends with the same frames', async () => {
    const dir = tempDir();
    const clip = join(dir, 'clip.mkv');
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=96x64:r=10:d=4', '-c:v', 'ffv1', clip]);
    const engine = boxBlurEngine();
    const h = harnesses.open(dir, engine);
    const params = { input: clip, style: { kind: 'builtin' }, encode: fast, segmentFrames: 8 };
    await convertUninterrupted(h, engine, params, join(dir, 'whole.mp4'));

    const output = join(dir, 'resumed.mp4');
    const { job: cancelled, kept, atJoin } = await cancelledConversion(h, { ...params, output });
    expect(cancelled.progress.done).toBeGreaterThanOrEqual(2);
    expect(cancelled.progress.done).toBeLessThan(cancelled.progress.total);
    expect([...kept.keys()].every((n) => n.endsWith('.ts'))).toBe(true);
    expect(readdirSync(dir)).not.toContain('resumed.mp4');
    const framesBefore = engine.frames;

    const done = await h.jobs.wait(h.jobs.resume(cancelled.id).id);
    expect(done.state).toBe('done');
    for (const [f, st] of kept) expect(atJoin.get(f)).toEqual(st);
    // Only the frames of the unfinished segments were stylized again.
    expect(engine.frames - framesBefore).toBe(40 - kept.size * 8);
    expect(frameHashes(output, '0:v', false)).toEqual(frameHashes(join(dir, 'whole.mp4'), '0:v', false));
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('converts only a time range, the sound cut to it, times counted from the range start', async () => {
    const dir = tempDir();
    const clip = join(dir, 'with-sound.mkv');
    ffmpeg([
      ...['-f', 'lavfi', '-i', 'testsrc2=s=64x48:r=10:d=4', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=4'],
      ...['-c:v', 'ffv1', '-c:a', 'aac', clip],
    ]);
    const out = join(dir, 'range.mp4');
    const job = await harnesses.convert(dir, { input: clip, output: out, range: { startSeconds: 1, endSeconds: 2.5 }, segmentFrames: 6 });
    expect(job.error).toBeNull();
    const times = decodedFrameTimes(out);
    // The source's picture starts 23 ms in (after the AAC priming), so its frames in range are at 1.023 s...
    const expected = decodedFrameTimes(clip).filter((t) => t >= 1 && t < 2.5).map((t) => t - 1);
    expect(times).toHaveLength(15);
    times.forEach((t, i) => expect(t).toBeCloseTo(expected[i]!, 3));
    expect(Math.abs(duration(out) - 1.5)).toBeLessThan(0.1);
    expect(streams(out).map((s) => s.type)).toEqual(['video', 'audio']);
  });

  it('keeps the sound of a range in time with the picture, copied or re-encoded, from a WebM whose seek lands early', async () => {
    const dir = tempDir();
    // WebM seeks only to clusters (here the one at 0), and the Opus sound becomes AAC in MP4 but is copied into
    // Matroska: a beep at 3.0 s must sound 0.5 s into the range from 2.5 s, in both, for the range's 2 s.
    const clip = join(dir, 'beep.webm');
    ffmpeg([
      ...['-f', 'lavfi', '-i', 'testsrc2=s=64x48:r=24:d=6', '-f', 'lavfi', '-i', "aevalsrc='if(between(t,3,3.1),0.8*sin(2*PI*880*t),0)':s=48000:d=6"],
      ...['-c:v', 'libvpx', '-b:v', '200k', '-c:a', 'libopus', clip],
    ]);
    const range = { startSeconds: 2.5, endSeconds: 4.5 };
    // Times count from the clip's start (-7 ms: Opus's pre-skip), as a remux of the whole clip counts them.
    const clock = decodedFrameTimes(clip).map((t) => t - startTime(clip));
    const expected = clock.filter((t) => t >= 2.5 && t < 4.5).map((t) => t - 2.5);
    expect(startTime(clip)).toBeLessThan(0);
    for (const name of ['range.mp4', 'range.mkv']) {
      const out = join(dir, name);
      const job = await harnesses.convert(dir, { input: clip, output: out, range, segmentFrames: 12 });
      expect(job.error).toBeNull();
      const times = decodedFrameTimes(out);
      expect(times).toHaveLength(expected.length);
      times.forEach((t, i) => expect(t).toBeCloseTo(expected[i]!, 2));
      expect(Math.abs(audioOnset(out) - (3 - startTime(clip) - 2.5)), name).toBeLessThan(0.03);
      expect(Math.abs(audioEnd(out) - 2), name).toBeLessThan(0.05);
      expect(Math.abs(duration(out) - 2), name).toBeLessThan(0.06);
    }
    expect(streams(join(dir, 'range.mp4')).map((s) => s.codec)).toEqual(['h264', 'aac']);
    expect(streams(join(dir, 'range.mkv')).map((s) => s.codec)).toEqual(['h264', 'opus']);
  });

  it('shows a rotation-tagged clip the same size and way up after conversion', async () => {
    const dir = tempDir();
    const clip = rotatedClip(dir);
    const out = join(dir, 'rotated-cel.mp4');
    const job = await harnesses.convert(dir, { input: clip, output: out });
    expect(job.error).toBeNull();
    const a = await firstFrame(clip);
    const b = await firstFrame(out);
    expect({ w: b.width, h: b.height }).toEqual({ w: a.width, h: a.height });
    expect(a.width).toBe(32);
    const ra = redCentre(a.rgb, a.width, a.height);
    const rb = redCentre(b.rgb, b.width, b.height);
    expect(Math.abs(ra.x - rb.x)).toBeLessThan(1.5);
    expect(Math.abs(ra.y - rb.y)).toBeLessThan(1.5);
    expect(streams(out).find((s) => s.type === 'video')?.rotation ?? 0).toBe(0);
  });

  it('fails bad inputs with a message naming the file, writing nothing but the segments finished before the damage', async () => {
    const src = tempDir();
    const outDir = tempDir();
    const cases: [string, RegExp][] = [
      [emptyFile(src), /empty\.mp4 is empty/],
      [textAsVideo(src), /notes\.mp4 is not a video file/],
      [audioOnlyFile(src), /song\.m4a has no video stream/],
      [headlessMp4(src), /cut-short\.mp4/],
    ];
    if (webm) cases.push([truncatedCopy(webm, src, 'oa4-cut.webm', 0.5), /oa4-cut\.webm is truncated or damaged/]);
    for (const [input, message] of cases) {
      const job = await harnesses.convert(outDir, { input, output: join(outDir, 'out.mp4'), maxSize: 96, segmentFrames: 24 });
      expect(job.state).toBe('failed');
      expect(job.error).toMatch(message);
      // A clip damaged midway fails in the segment that meets the damage; the ones before stay for a resume.
      const written = readdirSync(outDir).filter((n) => !n.startsWith('library.db'));
      expect(written.filter((n) => !/^\.out\.mp4\.[0-9a-f]{12}\.parts$/.test(n))).toEqual([]);
      for (const work of written) expect(readdirSync(join(outDir, work)).every((f) => /^segment-\d{5}\.ts$/.test(f))).toBe(true);
    }
  });
});
