/**
 * Two jobs never write one output at once: a job locks its output (a file beside it) from start to end, whichever
 * library or process starts the second, which is refused before it exists with an error naming the first. A lock
 * whose process died is taken over; one a process on another machine keeps fresh is not.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { JobRunner } from '../../../src/main/services/jobs/job-runner';
import { lockPathFor, outputLocks, readLockHolder } from '../../../src/main/services/jobs/output-lock';
import { tempDir } from '../../support/temp-dir';
import { jobManagers } from './manager-harness';

interface Params {
  output: string;
}

/** A conversion-like runner: one item that waits until `gate.open`, writing `output` when it ends. */
function gatedRunner(): JobRunner<unknown> & { gate: { open: boolean } } {
  const gate = { open: false };
  return {
    gate,
    kind: 'convert-clip',
    parseParams: (raw: unknown) => raw as Params,
    title: (p) => `Write ${(p as Params).output.split('/').pop()}`,
    outputOf: (p) => (p as Params).output,
    plan: async () => ['only'],
    runItem: async (p, _key, signal) => {
      while (!gate.open && !signal.aborted) await sleep(5);
      if (signal.aborted) return { outcome: 'converted', unfinished: true };
      writeFileSync((p as Params).output, 'done');
      return { outcome: 'converted' };
    },
  };
}

const open = jobManagers();

