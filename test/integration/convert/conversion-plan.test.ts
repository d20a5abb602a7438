/**
 * A conversion job is planned once a run: its params parsed once, its clip probed once, its plan read by every
 * segment and the join (however many progress events it sends); a resume in a new process parses and probes once
 * more, and a resume in the same process reuses the plan.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobRunner } from '../../../src/main/services/jobs/job-runner';
import { convertClipRunner } from '../../../src/main/services/convert';
import { probeClip } from '../../../src/main/services/video';
import { ffmpeg } from '../../support/media-checks';
import { tempDir } from '../../support/temp-dir';
import { jobManagers } from '../jobs/manager-harness';
import { boxBlurEngine } from './box-blur-engine';

const open = jobManagers();

/** The clip runner with its parses and probes counted (`counts`, shared by every runner it makes). */
function countedRunners(): { make: () => JobRunner<unknown>; counts: { parses: number; probes: number } } {
  const counts = { parses: 0, probes: 0 };
  const make = (): JobRunner<unknown> => {
    const runner = convertClipRunner({
      loadEngine: async () => boxBlurEngine(),
      batch: 4,
      probe: (path) => {
        counts.probes += 1;
        return probeClip(path);
      },
    });
    return {
      ...runner,
      parseParams: (raw) => {
        counts.parses += 1;
        return runner.parseParams(raw);
      },
    } as JobRunner<unknown>;
  };
  return { make, counts };
}

function params(dir: string): Record<string, unknown> {
  const input = join(dir, 'clip.mkv');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=64x48:r=10:d=2', '-c:v', 'ffv1', input]);
  return { input, output: join(dir, 'out.mp4'), style: { kind: 'builtin' }, segmentFrames: 4, encode: { codec: 'h264', crf: 23, preset: 'ultrafast' } };
}

describe('a conversion job', () => {
  it('parses its params and probes its clip once for all its segments, progress events and join', async () => {
    const dir = tempDir();
    const { make, counts } = countedRunners();
    const { m, events } = open([make()]);
    const started = m.start('convert-clip', params(dir));
    // Summaries asked for while it runs, as the UI's job list does.
    const asking = setInterval(() => m.list(), 5);
    const job = await m.wait(started.id);
    clearInterval(asking);
    expect(job.state).toBe('done');
    expect(job.progress.total).toBe(5);
    expect(events.filter((e) => e.id === started.id).length).toBeGreaterThanOrEqual(3);
    expect(counts).toEqual({ parses: 1, probes: 1 });
  });

  it('reuses its plan when resumed in the same process, and plans once more in a new one', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const { make, counts } = countedRunners();
    const a = open([make()]);
    const cancelAt = (m: typeof a.m, id: string, done: number): Promise<void> =>
      new Promise((resolve) => {
        const poll = setInterval(() => {
          if (m.get(id).progress.done >= done) {
            clearInterval(poll);
            m.cancel(id);
            resolve();
          }
        }, 5);
      });
    const started = a.m.start('convert-clip', params(dir));
    await cancelAt(a.m, started.id, 1);
    expect((await a.m.wait(started.id)).state).toBe('cancelled');
    await cancelAt(a.m, a.m.resume(started.id).id, 3);
    expect((await a.m.wait(started.id)).state).toBe('cancelled');
    expect(counts).toEqual({ parses: 1, probes: 1 });
    await a.close();

    const b = open([make()], a.path);
    const done = await b.m.wait(b.m.resume(started.id).id);
    expect(done.state).toBe('done');
    expect(counts).toEqual({ parses: 2, probes: 2 });
  });
});
