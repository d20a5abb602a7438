/**
 * The join of a conversion's segments on real ffmpeg: the segment bytes are streamed to ffmpeg, so no number of
 * segments can outgrow its command line; a read failure, an early ffmpeg exit and an abort each end it cleanly;
 * and a clip of a few frames keeps its last frame and its length in MP4 and MOV.
 */
import { readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeSegment, joinSegments, planConversion, segmentFileName, videoEncoding, type JoinTask } from '../../../src/main/services/convert';
import { probeClip, type ClipInfo } from '../../../src/main/services/video';
import { decodedFrameTimes, duration, ffmpeg, frameHashes } from '../../support/media-checks';
import { tempDir } from '../../support/temp-dir';
import { boxBlurEngine } from './box-blur-engine';
import { useJobHarnesses } from './job-harness';

const fast = { codec: 'h264', crf: 23, preset: 'veryfast' } as const;
const { convert } = useJobHarnesses({ encode: fast });

/** A lossless testsrc2 clip of `frames` frames at 10 fps, with AAC sound when asked. */
function clip(dir: string, frames: number, sound = false): string {
  const path = join(dir, 'source.mkv');
  const seconds = frames / 10;
  const audio = sound ? ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', 'aac'] : [];
  ffmpeg(['-f', 'lavfi', '-i', `testsrc2=s=64x48:r=10:d=${seconds}`, ...audio, '-c:v', 'ffv1', path]);
  return path;
}

/** The clip converted as one segment, in `workDir`; returns its probe and the segment's file name. */
async function oneSegment(source: string, workDir: string): Promise<{ info: ClipInfo; file: string }> {
  const info = await probeClip(source);
  const plan = await planConversion(info, { segmentFrames: 100_000 });
  const encoding = await videoEncoding(fast, info.video.color, plan.frameTimes);
  const file = segmentFileName(0);
  await encodeSegment({ plan, segment: plan.segments[0]!, engine: boxBlurEngine(), encoding, workDir, fileName: file });
  return { info, file };
}

/** A join of `files` into `output`, an MP4 unless it ends in .mkv. */
function task(info: ClipInfo, workDir: string, files: string[], output: string): JoinTask {
  const container = output.endsWith('.mkv') ? 'matroska' : 'mp4';
  return { info, workDir, files, output, container, codec: 'h264', audio: 'compatible', range: null };
}

/** Names of the temporary files the join left in `dir`. */
function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith('.part'));
}

describe('joinSegments', () => {
  it('joins more segment files than a command line could name, every frame in order', async () => {
    const dir = tempDir();
    const source = clip(dir, 40, true);
    const { info, file } = await oneSegment(source, dir);
    // The segment's bytes cut into 700 files with 200-character names: as a `concat:` list that is 140 KB, over
    // Linux's 128 KiB limit for one argument and four times Windows's 32k-character command line.
    const bytes = readFileSync(join(dir, file));
    const count = 700;
    const pieces: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = `${String(i).padStart(5, '0')}-${'x'.repeat(194)}.ts`;
      writeFileSync(join(dir, name), bytes.subarray(Math.floor((i * bytes.length) / count), Math.floor(((i + 1) * bytes.length) / count)));
      pieces.push(name);
    }
    expect(pieces.join('|').length).toBeGreaterThan(128 * 1024);
    // Matroska, which keeps the last frame with any ffmpeg (see the 3-frame tests below for MP4).
    const whole = join(dir, 'whole.mkv');
    const split = join(dir, 'split.mkv');
    await joinSegments(task(info, dir, [file], whole));
    await joinSegments(task(info, dir, pieces, split));
    const times = decodedFrameTimes(split);
    const expected = decodedFrameTimes(source);
    expect(times).toHaveLength(40);
    times.forEach((t, i) => expect(t).toBeCloseTo(expected[i]!, 3));
    expect(frameHashes(split, '0:v')).toEqual(frameHashes(whole, '0:v'));
    expect(frameHashes(split, '0:a')).toEqual(frameHashes(source, '0:a'));
    expect(leftovers(dir)).toEqual([]);
  });

  it('fails naming a segment that cannot be read, and leaves no partial output', async () => {
    const dir = tempDir();
    const { info, file } = await oneSegment(clip(dir, 5), dir);
    const join1 = joinSegments(task(info, dir, [file, 'segment-00001.ts'], join(dir, 'out.mp4')));
    await expect(join1).rejects.toThrow(/cannot read segment-00001\.ts in .*ENOENT/);
    expect(readdirSync(dir)).not.toContain('out.mp4');
    expect(leftovers(dir)).toEqual([]);
  });

  it("fails with ffmpeg's reason when ffmpeg stops reading midway", async () => {
    const dir = tempDir();
    const { info, file } = await oneSegment(clip(dir, 5), dir);
    // 24 MB of input, far more than ffmpeg reads (5 MB at most) before it finds it cannot create the output.
    const bytes = readFileSync(join(dir, file));
    writeFileSync(join(dir, 'big.ts'), Buffer.concat(Array.from({ length: Math.ceil(24e6 / bytes.length) }, () => bytes)));
    const output = join(dir, 'no-such-folder', 'out.mp4');
    await expect(joinSegments(task(info, dir, ['big.ts'], output))).rejects.toThrow(
      /writing out\.mp4 failed: .*No such file or directory/,
    );
  });

  it.skipIf(process.platform === 'win32')('stops when aborted midway, throwing the reason and leaving nothing', async () => {
    const dir = tempDir();
    const { info, file } = await oneSegment(clip(dir, 5), dir);
    symlinkSync('/dev/zero', join(dir, 'endless.ts'));
    const abort = new AbortController();
    const reason = new Error('cancelled by the test');
    setTimeout(() => abort.abort(reason), 300);
    const joined = joinSegments({ ...task(info, dir, [file, 'endless.ts'], join(dir, 'out.mp4')), signal: abort.signal });
    await expect(joined).rejects.toBe(reason);
    expect(readdirSync(dir)).not.toContain('out.mp4');
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('convert-clip of a few frames', () => {
  /** Frames a player decodes from the first video stream. */
  function countedFrames(path: string): number {
    return decodedFrameTimes(path).length;
  }

  const oldFfmpeg = /older than 5\.0/;

  // Without sound, so that the container's length is the picture's (a longer sound track would hide a lost frame).
  for (const ext of ['mp4', 'mov']) {
    it(`keeps all 3 frames of a 3-frame clip in ${ext.toUpperCase()}, and its length`, async () => {
      const dir = tempDir();
      const source = clip(dir, 3);
      const output = join(dir, `three.${ext}`);
      const job = await convert(dir, { input: source, output });
      expect(job.error).toBeNull();
      // An ffmpeg older than 5.0 cannot give the last frame a length: the job says so instead.
      if (job.notices.some((n) => oldFfmpeg.test(n))) return;
      expect(countedFrames(output)).toBe(3);
      expect(Math.abs(duration(output) - duration(source))).toBeLessThan(0.05);
    });
  }

  it('keeps all 3 frames of a 3-frame range in MP4, ending with the range', async () => {
    const dir = tempDir();
    const source = clip(dir, 20);
    const output = join(dir, 'range.mp4');
    const job = await convert(dir, { input: source, output, range: { startSeconds: 1, endSeconds: 1.3 } });
    expect(job.error).toBeNull();
    if (job.notices.some((n) => oldFfmpeg.test(n))) return;
    expect(countedFrames(output)).toBe(3);
    expect(Math.abs(duration(output) - 0.3)).toBeLessThan(0.05);
  });
});
