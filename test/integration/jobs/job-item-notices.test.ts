/**
 * A notice an item records while it runs (the GPU ran out of memory and the tiles were made smaller) is on the
 * job at once, not only when the job ends, and is kept once however often the item says it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { JobKind } from '@shared/library';
import type { ItemContext, JobRunner } from '../../../src/main/services/jobs/job-runner';
import { jobManagers } from './manager-harness';

const open = jobManagers();

describe('notices from a running item', () => {
  it('shows the notice on the running job, once', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const runner: JobRunner<unknown> = {
      kind: 'convert-clip' as JobKind,
      parseParams: (raw) => raw,
      title: () => 'noticing',
      plan: async () => ['only'],
      runItem: async (_p: unknown, _key: string, _s: AbortSignal, ctx: ItemContext) => {
        ctx.notice('GPU ran out of memory at 1280x720 tiles; continuing with 640x720 tiles');
        ctx.notice('GPU ran out of memory at 1280x720 tiles; continuing with 640x720 tiles');
        await gate;
        return { outcome: 'converted' };
      },
    };
    const { m } = open([runner]);
    const job = m.start('convert-clip', {});
    let running = m.list().find((j) => j.id === job.id)!;
    for (let i = 0; i < 100 && running.notices.length === 0; i++) {
      await sleep(20);
      running = m.list().find((j) => j.id === job.id)!;
    }
    expect(running.state).toBe('running');
    expect(running.notices).toEqual(['GPU ran out of memory at 1280x720 tiles; continuing with 640x720 tiles']);
    release();
    const done = await m.wait(job.id);
    expect(done.state).toBe('done');
    expect(done.notices).toHaveLength(1);
  });
});
