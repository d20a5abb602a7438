/**
 * Render-farm conversions against a real Redis: one studio queues the corpus clip's segments, three worker processes
 * (`cel-studio worker`) convert them, one is killed with SIGKILL in the middle of a segment, and the conversion still
 * finishes, packet for packet the same as the same conversion on one machine.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Queue } from 'bullmq';
import { SEGMENT_QUEUE } from '../../../src/main/services/farm/segment-job';
import type { JobManager } from '../../../src/main/services/jobs/job-manager';
import { ffmpegPath } from '../../../src/main/services/video';
import { assertBuilt, CLI_JS, REPO_DIR, startCli } from '../../support/cli';
import { hostWithLibrary, type RecordedHost } from '../../support/host';
import { redisAvailable, startRedis, type TestRedis } from '../../support/redis-server';
import { tempDir } from '../../support/temp-dir';
import { CORPUS_VIDEO } from '../../support/video-clips';

const clip = CORPUS_VIDEO.webm;
const canRun = clip !== undefined && redisAvailable();

let redis: TestRedis | undefined;
let h: RecordedHost | undefined;
const workers: ReturnType<typeof startCli>[] = [];

beforeAll(async () => {
  if (canRun) redis = await startRedis();
});
afterEach(async () => {
  await h?.host.dispose();
  h = undefined;
  for (const w of workers.splice(0)) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
  vi.unstubAllEnvs();
  if (!redis) return;
  // Each test starts from a running, empty Redis, whatever the one before left.
  if (!redis.running()) await redis.restart();
  execFileSync('redis-cli', ['-p', String(redis.port), 'flushall']);
});
afterAll(async () => {
  await redis?.dispose();
});

/** Every packet of every stream (times, sizes, flags, MD5), as ffmpeg reads them back. */
function packets(file: string): string {
  return execFileSync(ffmpegPath(), ['-v', 'error', '-i', file, '-map', '0', '-c', 'copy', '-f', 'framemd5', '-'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
}

/** How many video frames `file` holds. */
function decodedFrames(file: string): number {
  const out = execFileSync(ffmpegPath(), ['-v', 'error', '-i', file, '-map', '0:v', '-c', 'copy', '-f', 'framemd5', '-'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;
}

/** A worker process on the test's farm; a dead worker's segment goes to another after 1.5 s instead of 30 s. */
function startWorker(): ReturnType<typeof startCli> {
  const w = startCli(['worker', '--farm', redis!.url], { CEL_STUDIO_FARM_LOCK_MS: '1500' });
  workers.push(w);
  return w;
}

/** Whether a worker can run here as `nobody` (uid 65534): root is needed to start it, and it must read the CLI and clip. */
function nobodyCanRunWorker(): boolean {
  if (!canRun || process.getuid?.() !== 0) return false;
  const probe = `require('fs').accessSync(${JSON.stringify(CLI_JS)}); require('fs').accessSync(${JSON.stringify(clip)})`;
  return spawnSync(process.execPath, ['-e', probe], { uid: 65534, gid: 65534 }).status === 0;
}

/** The conversion both tests make, on the farm and on this machine. */
const settings = {
  input: clip!,
  style: { kind: 'builtin' },
  range: { startSeconds: 0, endSeconds: 3 },
  maxSize: 160,
  segmentFrames: 6,
  encode: { codec: 'h264', crf: 23, preset: 'ultrafast' },
} as const;

/** The same, long enough to act on while it runs. */
const longer = { ...settings, range: { startSeconds: 0, endSeconds: 8 } } as const;

/** A studio on a new library in a scratch folder (the built CLI is needed for the workers). */
async function studio(): Promise<{ dir: string; jobs: JobManager }> {
  assertBuilt();
  const dir = tempDir();
  h = await hostWithLibrary(join(dir, 'L'));
  return { dir, jobs: h!.host.open().jobs };
}

describe.skipIf(!canRun)('render farm', () => {
  it('converts on three workers, survives one killed mid-segment, and matches the one-machine conversion bit for bit', { timeout: 180_000 }, async () => {
    const { dir, jobs } = await studio();

    const local = await h!.call('convert.clip', { ...settings, output: join(dir, 'local.mp4') });
    expect((await jobs.wait(local.id)).state).toBe('done');

    const fleet = [startWorker(), startWorker(), startWorker()];
    const started = await h!.call('convert.clip', { ...settings, output: join(dir, 'farm.mp4'), farm: redis!.url });
    // The first worker to take a segment is killed in the middle of it.
    const victim = await vi.waitFor(
      () => {
        const w = fleet.find((x) => /segment \d+ of /.test(x.err()));
        if (!w) throw new Error('no worker has taken a segment yet');
        return w;
      },
      { timeout: 30_000, interval: 5 },
    );
    victim.kill('SIGKILL');
    const taken = [...victim.err().matchAll(/segment (\d+) of /g)].at(-1)![1];
    await new Promise((r) => victim.once('exit', r));
    expect(victim.err(), 'killed before it finished the segment').not.toMatch(new RegExp(`segment ${taken} done`));

    const job = await jobs.wait(started.id);
    expect(job.state, job.error ?? '').toBe('done');
    expect(job.progress.work?.done).toBe(job.progress.work?.total);
    // While it ran, its progress line named the workers and their frames per second.
    const lines = h!.jobEvents.filter((e) => e.id === started.id).map((e) => e.progress.current ?? '');
    expect(lines.some((l) => /^frame \d+ of \d+ on \S+; [1-3] workers?: \S+ \d+\.\d frames\/s/.test(l)), lines.join('\n')).toBe(true);
    // Another worker converted the killed worker's segment (BullMQ's stalled-job handling gave it on).
    const others = fleet.filter((w) => w !== victim).map((w) => w.err()).join('\n');
    expect(others).toMatch(new RegExp(`segment ${taken} done`));
    expect(packets(join(dir, 'farm.mp4'))).toBe(packets(join(dir, 'local.mp4')));
    // The work folder is gone after the join: no half-written segment is left behind either.
    expect(readdirSync(dir).filter((n) => n.startsWith('.farm.mp4'))).toEqual([]);
    expect(existsSync(join(dir, 'farm.mp4'))).toBe(true);

    // The same conversion again: the finished jobs Redis keeps do not stand in for segment files that went with the
    // work folder; the segments are converted anew.
    const again = await h!.call('convert.clip', { ...settings, output: join(dir, 'farm.mp4'), farm: redis!.url, overwrite: true });
    const redone = await jobs.wait(again.id);
    expect(redone.state, redone.error ?? '').toBe('done');
    expect(packets(join(dir, 'farm.mp4'))).toBe(packets(join(dir, 'local.mp4')));
  });

  it('waits, saying why, while the farm\'s Redis is away, and finishes the same file once it is back', { timeout: 180_000 }, async () => {
    const { dir, jobs } = await studio();
    startWorker();
    startWorker();
    const started = await h!.call('convert.clip', { ...longer, output: join(dir, 'farm.mp4'), farm: redis!.url });
    await vi.waitFor(() => expect(jobs.get(started.id).progress.work?.done ?? 0).toBeGreaterThan(0), { timeout: 60_000, interval: 10 });
    await redis!.stop();
    await vi.waitFor(
      () => expect(jobs.get(started.id).progress.current ?? '').toMatch(/^waiting for the render farm: its Redis \(redis:\/\/127\.0\.0\.1:\d+\) has not answered since /),
      { timeout: 20_000, interval: 20 },
    );
    // Nothing failed: the job waits as it is.
    expect(jobs.get(started.id).state).toBe('running');
    await new Promise((r) => setTimeout(r, 2500));
    expect(jobs.get(started.id).state).toBe('running');
    await redis!.restart();
    const job = await jobs.wait(started.id);
    expect(job.state, job.error ?? '').toBe('done');

    const local = await h!.call('convert.clip', { ...longer, output: join(dir, 'local.mp4') });
    expect((await jobs.wait(local.id)).state).toBe('done');
    expect(packets(join(dir, 'farm.mp4'))).toBe(packets(join(dir, 'local.mp4')));
  });

  it('pauses, resumes, cancels and removes a farm conversion: queued segments are taken back, nothing is left behind', { timeout: 180_000 }, async () => {
    const { dir, jobs } = await studio();
    const queue = new Queue(SEGMENT_QUEUE, { connection: { host: '127.0.0.1', port: redis!.port } });
    try {
      startWorker();
      const started = await h!.call('convert.clip', { ...longer, output: join(dir, 'farm.mp4'), farm: redis!.url });
      await vi.waitFor(() => expect(jobs.get(started.id).progress.work?.done ?? 0).toBeGreaterThan(0), { timeout: 60_000, interval: 10 });
      expect(await queue.getWaitingCount()).toBeGreaterThan(0);
      jobs.pause(started.id);
      // The waiting segments go back at once; the one the worker holds finishes there, and nothing after it.
      await vi.waitFor(async () => expect(await queue.getWaitingCount()).toBe(0), { timeout: 2_000, interval: 20 });
      expect(jobs.get(started.id).state).toBe('paused');
      const held = jobs.get(started.id).progress.work?.done ?? 0;
      await new Promise((r) => setTimeout(r, 2000));
      expect(jobs.get(started.id).progress.work?.done ?? 0).toBeLessThanOrEqual(held + longer.segmentFrames);
      expect(await queue.getWaitingCount()).toBe(0);
      jobs.resume(started.id);
      expect((await jobs.wait(started.id)).state).toBe('done');
      expect(decodedFrames(join(dir, 'farm.mp4'))).toBe(jobs.get(started.id).progress.work?.total);

      const again = await h!.call('convert.clip', { ...longer, output: join(dir, 'cancelled.mp4'), farm: redis!.url });
      await vi.waitFor(() => expect(jobs.get(again.id).progress.work?.done ?? 0).toBeGreaterThan(0), { timeout: 60_000, interval: 10 });
      expect(await queue.getWaitingCount()).toBeGreaterThan(0);
      jobs.cancel(again.id);
      expect((await jobs.wait(again.id)).state).toBe('cancelled');
      await vi.waitFor(async () => expect(await queue.getWaitingCount()).toBe(0), { timeout: 2_000, interval: 20 });
      await jobs.remove(again.id);
      const work = (): string[] => readdirSync(dir).filter((n) => n.startsWith('.cancelled.mp4.'));
      expect(work()).toEqual([]);
      // A segment a worker still held when the job was removed is not written into a new work folder.
      await new Promise((r) => setTimeout(r, 2000));
      expect(work()).toEqual([]);
    } finally {
      await queue.close();
    }
  });

  // A machine without the share is played by a worker running as `nobody`, to whom the test's folders are closed
  // (root only; and `nobody` must be able to run the built CLI and read the clip, as on a machine with the repo).
  it.skipIf(!nobodyCanRunWorker())('a worker that cannot write the output folder fails its try, naming the folder, and another converts it', { timeout: 180_000 }, async () => {
    const { dir, jobs } = await studio();
    const blind = spawn(process.execPath, [CLI_JS, 'worker', '--farm', redis!.url], {
      cwd: REPO_DIR,
      uid: 65534,
      gid: 65534,
      env: { ...process.env, HOME: '/tmp', CEL_STUDIO_FARM_LOCK_MS: '1500' },
    });
    let blindLog = '';
    blind.stderr.on('data', (d) => (blindLog += String(d)));
    const blindWorker = Object.assign(blind, { out: () => '', err: () => blindLog });
    workers.push(blindWorker);
    await vi.waitFor(() => expect(blindLog).toMatch(/taking segments/), { timeout: 20_000, interval: 20 });
    const started = await h!.call('convert.clip', { ...settings, output: join(dir, 'farm.mp4'), farm: redis!.url });
    await vi.waitFor(
      () => expect(blindLog).toContain(`cannot write to the output folder ${dir}: every worker must see it at the same path (a shared folder)`),
      { timeout: 30_000, interval: 20 },
    );
    const able = startWorker();
    const job = await jobs.wait(started.id);
    expect(job.state, job.error ?? '').toBe('done');
    expect(able.err()).toMatch(/segment \d+ done/);
    expect(blindLog).not.toMatch(/segment \d+ done/);
  });

  it('a worker given --root refuses a segment outside those folders, naming them, and another converts it', { timeout: 120_000 }, async () => {
    const { dir, jobs } = await studio();
    const elsewhere = tempDir();
    const fenced = startCli(['worker', '--farm', redis!.url, '--root', elsewhere], { CEL_STUDIO_FARM_LOCK_MS: '1500' });
    workers.push(fenced);
    await vi.waitFor(() => expect(fenced.err()).toMatch(/taking segments .*only under /), { timeout: 20_000, interval: 20 });
    const started = await h!.call('convert.clip', { ...settings, output: join(dir, 'farm.mp4'), farm: redis!.url });
    await vi.waitFor(() => expect(fenced.err()).toMatch(/may use only .+, not .+ \(its --root\)/), { timeout: 30_000, interval: 20 });
    const open = startWorker();
    const job = await jobs.wait(started.id);
    expect(job.state, job.error ?? '').toBe('done');
    expect(open.err()).toMatch(/segment \d+ done/);
    expect(fenced.err()).not.toMatch(/segment \d+ done/);
  });

  it("a worker with a farm secret refuses segments not signed with it, and one with the studio's secret converts them", { timeout: 120_000 }, async () => {
    const { dir, jobs } = await studio();
    vi.stubEnv('CEL_STUDIO_FARM_SECRET', 'the farm secret');
    const stranger = startCli(['worker', '--farm', redis!.url], { CEL_STUDIO_FARM_LOCK_MS: '1500', CEL_STUDIO_FARM_SECRET: 'another secret' });
    workers.push(stranger);
    await vi.waitFor(() => expect(stranger.err()).toMatch(/taking segments/), { timeout: 20_000, interval: 20 });
    const started = await h!.call('convert.clip', { ...settings, output: join(dir, 'farm.mp4'), farm: redis!.url });
    await vi.waitFor(() => expect(stranger.err()).toMatch(/is not signed with this worker's farm secret \(CEL_STUDIO_FARM_SECRET\)/), { timeout: 30_000, interval: 20 });
    const member = startCli(['worker', '--farm', redis!.url], { CEL_STUDIO_FARM_LOCK_MS: '1500', CEL_STUDIO_FARM_SECRET: 'the farm secret' });
    workers.push(member);
    const job = await jobs.wait(started.id);
    expect(job.state, job.error ?? '').toBe('done');
    expect(member.err()).toMatch(/segment \d+ done/);
    expect(stranger.err()).not.toMatch(/segment \d+ done/);
  });

  it("refuses a training run's style on a farm, whose workers have no library", async () => {
    const dir = tempDir();
    h = await hostWithLibrary(join(dir, 'L'));
    await expect(
      h!.call('convert.clip', { input: clip!, output: join(dir, 'x.mp4'), style: { kind: 'run', runId: 'r1' }, farm: redis!.url }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', field: 'farm', message: expect.stringMatching(/export the run to ONNX first/) });
    await expect(h!.callRaw('convert.clip', { input: clip!, output: join(dir, 'x.mp4'), style: { kind: 'builtin' }, farm: 'http://x' })).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'farm',
    });
    expect(h!.host.open().jobs.list()).toEqual([]);
  });
});