async function until(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/**
 * Two libraries (two windows, or a window and a CLI): `a` running a job that writes `name` in a new folder, held at
 * its runner's gate, and `b` with nothing started.
 */
async function oneWritingOfTwo(name = 'out.mp4') {
  const dir = tempDir();
  const output = join(dir, name);
  const runner = gatedRunner();
  const a = open([runner]);
  const b = open([gatedRunner()]);
  const job = a.m.start('convert-clip', { output });
  await until(() => a.m.get(job.id).state === 'running', `the job writing ${name} to run`);
  return { dir, output, runner, a, b, job };
}

/** The pid of a process that has exited. */
function deadPid(): number {
  return Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
}

describe('output locks', () => {
  it('refuse a second job on an output a job of another library writes, naming it, until that job ends', async () => {
    const { dir, output, runner: runnerA, a, b, job: first } = await oneWritingOfTwo();
    expect(readLockHolder(lockPathFor(output))).toMatchObject({ pid: process.pid, host: hostname(), jobId: first.id, title: 'Write out.mp4' });

    let refused: unknown;
    try {
      b.m.start('convert-clip', { output: join(dir, 'sub', '..', 'out.mp4') });
    } catch (err) {
      refused = err;
    }
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      field: 'output',
      message: expect.stringMatching(new RegExp(`^out\\.mp4 is being written by job "Write out\\.mp4" \\(${first.id}, in this studio, since .+\\): wait for it to finish or cancel it, or choose another output$`)),
    });
    // Refused before it existed: nothing is left in the second library.
    expect(b.m.list()).toEqual([]);
    // The same library is refused too, and another output is not.
    expect(() => a.m.start('convert-clip', { output })).toThrow(/is being written by job/);
    const other = b.m.start('convert-clip', { output: join(dir, 'other.mp4') });

    runnerA.gate.open = true;
    expect((await a.m.wait(first.id)).state).toBe('done');
    expect(existsSync(lockPathFor(output))).toBe(false);
    const second = b.m.start('convert-clip', { output });
    b.m.cancel(other.id);
    b.m.cancel(second.id);
    await b.m.wait(second.id);
    expect(readdirSync(dir).filter((f) => f.endsWith('.cel-studio-lock'))).toEqual([]);
  });

  it('hold the output while a job is paused, free it when cancelled, and take it back when resumed', async () => {
    const { output, runner, a, b, job } = await oneWritingOfTwo();
    a.m.pause(job.id);
    expect(() => b.m.start('convert-clip', { output })).toThrow(/is being written by job/);
    a.m.cancel(job.id);
    expect((await a.m.wait(job.id)).state).toBe('cancelled');
    expect(existsSync(lockPathFor(output))).toBe(false);

    // While another job holds it, the cancelled one may not resume (and stays cancelled).
    const other = b.m.start('convert-clip', { output });
    expect(() => a.m.resume(job.id)).toThrow(/is being written by job/);
    expect(a.m.get(job.id).state).toBe('cancelled');
    b.m.cancel(other.id);
    await b.m.wait(other.id);
    a.m.resume(job.id);
    runner.gate.open = true;
    expect((await a.m.wait(job.id)).state).toBe('done');
  });

  it('take over a lock whose process died or whose machine stopped refreshing it, and not a fresh one', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'f'));
    const output = join(dir, 'f', 'out.mp4');
    const lock = lockPathFor(output);
    const holder = (pid: number, host: string) => JSON.stringify({ pid, host, jobId: 'j-1', title: 'Convert elsewhere', since: '2026-01-01T00:00:00.000Z' });

    writeFileSync(lock, holder(deadPid(), hostname()));
    outputLocks.claim(output, { id: 'mine-1', title: 'Mine' });
    expect(readLockHolder(lock)).toMatchObject({ jobId: 'mine-1', pid: process.pid });
    outputLocks.release('mine-1');
    expect(existsSync(lock)).toBe(false);

    // Another machine's lock, refreshed a moment ago: held.
    writeFileSync(lock, holder(1, 'render-node-7'));
    expect(() => outputLocks.claim(output, { id: 'mine-2', title: 'Mine' })).toThrow(
      /^out\.mp4 is being written by job "Convert elsewhere" \(j-1, in process 1 on render-node-7, since 2026-01-01T00:00:00\.000Z\)/,
    );
    // Not refreshed for two minutes: its process is gone.
    const old = new Date(Date.now() - 120_000);
    utimesSync(lock, old, old);
    outputLocks.claim(output, { id: 'mine-2', title: 'Mine' });
    outputLocks.release('mine-2');

    // Garbage where the lock goes: fresh, it may be a lock being written; old, it is taken over.
    writeFileSync(lock, '');
    expect(() => outputLocks.claim(output, { id: 'mine-3', title: 'Mine' })).toThrow(/is being written by another job/);
    utimesSync(lock, old, old);
    outputLocks.claim(output, { id: 'mine-3', title: 'Mine' });
    outputLocks.release('mine-3');
    expect(readdirSync(join(dir, 'f'))).toEqual([]);
  });

  it('free a queued job\'s output when it is cancelled, at once rather than when the queue reaches it', async () => {
    const { dir, runner, a, b, job: first } = await oneWritingOfTwo('first.mp4');
    const queued = a.m.start('convert-clip', { output: join(dir, 'second.mp4') });
    expect(a.m.get(queued.id).state).toBe('queued');
    a.m.cancel(queued.id);
    const other = b.m.start('convert-clip', { output: join(dir, 'second.mp4') });
    b.m.cancel(other.id);
    await b.m.wait(other.id);
    runner.gate.open = true;
    expect((await a.m.wait(first.id)).state).toBe('done');
    expect((await a.m.wait(queued.id)).state).toBe('cancelled');
  });

  it('hold one output however its folder is spelled, also when the folder did not exist at the first claim', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    const output = join(dir, 'link', 'new', 'out.mp4');
    outputLocks.claim(output, { id: 'spelled-1', title: 'First' });
    try {
      // The folder exists now, so the same path resolves through the link: still the first job's.
      expect(() => outputLocks.claim(output, { id: 'spelled-2', title: 'Second' })).toThrow(/is being written by job "First" \(spelled-1, in this studio/);
      expect(() => outputLocks.claim(join(dir, 'real', 'new', 'out.mp4'), { id: 'spelled-3', title: 'Third' })).toThrow(/job "First"/);
    } finally {
      outputLocks.release('spelled-1');
    }
  });

  it('treat a lock its holder stopped refreshing as stale, even when its pid is alive (reused)', () => {
    const dir = tempDir();
    const output = join(dir, 'out.mp4');
    // Our own pid is certainly alive: an old lock naming it, held by no job here, stands for a reused pid.
    writeFileSync(lockPathFor(output), JSON.stringify({ pid: 1, host: hostname(), jobId: 'gone', title: 'Gone', since: '2026-01-01T00:00:00.000Z' }));
    expect(() => outputLocks.claim(output, { id: 'fresh-1', title: 'Fresh' })).toThrow(/job "Gone"/);
    const old = new Date(Date.now() - 120_000);
    utimesSync(lockPathFor(output), old, old);
    outputLocks.claim(output, { id: 'fresh-1', title: 'Fresh' });
    outputLocks.release('fresh-1');
  });

  it('lock a folder a job fills inside that folder, not in the one above (which may be a root-owned mount point)', async () => {
    const dir = tempDir();
    const folder = join(dir, 'stills');
    // Gated like a long folder conversion (cancelled before its gate opens, so it writes nothing).
    const folderRunner = (): JobRunner<unknown> => ({ ...gatedRunner(), kind: 'convert-photos', outputIsFolder: true });
    const a = open([folderRunner()]);
    const b = open([folderRunner()]);
    const job = a.m.start('convert-photos', { output: folder });
    expect(readLockHolder(join(folder, '.cel-studio-lock'))).toMatchObject({ jobId: job.id });
    expect(readdirSync(dir)).toEqual(['stills']);
    expect(readdirSync(folder)).toEqual(['.cel-studio-lock']);
    expect(() => b.m.start('convert-photos', { output: join(dir, '.', 'stills') })).toThrow(/stills is being written by job/);
    a.m.cancel(job.id);
    expect((await a.m.wait(job.id)).state).toBe('cancelled');
    expect(readdirSync(folder)).toEqual([]);
  });
});
