/**
 * The import-video job end to end on real ffmpeg: corpus clips into a style set with scores and times, bars
 * removed, bad clips reported by name without losing the good ones, and cancel / crash resume mid-clip.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_VIDEO_SAMPLING, type ItemQueryResult } from '@shared/curation';
import type { JobSummary } from '@shared/library';
import { hostWithLibrary, type RecordedHost } from '../../support/host';
import { runCli, startCli } from '../../support/cli';
import { tempDir } from '../../support/temp-dir';
import { waitForCount } from '../../support/library-probe';
import { audioOnlyFile, CORPUS_VIDEO, emptyFile, LETTERBOX, letterboxClip, plainClip, textAsVideo, truncatedCopy } from '../../support/video-clips';

let h: RecordedHost | undefined;
afterEach(async () => {
  await h?.host.dispose();
  h = undefined;
});

async function importClips(clips: string[], sampling: Record<string, unknown> = {}): Promise<JobSummary> {
  h ??= await hostWithLibrary(join(tempDir(), 'lib'));
  const job = (await h.call('import.video', { clips, setName: 'films', sampling }));
  return h.host.open().jobs.wait(job.id);
}

async function items(): Promise<ItemQueryResult> {
  const set = ((await h!.call('sets.list', {})))[0]!;
  return (await h!.call('items.query', { setId: set.id, limit: 2000, sort: { by: 'sourceTime' } }));
}

describe('import.video', () => {
  it.skipIf(!CORPUS_VIDEO.webm || !CORPUS_VIDEO.mkv)('cuts scored frames with source times from both corpus clips into a style set', async () => {
    const [webm, mkv] = [CORPUS_VIDEO.webm!, CORPUS_VIDEO.mkv!];
    const job = await importClips([webm, mkv]);
    expect(job.state).toBe('done');
    expect(job.counts.imported).toBe(2);
    expect(job.counts.frames).toBeGreaterThan(10);
    const set = ((await h!.call('sets.list', {})))[0]!;
    expect(set.kind).toBe('style');
    const all = await items();
    const perClip = (p: string) => all.items.filter((i) => i.sourcePath === p);
    expect(perClip(webm).length).toBeGreaterThan(3);
    expect(perClip(mkv).length).toBeGreaterThan(3);
    for (const i of all.items) {
      expect(i.sourceKind).toBe('video');
      expect(i.scores.sharpness).not.toBeNull();
      expect(i.sourceTime).toBeGreaterThanOrEqual(0);
    }
    expect(Math.max(...perClip(webm).map((i) => i.sourceTime!))).toBeLessThan(8.2);
    expect(Math.max(...perClip(mkv).map((i) => i.sourceTime!))).toBeLessThan(17.6);
    expect(perClip(webm)[0]).toMatchObject({ width: 640, height: 360 });
  });

  it('removes letterbox and pillarbox bars from the stored frames', async () => {
    const job = await importClips([letterboxClip(tempDir())], { everySeconds: 0.5, sceneThreshold: null });
    expect(job.state).toBe('done');
    const all = await items();
    expect(all.items.length).toBeGreaterThan(0);
    for (const i of all.items) expect(i).toMatchObject({ width: LETTERBOX.inner.width, height: LETTERBOX.inner.height });
  });

  it('refuses a request none of whose clips can be read, making no set and no job', async () => {
    const dir = tempDir();
    h ??= await hostWithLibrary(join(tempDir(), 'lib'));
    const setsBefore = (await h.call('sets.list', {})).length;
    const jobsBefore = h.host.open().jobs.list().length;
    await expect(h.call('import.video', { clips: [textAsVideo(dir), emptyFile(dir)], setName: 'unreadable', sampling: {} })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      field: 'clips.0',
      message: expect.stringMatching(/^notes\.mp4 is not a video file/),
    });
    expect((await h.call('sets.list', {})).length).toBe(setsBefore);
    expect(h.host.open().jobs.list().length).toBe(jobsBefore);
  });

  it('fails, saying why, when the job reads no clip at all (not "done" with no frames)', async () => {
    const dir = tempDir();
    h ??= await hostWithLibrary(join(tempDir(), 'lib'));
    const { jobs, library } = h.host.open();
    const set = library.ensureSet('job only', 'style');
    const params = { clips: [textAsVideo(dir), emptyFile(dir)], setId: set.id, setName: set.name, kind: set.kind, sampling: DEFAULT_VIDEO_SAMPLING };
    const job = await jobs.wait(jobs.start('import-video', params).id);
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/^notes\.mp4 is not a video file .*\(and 1 more clip could not be read\)$/);
    expect(job.skipped).toHaveLength(2);
  });

  it('reports each bad clip by name and reason and keeps the frames of the good ones', async () => {
    const dir = tempDir();
    const good = plainClip(dir, 160, 120, 2);
    const clips = [good, emptyFile(dir), textAsVideo(dir), audioOnlyFile(dir)];
    const { mkv } = CORPUS_VIDEO;
    if (mkv) clips.push(truncatedCopy(mkv, dir, 'win005-cut.mkv', 0.4));
    const job = await importClips(clips, { everySeconds: 0.5, sceneThreshold: null });
    expect(job.state).toBe('done');
    const reasons = Object.fromEntries(job.skipped.map((s) => [s.path.split('/').pop(), s.reason]));
    expect(reasons['empty.mp4']).toMatch(/empty\.mp4 is empty \(0 bytes\)/);
    expect(reasons['notes.mp4']).toMatch(/notes\.mp4 is not a video file/);
    expect(reasons['song.m4a']).toMatch(/song\.m4a has no video stream/);
    expect(reasons['plain.mp4']).toBeUndefined();
    const fromGood = (await items()).items.filter((i) => i.sourcePath === good);
    expect(fromGood).toHaveLength(4);
    if (mkv) {
      // A truncated clip keeps the frames that decoded before the damage, and says so.
      const cut = (await items()).items.filter((i) => i.sourcePath.endsWith('win005-cut.mkv'));
      expect(cut.length).toBeGreaterThan(3);
      expect(reasons['win005-cut.mkv']).toMatch(/win005-cut\.mkv is truncated or damaged .*; the \d+ frames before [\d.]+ s were kept/);
    }
  });

  it('rejects a missing clip up front with the path', async () => {
    h = await hostWithLibrary(join(tempDir(), 'lib'));
    await expect(h.call('import.video', { clips: ['/no/such/film.mkv'], setName: 'x' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'clip /no/such/film.mkv does not exist',
    });
  });

  it('cancels mid-clip and resumes from the last stored frame, without repeating frames', async () => {
    const clip = plainClip(tempDir(), 640, 360, 20);
    h = await hostWithLibrary(join(tempDir(), 'lib'));
    const hh = h;
    const started = (await hh.call('import.video', { clips: [clip], setName: 'films', sampling: { everySeconds: 0.1, sceneThreshold: null } }));
    await new Promise<void>((resolve) => {
      const off = hh.host.onEvent((event, payload) => {
        const job = payload as JobSummary;
        if (event === 'job.updated' && (job.counts.frames ?? 0) >= 5) {
          off();
          void hh.call('jobs.cancel', { jobId: started.id }).then(() => resolve());
        }
      });
    });
    const cancelled = await hh.host.open().jobs.wait(started.id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.progress.done).toBe(0);
    const before = cancelled.counts.frames!;
    expect(before).toBeLessThan(200);
    await hh.call('jobs.resume', { jobId: started.id });
    const done = await hh.host.open().jobs.wait(started.id);
    expect(done.state).toBe('done');
    const times = (await items()).items.map((i) => Math.round(i.sourceTime! * 10));
    expect(new Set(times).size).toBe(times.length);
    expect(times).toHaveLength(200);
    expect(done.counts.duplicate ?? 0).toBeLessThanOrEqual(1);
  });
});

describe('cel-studio import video', () => {
  it('resumes after kill -9 mid-clip and ends with the same frames as an uninterrupted import', async () => {
    const clip = plainClip(tempDir(), 640, 360, 20);
    const lib = join(tempDir(), 'L');
    const args = ['import', 'video', clip, '--library', lib, '--set', 'films', '--every', '0.1', '--scene', 'off'];
    const child = startCli(args);
    const exited = new Promise((r) => child.on('close', r));
    const stored = await waitForCount(lib, 'SELECT count(*) FROM set_images', 8);
    child.kill('SIGKILL');
    await exited;
    expect(stored).toBeGreaterThanOrEqual(8);
    const again = await runCli(args);
    expect(again.stderr).toMatch(/resuming interrupted job/);
    expect(again.code).toBe(0);
    const db = new Database(join(lib, 'library.sqlite'), { readonly: true });
    const times = db.prepare('SELECT round(source_time * 10) FROM set_images ORDER BY source_time').pluck().all() as number[];
    db.close();
    expect(times).toHaveLength(200);
    expect(new Set(times).size).toBe(200);
  });

  it('fails with one clear line when no clip can be read', async () => {
    const res = await runCli(['import', 'video', textAsVideo(tempDir()), '--library', join(tempDir(), 'L'), '--set', 'x']);
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n').at(-1)).toMatch(/^cel-studio: notes\.mp4 is not a video file/);
  });
});
