/**
 * A job's params are parsed once a process: when it starts (or when a process first reads a stored job), never again
 * for its run, its progress events, `get`, `list` or a resume; every runner call gets that one parsed object.
 * Params that no longer parse are tried once too, and the job still lists (without an output).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { JobKind } from '@shared/library';
import type { ItemContext, JobRunner } from '../../../src/main/services/jobs/job-runner';
import { jobManagers } from './manager-harness';

interface Params {
  output: string;
}

/** A runner of 4 items reporting 5 steps each, counting its parses and recording the params each call got. */
function countingRunner(): JobRunner<Params> & { parses: number; seen: Set<Params>; failParse: boolean } {
  const runner = {
    parses: 0,
    seen: new Set<Params>(),
    failParse: false,
    kind: 'convert-clip' as JobKind,
    parseParams: (raw: unknown): Params => {
      runner.parses += 1;
      if (runner.failParse) throw new Error('params of another version');
      return { output: (raw as Params).output };
    },
    title: () => 'counted',
    outputOf: (p: Params) => p.output,
    plan: async (p: Params) => {
      runner.seen.add(p);
      return ['a', 'b', 'c', 'd'];
    },
    runItem: async (p: Params, _key: string, _s: AbortSignal, ctx: ItemContext) => {
      runner.seen.add(p);
      for (let i = 1; i <= 5; i++) {
        await sleep(40);
        ctx.report(i / 5, `step ${i}`);
      }
      return { outcome: 'converted' as const };
    },
    finish: async (p: Params) => {
      runner.seen.add(p);
    },
  };
  return runner;
}

const open = jobManagers();

/** A job of `output` started in a library of its own, cancelled midway and left stored with its manager closed. */
async function storedCancelledJob(output: string): Promise<{ path: string; id: string }> {
  const a = open([countingRunner() as JobRunner<unknown>]);
  const started = a.m.start('convert-clip', { output });
  await sleep(100);
  a.m.cancel(started.id);
  expect((await a.m.wait(started.id)).state).toBe('cancelled');
  await a.close();
  return { path: a.path, id: started.id };
}

describe('job params', () => {
  it('are parsed once when a job starts, not for its run, progress events, get or list', async () => {
    const runner = countingRunner();
    const { m, events } = open([runner as JobRunner<unknown>]);
    const started = m.start('convert-clip', { output: '/out/a.mp4' });
    const done = await m.wait(started.id);
    for (let i = 0; i < 5; i++) {
      m.get(started.id);
      m.list();
    }
    expect(done.state).toBe('done');
    expect(done.output).toBe('/out/a.mp4');
    // Events came with progress (throttled to one per 150 ms), each a summary with the job's output.
    expect(events.filter((e) => e.state === 'running').length).toBeGreaterThanOrEqual(4);
    expect(runner.parses).toBe(1);
    expect(runner.seen.size).toBe(1);
    expect(m.parsedParams(started.id)).toBe([...runner.seen][0]);
  });

  it('are parsed once by a process that reads a stored job, through its resume', async () => {
    const stored = await storedCancelledJob('/out/b.mp4');
    const again = countingRunner();
    const b = open([again as JobRunner<unknown>], stored.path);
    for (let i = 0; i < 3; i++) b.m.list();
    expect(again.parses).toBe(1);
    const resumed = await b.m.wait(b.m.resume(stored.id).id);
    expect(resumed.state).toBe('done');
    expect(again.parses).toBe(1);
    expect(again.seen.size).toBe(1);
  });

  it('that no longer parse are tried once: the job lists without an output and fails to resume', async () => {
    const stored = await storedCancelledJob('/out/c.mp4');
    const newer = countingRunner();
    newer.failParse = true;
    const b = open([newer as JobRunner<unknown>], stored.path);
    for (let i = 0; i < 3; i++) expect(b.m.get(stored.id).output).toBeNull();
    expect(b.m.parsedParams(stored.id)).toBeNull();
    const failed = await b.m.wait(b.m.resume(stored.id).id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toBe('params of another version');
    expect(newer.parses).toBe(1);
  });
});
