/**
 * NUT segments (VP9, ProRes) on real ffmpeg: each whole segment has its first frame's time beside it; the concat
 * list places every segment by that time, not by the plan, to the microsecond; a cancelled conversion resumes from
 * its finished segments and ends with the frames of an uninterrupted one.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONCAT_LIST_NAME,
  concatListText,
  encodeSegment,
  joinSegments,
  planConversion,
  segmentFileName,
  segmentFormatOf,
  videoEncoding,
} from '../../../src/main/services/convert';
import { probeClip } from '../../../src/main/services/video';
import { decodedFrameTimes, frameHashes } from '../../support/media-checks';
import { tempDir } from '../../support/temp-dir';
import { boxBlurEngine } from './box-blur-engine';
import { clip, prores, vp9 } from './codec-clips';
import { cancelledConversion, convertUninterrupted, useJobHarnesses } from './job-harness';

const harnesses = useJobHarnesses();

describe('the concat list', () => {
  it('writes an ffconcat list whose durations are the distances between first frames, to the microsecond', () => {
    const text = concatListText(['segment-00000.nut', 'segment-00001.nut', 'segment-00002.nut'], [10_000_000, 10_300_300, 11_709_042]);
    expect(text).toBe(
      [
        'ffconcat version 1.0',
        "file 'segment-00000.nut'",
        'duration 0.300300',
        "file 'segment-00001.nut'",
        'duration 1.408742',
        "file 'segment-00002.nut'",
        '',
      ].join('\n'),
    );
    expect(CONCAT_LIST_NAME).toBe('segments.ffconcat');
    expect(() => concatListText(['a.nut', 'b.nut'], [5, 5])).toThrow(/b\.nut does not start after a\.nut/);
  });
});

describe('NUT segments', () => {
  it('resumes a cancelled VP9 conversion from its finished segments and ends with the same frames', async () => {
    const dir = tempDir();
    const input = clip(dir, 'clip.mkv', '10', 4, 'libopus');
    const engine = boxBlurEngine();
    const h = harnesses.open(dir, engine);
    const params = { input, style: { kind: 'builtin' }, encode: vp9, segmentFrames: 8 };
    await convertUninterrupted(h, engine, params, join(dir, 'whole.webm'));

    const output = join(dir, 'resumed.webm');
    const { job: cancelled, kept, atJoin } = await cancelledConversion(h, { ...params, output });
    expect(cancelled.progress.done).toBeLessThan(cancelled.progress.total);
    const names = [...kept.keys()].sort();
    const segments = names.filter((n) => n.endsWith('.nut'));
    expect(segments.length).toBeGreaterThanOrEqual(2);
    // Each whole segment has its start beside it (a start without its segment is a segment in flight).
    expect(names.filter((n) => n.endsWith('.start')).slice(0, segments.length)).toEqual(segments.map((n) => n.replace('.nut', '.start')));
    const framesBefore = engine.frames;

    const done = await h.jobs.wait(h.jobs.resume(cancelled.id).id);
    expect(done.error).toBeNull();
    expect(done.state).toBe('done');
    for (const f of segments) expect(atJoin.get(f)).toEqual(kept.get(f));
    expect(engine.frames - framesBefore).toBe(40 - segments.length * 8);
    expect(frameHashes(output, '0:v', false)).toEqual(frameHashes(join(dir, 'whole.webm'), '0:v', false));
    expect(decodedFrameTimes(output)).toEqual(decodedFrameTimes(join(dir, 'whole.webm')));
    expect(frameHashes(output, '0:a')).toEqual(frameHashes(input, '0:a'));
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe('encodeSegment to NUT', () => {
  it('writes the first frame time beside the segment, and encodes again a segment without it', async () => {
    const dir = tempDir();
    const info = await probeClip(clip(dir, 'clip.mkv', '10', 1));
    const plan = await planConversion(info, { segmentFrames: 4 });
    const encoding = await videoEncoding(prores, info.video.color, plan.frameTimes);
    const segment = plan.segments[1]!;
    const fileName = segmentFileName(1, segmentFormatOf('prores'));
    expect(fileName).toBe('segment-00001.nut');
    const task = { plan, segment, engine: boxBlurEngine(), encoding, workDir: dir, fileName };
    expect(await encodeSegment(task)).toEqual({ frames: 4 });
    // Frame 4 of a 10 fps clip, on the segments' timeline (10 s later).
    expect(readFileSync(join(dir, 'segment-00001.start'), 'utf8')).toBe('10400000\n');
    expect(await encodeSegment(task)).toEqual({ frames: null });
    rmSync(join(dir, 'segment-00001.start'));
    expect(await encodeSegment(task)).toEqual({ frames: 4 });
    expect(readdirSync(dir).sort()).toEqual(['clip.mkv', 'segment-00001.nut', 'segment-00001.start']);
  });
});

describe('joinSegments of NUT segments', () => {
  it('places a segment by the first frame it actually holds, not the one planned', async () => {
    const dir = tempDir();
    const input = clip(dir, 'clip.mkv', '10', 2);
    const info = await probeClip(input);
    const plan = await planConversion(info, { segmentFrames: 5 });
    const encoding = await videoEncoding(prores, info.video.color, plan.frameTimes);
    // The second segment misses its first frame (as when it cannot be decoded): it starts 0.1 s after its plan.
    const segments = plan.segments.map((seg) => (seg.n === 1 ? { ...seg, after: 0.55 } : seg));
    const files: string[] = [];
    for (const segment of segments) {
      const fileName = segmentFileName(segment.n, 'nut');
      await encodeSegment({ plan, segment, engine: boxBlurEngine(), encoding, workDir: dir, fileName });
      files.push(fileName);
    }
    const output = join(dir, 'out.mov');
    await joinSegments({ info, workDir: dir, files, output, container: 'mov', codec: 'prores', audio: 'compatible', range: null });
    const expected = decodedFrameTimes(input).filter((t) => Math.abs(t - 0.5) > 0.01);
    const times = decodedFrameTimes(output);
    expect(times).toHaveLength(19);
    times.forEach((t, i) => expect(Math.abs(t - expected[i]!)).toBeLessThan(1e-6));
    expect(readFileSync(join(dir, CONCAT_LIST_NAME), 'utf8')).toMatch(/^duration 0\.600000$/m);
  });
});
