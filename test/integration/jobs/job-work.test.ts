/**
 * A job whose items differ in size reports its progress in the runner's finer unit: the total of the items'
 * weights, the finished ones plus the done part of the one in flight, a rate in that unit while it runs, and an
 * ETA from it; a job without a work unit reports none.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { JobKind } from '@shared/library';
import type { ItemContext, JobRunner } from '../../../src/main/services/jobs/job-runner';
import { jobManagers } from './manager-harness';

/** Items "a:10", "b:30", "c:60" (units each), each run in `steps` reported steps of `ms`. */
function weighedRunner(steps: number, ms: number, withUnit = true): JobRunner<unknown> {
  return {
    kind: 'convert-clip' as JobKind,
    parseParams: (raw) => raw,
    title: () => 'weighed',
    plan: async () => ['a:10', 'b:30', 'c:60'],
    ...(withUnit ? { work: { unit: 'frames', weightOf: (key: string) => Number(key.split(':')[1]) } } : {}),
    runItem: async (_p: unknown, _key: string, _s: AbortSignal, ctx: ItemContext) => {
      for (let i = 1; i <= steps; i++) {
        await sleep(ms);
        ctx.report(i / steps);
      }
      return { outcome: 'converted' };
    },
  };
}

const open = jobManagers();
const manager = (runner: JobRunner<unknown>) => open([runner]);

describe('progress in a work unit', () => {
  it('weighs the items, counts the part in flight, and gives a rate and an ETA in that unit', async () => {
    const { m, events } = manager(weighedRunner(4, 80));
    const started = m.start('convert-clip', {});
    const done = await m.wait(started.id);
    expect(done.progress.work).toEqual({ unit: 'frames', done: 100, total: 100, rate: 0 });
    expect(done.progress.done).toBe(3);

    const running = events.filter((e) => e.state === 'running' && e.progress.work !== null && e.progress.work.total > 0);
    expect(running.length).toBeGreaterThanOrEqual(3); // events are throttled to one per 150 ms
    // Every value is a finished part of an item: a, a+b or a+b+c's steps of a quarter.
    const possible = new Set([0, 2.5, 5, 7.5, 10, 17.5, 25, 32.5, 40, 55, 70, 85, 100]);
    for (const e of running) expect(possible.has(e.progress.work!.done), String(e.progress.work!.done)).toBe(true);
    const dones = running.map((e) => e.progress.work!.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    // Once measurable, the rate is in frames per second (100 frames in ~1 s) and the ETA follows it.
    const late = running.filter((e) => e.progress.work!.rate > 0 && e.progress.work!.done < 100);
    expect(late.length).toBeGreaterThan(0);
    for (const e of late) {
      const { done: d, total, rate } = e.progress.work!;
      expect(rate).toBeGreaterThan(20);
      expect(e.progress.etaSeconds).toBeCloseTo((total - d) / rate, 6);
    }
  });

  it('reports none for a runner without a work unit, and weighs a stopped job from its stored items', async () => {
    const plain = manager(weighedRunner(1, 1, false));
    const job = await plain.m.wait(plain.m.start('convert-clip', {}).id);
    expect(job.progress.work).toBeNull();
    await plain.close();

    const { m } = manager(weighedRunner(2, 30));
    const started = m.start('convert-clip', {});
    await sleep(120); // into item b
    m.cancel(started.id);
    const cancelled = await m.wait(started.id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.progress.work).toMatchObject({ unit: 'frames', total: 100, rate: 0 });
    expect([10, 40]).toContain(cancelled.progress.work!.done); // finished items only
  });
});
