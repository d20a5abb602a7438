/**
 * ffprobe runs once per clip the convert page works on: opening it, every preview, frame step and still of it, and
 * the conversion it starts (the call and the job's plan) share one probe while the file is unchanged; a changed file
 * is probed again. Counted through the host's `probeClip` option around the real probeClip. Under it, the kept
 * probes (ClipProbes) on real files: one probe per unchanged file however it is named or asked for, a new one when
 * the file's size, modification time or inode changes, none kept when probing failed, and a missing file probed (and
 * refused) every time.
 */
import { copyFileSync, renameSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClipProbes, probeClip, type ClipInfo } from '../../../src/main/services/video';
import { hostWithLibrary, type RecordedHost } from '../../support/host';
import { ffmpeg } from '../../support/media-checks';
import { tempDir } from '../../support/temp-dir';
import { textAsVideo } from '../../support/video-clips';

let h: RecordedHost | undefined;
afterEach(async () => {
  await h?.host.dispose();
  h = undefined;
});

/** probeClip, counting the files it probes. */
function countedProbe(): { probe: (path: string) => Promise<ClipInfo>; probed: string[] } {
  const probed: string[] = [];
  return {
    probed,
    probe: (path) => {
      probed.push(path);
      return probeClip(path);
    },
  };
}

/** `seconds` (1.2 by default) of testsrc2 at 10 fps, lossless, written to clip.mkv in `dir`. */
function smallClip(dir: string, seconds = 1.2): string {
  const path = join(dir, 'clip.mkv');
  ffmpeg(['-f', 'lavfi', '-i', `testsrc2=s=64x48:r=10:d=${seconds}`, '-c:v', 'ffv1', path]);
  return path;
}

describe('clip probes through the host', () => {
  it('probes a clip once for its summary, previews, frame steps, a still and its conversion; again once it changes', async () => {
    const dir = tempDir();
    const clip = smallClip(dir);
    const { probe, probed } = countedProbe();
    h = await hostWithLibrary(join(dir, 'L'), { probeClip: probe });
    const style = { kind: 'builtin' } as const;

    expect((await h.call('convert.probe', { path: clip })).frameCount).toBe(12);
    for (const t of [0, 0.3, 0.55, 0.9, 1.1]) await h.call('convert.preview', { path: clip, timeSeconds: t, style, maxSize: 64 });
    expect((await h.call('convert.frameTime', { path: clip, timeSeconds: 0.5, direction: 'next' })).timeSeconds).toBeCloseTo(0.6, 5);
    expect((await h.call('convert.frameTime', { path: clip, timeSeconds: 0.5, direction: 'previous' })).timeSeconds).toBeCloseTo(0.4, 5);
    await h.call('convert.still', { source: clip, timeSeconds: 0.2, output: join(dir, 'still.png'), style });
    const started = await h.call('convert.clip', { input: clip, output: join(dir, 'out.mkv'), style, segmentFrames: 4, encode: { preset: 'ultrafast' } });
    const job = await h.host.open().jobs.wait(started.id);
    expect(job.state).toBe('done');
    expect(job.progress.total).toBe(3);
    expect(probed).toEqual([clip]);

    const later = new Date(Date.now() + 60_000);
    utimesSync(clip, later, later);
    await h.call('convert.preview', { path: clip, timeSeconds: 0.3, style, maxSize: 64 });
    await h.call('convert.preview', { path: clip, timeSeconds: 0.6, style, maxSize: 64 });
    expect(probed).toEqual([clip, clip]);
  });

  it('probes once for a conversion started on its own: the call and the job share the probe', async () => {
    const dir = tempDir();
    const clip = smallClip(dir);
    const { probe, probed } = countedProbe();
    h = await hostWithLibrary(join(dir, 'L'), { probeClip: probe });
    const started = await h.call('convert.clip', { input: clip, output: join(dir, 'out.mp4'), style: { kind: 'builtin' }, segmentFrames: 4, encode: { preset: 'ultrafast' } });
    expect((await h.host.open().jobs.wait(started.id)).state).toBe('done');
    expect(probed).toEqual([clip]);
  });
});

/** Kept probes around the real probeClip, counting the files it probes. */
function countedClipProbes(): { probes: ClipProbes; probed: string[] } {
  const { probe, probed } = countedProbe();
  return { probes: new ClipProbes(probe), probed };
}

describe('ClipProbes on real files', () => {
  it('probes an unchanged clip once however it is named or asked for, and again when its size, time or inode changes', async () => {
    const dir = tempDir();
    const clip = smallClip(dir);
    const { probes, probed } = countedClipProbes();
    const all = await Promise.all([probes.probe(clip), probes.probe(clip), probes.probe(relative(process.cwd(), clip))]);
    for (let i = 0; i < 5; i++) all.push(await probes.probe(clip));
    expect(probed).toEqual([clip]);
    expect(new Set(all).size).toBe(1);

    smallClip(dir, 2.4);
    expect((await probes.probe(clip)).durationSeconds).toBeCloseTo(2.4, 1);
    // Same size, another modification time.
    const earlier = new Date('2024-01-02T03:04:05Z');
    utimesSync(clip, earlier, earlier);
    await probes.probe(clip);
    await probes.probe(clip);
    // Same size and time, another file (replaced by a rename).
    const twin = join(dir, 'twin.mkv');
    copyFileSync(clip, twin);
    utimesSync(twin, earlier, earlier);
    renameSync(twin, clip);
    await probes.probe(clip);
    expect(probed).toEqual([clip, clip, clip, clip]);
  });

  it('keeps no failed probe, and probes a missing file each time', async () => {
    const dir = tempDir();
    const notes = textAsVideo(dir);
    const missing = join(dir, 'missing.mkv');
    const { probes, probed } = countedClipProbes();
    for (let i = 0; i < 2; i++) {
      await expect(probes.probe(notes)).rejects.toThrow(/notes\.mp4 is not a video file/);
      await expect(probes.probe(missing)).rejects.toThrow(/missing\.mkv does not exist/);
    }
    expect(probed).toEqual([notes, missing, notes, missing]);
  });
});
