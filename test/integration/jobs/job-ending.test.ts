/**
 * How a job ends when its last step is cut short: a cancel that lands while `finish` runs (a conversion's join)
 * leaves the job cancelled and resumable, not failed; a real error in `finish` still fails it; notices and item
 * counters are stored with the job.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { JobKind } from '@shared/library';
import type { JobRunner } from '../../../src/main/services/jobs/job-runner';
import { jobManagers } from './manager-harness';

/** Three items, each counting 5 "frames"; `finish` waits `finishMs` (abortable) and then fails or notes. */
function slowFinishRunner(opts: { finishMs: number; failWith?: string; notice?: string }): JobRunner<unknown> {
  return {
    kind: 'convert-clip' as JobKind,
    parseParams: (raw) => raw,
    title: () => 'slow finish',
    plan: async () => ['a', 'b', 'c'],
    runItem: async () => ({ outcome: 'converted', counts: { frames: 5 } }),
    finish: async (_p, signal, done) => {
      await sleep(opts.finishMs, undefined, { signal });
      if (opts.failWith) throw new Error(opts.failWith);
      if (opts.notice) done.notice(opts.notice);
    },
  };
}

const open = jobManagers();
const manager = (runner: JobRunner<unknown>) => open([runner]).m;

describe('job endings', () => {
  it('a cancel during finish leaves the job cancelled and resumable; the resume finishes it', async () => {
    const m = manager(slowFinishRunner({ finishMs: 400, notice: 'sound re-encoded' }));
    const started = m.start('convert-clip', {});
    await sleep(150);
    m.cancel(started.id);
    const cancelled = await m.wait(started.id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.error).toBeNull();
    expect(cancelled.counts.frames).toBe(15);

    const resumed = await m.wait(m.resume(started.id).id);
    expect(resumed.state).toBe('done');
    expect(resumed.notices).toEqual(['sound re-encoded']);
    // Items are not redone, so their counters are not counted twice.
    expect(resumed.counts.frames).toBe(15);
  });

  it('an error in finish still fails the job, with its message', async () => {
    const m = manager(slowFinishRunner({ finishMs: 10, failWith: 'disk full while joining' }));
    const job = await m.wait(m.start('convert-clip', {}).id);
    expect(job.state).toBe('failed');
    expect(job.error).toBe('disk full while joining');
  });
});
