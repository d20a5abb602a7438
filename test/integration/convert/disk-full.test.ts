/**
 * A full disk during a conversion: writing a segment or the final file fails with a message that says the disk is
 * full and where, nothing cut off is kept under a final name (ffmpeg 5.1 exits 0 when it cannot write its
 * trailer, which once passed a truncated file as whole), the finished segments stay, and a resume once there is
 * room again finishes the job. The full disk is Linux's /dev/full behind the file ffmpeg writes.
 */
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConvertClipParams, workDirFor } from '../../../src/main/services/convert';
import { joinPartialPath } from '../../../src/main/services/convert/join-segments';
import { decodedFrameTimes, ffmpeg } from '../../support/media-checks';
import { tempDir } from '../../support/temp-dir';
import { boxBlurEngine } from './box-blur-engine';
import { useJobHarnesses } from './job-harness';

const harnesses = useJobHarnesses();

const hasDevFull = existsSync('/dev/full');

describe('a full disk during a conversion', () => {
  it.skipIf(!hasDevFull)('fails a segment and the join with a clear message, keeps what is whole, and resumes', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const clip = join(dir, 'clip.mkv');
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=96x64:r=10:d=4', '-c:v', 'ffv1', clip]);
    const output = join(dir, 'out.mp4');
    const params = {
      input: clip,
      output,
      style: { kind: 'builtin' as const },
      encode: { codec: 'h264' as const, crf: 23, preset: 'veryfast' as const },
      segmentFrames: 8,
    };
    const work = workDirFor(ConvertClipParams.parse(params));
    const h = harnesses.open(dir, boxBlurEngine());

    // Segment 2 of 5 is written onto a full disk.
    mkdirSync(work, { recursive: true });
    symlinkSync('/dev/full', join(work, 'segment-00001.ts.part'));
    const started = h.jobs.start('convert-clip', params);
    const failed = await h.jobs.wait(started.id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toBe(`encoding segment 2 of clip.mkv failed: the disk holding ${work} is full; free some space, then resume or try again`);
    expect(readdirSync(work).sort()).toEqual(['segment-00000.ts']);
    expect(existsSync(output)).toBe(false);

    // Room again for the segments, but the final file is written onto a full disk.
    symlinkSync('/dev/full', joinPartialPath(output));
    h.jobs.resume(started.id);
    const joinFailed = await h.jobs.wait(started.id);
    expect(joinFailed.state).toBe('failed');
    expect(joinFailed.error).toBe(`writing out.mp4 failed: the disk holding ${dir} is full; free some space, then resume or try again`);
    expect(existsSync(output)).toBe(false);
    expect(existsSync(joinPartialPath(output))).toBe(false);
    expect(readdirSync(work).filter((n) => n.endsWith('.ts'))).toHaveLength(5);

    // The failed run removed its partial file (here: the link), so there is room again.
    h.jobs.resume(started.id);
    const done = await h.jobs.wait(started.id);
    expect(done.state).toBe('done');
    expect(decodedFrameTimes(output)).toHaveLength(40);
  });
});
