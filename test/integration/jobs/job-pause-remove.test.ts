/**
 * Pausing holds a running job between steps (its items stand still, the job queued behind it waits) until it is
 * resumed or cancelled; a paused job whose process died is found interrupted; removing a stopped job deletes its
 * row and asks its runner to discard work kept to resume, and is refused while the job still owns work.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { JobKind } from '@shared/library';
import type { JobRunner } from '../../../src/main/services/jobs/job-runner';
import { jobManagers } from './manager-harness';

/** A runner of `items` items, each `ms` long, that records the items it ran and the params it discarded. */
function stepRunner(kind: JobKind, items: number, ms: number): JobRunner<unknown> & { ran: string[]; discarded: unknown[] } {
  const runner = {
    ran: [] as string[],
    discarded: [] as unknown[],
    kind,
    parseParams: (raw: unknown) => raw,
    title: () => `${kind} steps`,
    plan: async () => Array.from({ length: items }, (_, i) => `item-${i}`),
    runItem: async (_p: unknown, key: string, signal: AbortSignal) => {
      await sleep(ms, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) return { outcome: 'converted' as const, unfinished: true };
      runner.ran.push(key);
      return { outcome: 'converted' as const };
    },
    discard: async (p: unknown) => {
      runner.discarded.push(p);
    },
  };
  return runner;
}

const open = jobManagers();
const manager = (...runners: JobRunner<unknown>[]) => open(runners);

/** Resolves once `cond` holds, polling. */
async function until(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

describe('pausing a job', () => {
  it('holds it between items, keeps the job queued behind it waiting, and resumes where it stood', async () => {
    const first = stepRunner('convert-clip', 20, 20);
    const second = stepRunner('convert-photos', 3, 5);
    const { m } = manager(first, second);
    const a = m.start('convert-clip', { n: 1 });
    const b = m.start('convert-photos', { n: 2 });
    await until(() => first.ran.length >= 3, 'three items');

    const paused = m.pause(a.id);
    expect(paused.state).toBe('paused');
    expect(paused.progress.etaSeconds).toBeNull();
    expect(m.pause(a.id).state).toBe('paused'); // a second pause is a no-op
    // The item in flight may finish; then nothing moves.
    await sleep(60);
    const held = first.ran.length;
    await sleep(200);
    expect(first.ran.length).toBe(held);
    expect(m.get(a.id).state).toBe('paused');
    expect(m.get(a.id).progress.done).toBe(held);
    expect(m.get(b.id).state).toBe('queued');
    expect(second.ran).toEqual([]);
    expect(() => m.pause(b.id)).toThrow(/only a running job pauses/);

    expect(m.resume(a.id).state).toBe('running');
    const doneA = await m.wait(a.id);
    expect(doneA.state).toBe('done');
    expect(first.ran).toEqual(Array.from({ length: 20 }, (_, i) => `item-${i}`));
    expect((await m.wait(b.id)).state).toBe('done');
    expect(second.ran).toHaveLength(3);
  });

  it('cancels a paused job, which stays resumable with the items it had not done', async () => {
    const runner = stepRunner('convert-clip', 10, 10);
    const { m } = manager(runner);
    const job = m.start('convert-clip', {});
    await until(() => runner.ran.length >= 2, 'two items');
    m.pause(job.id);
    expect(m.cancel(job.id).state).toBe('cancelling');
    const cancelled = await m.wait(job.id);
    expect(cancelled.state).toBe('cancelled');
    const doneBefore = cancelled.progress.done;
    expect(doneBefore).toBeLessThan(10);

    const resumed = await m.wait(m.resume(job.id).id);
    expect(resumed.state).toBe('done');
    expect(new Set(runner.ran).size).toBe(10);
    expect(runner.ran).toHaveLength(10); // no item ran twice
  });

  it('marks a paused job whose process died interrupted on the next open', async () => {
    const runner = stepRunner('convert-clip', 3, 1);
    const first = manager(runner);
    const job = await first.m.wait(first.m.start('convert-clip', {}).id);
    // As a crashed process leaves it: paused, owned by a pid that is gone, with a stale heartbeat.
    first.store.write((tx) =>
      tx.prepare(`UPDATE jobs SET state = 'paused', owner = '999999999@gone-host', heartbeat_at = 0 WHERE id = ?`).run(job.id),
    );
    await first.close();
    const jobs = open([runner], first.path).m;
    expect(jobs.anyActive()).toBe(true);
    expect(jobs.recover()).toHaveLength(1);
    expect(jobs.get(job.id).state).toBe('interrupted');
    expect(jobs.anyActive()).toBe(false);
  });
});

describe('removing a job', () => {
  it('is refused while the job runs or is paused, and deletes an unfinished one with its work files', async () => {
    const runner = stepRunner('convert-clip', 50, 10);
    const { m, events } = manager(runner);
    const job = m.start('convert-clip', { output: 'x.mp4' });
    await until(() => runner.ran.length >= 1, 'one item');
    await expect(m.remove(job.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    m.pause(job.id);
    await expect(m.remove(job.id)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/cancel it/) });
    m.cancel(job.id);
    expect((await m.wait(job.id)).state).toBe('cancelled');

    const eventsBefore = events.length;
    await m.remove(job.id);
    expect(runner.discarded).toEqual([{ output: 'x.mp4' }]);
    expect(m.list().map((j) => j.id)).not.toContain(job.id);
    expect(() => m.get(job.id)).toThrow(/no job with id/);
    await sleep(200);
    expect(events.slice(eventsBefore).filter((e) => e.id === job.id)).toEqual([]);
    await expect(m.remove(job.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a resume while the work files are deleted, and keeps a job another process resumed meanwhile', async () => {
    const runner = stepRunner('convert-clip', 3, 1);
    const { m, store } = manager(runner);
    const job = m.start('convert-clip', {});
    m.cancel(job.id);
    expect((await m.wait(job.id)).state).toBe('cancelled');

    // Here: the deletion is under way, so a resume is refused until it is over.
    let release: () => void = () => undefined;
    runner.discard = () => new Promise<void>((resolve) => (release = resolve));
    const removal = m.remove(job.id);
    expect(() => m.resume(job.id)).toThrow(/is being removed/);
    await expect(m.remove(job.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    release();
    await removal;
    expect(m.list()).toEqual([]);

    // Elsewhere: another process resumes the job while this one deletes its files; the row stays.
    const other = m.start('convert-clip', {});
    m.cancel(other.id);
    await m.wait(other.id);
    runner.discard = async () => {
      store.write((tx) => tx.prepare(`UPDATE jobs SET state = 'queued', owner = '1@elsewhere' WHERE id = ?`).run(other.id));
    };
    await expect(m.remove(other.id)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/resumed while being removed/) });
    expect(m.get(other.id).state).toBe('queued');
    expect(() => m.pause(other.id)).toThrow(/runs in another process \(1@elsewhere\)/);
  });

  it('keeps what a finished job made: no discard, only the row goes', async () => {
    const runner = stepRunner('convert-clip', 2, 1);
    const { m } = manager(runner);
    const job = await m.wait(m.start('convert-clip', {}).id);
    expect(job.state).toBe('done');
    await m.remove(job.id);
    expect(runner.discarded).toEqual([]);
    expect(m.list()).toEqual([]);
  });
});
