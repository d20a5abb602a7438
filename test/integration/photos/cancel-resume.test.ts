import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobSummary } from '@shared/library';
import { hostWithLibrary, type RecordedHost } from '../../support/host';
import { makePhotoFixtures } from '../../support/photo-fixtures';
import { tempDir } from '../../support/temp-dir';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { makeNoisePhotos } from '../../support/noise-photos';

let open: RecordedHost | undefined;
afterEach(async () => {
  await open?.host.dispose();
  open = undefined;
});

/** A folder with `copies` fixture folders. */
async function bigFolder(copies: number): Promise<string> {
  const root = tempDir();
  for (let i = 0; i < copies; i++) {
    const d = join(root, `batch-${i}`);
    mkdirSync(d);
    await makePhotoFixtures(d);
  }
  return root;
}

describe('import jobs: cancel, resume, crash recovery', () => {
  it('cancels midway keeping what was imported, then resumes with only the rest', async () => {
    const folder = await makeNoisePhotos(tempDir(), 40);
    open = await hostWithLibrary(join(tempDir(), 'lib'));
    const h = open;
    const started = (await h.call('import.photos', { folder, setName: 'p' }));
    await new Promise<void>((resolve) => {
      const off = h.host.onEvent((event, payload) => {
        if (event === 'job.updated' && (payload as JobSummary).progress.done >= 5) {
          off();
          void h.call('jobs.cancel', { jobId: started.id }).then(() => resolve());
        }
      });
    });
    const cancelled = await h.host.open().jobs.wait(started.id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.progress.done).toBeLessThan(cancelled.progress.total);
    expect(cancelled.progress.done).toBeGreaterThanOrEqual(5);

    const resumed = (await h.call('jobs.resume', { jobId: started.id }));
    expect(resumed.id).toBe(started.id);
    const done = await h.host.open().jobs.wait(started.id);
    expect(done.state).toBe('done');
    expect(done.progress).toMatchObject({ done: 40, total: 40 });
    // Nothing was imported twice: every file counted once across the cancelled and the resumed run.
    expect(done.counts).toEqual({ imported: 40 });
    const sets = (await h.call('sets.list', {}));
    expect(sets[0]!.imageCount).toBe(40);
  });

  it('marks a job left running by a dead process as interrupted on open and resumes it', async () => {
    const folder = await bigFolder(1);
    const lib = join(tempDir(), 'lib');
    open = await hostWithLibrary(lib);
    const job = (await open.call('import.photos', { folder, setName: 'p' }));
    await open.host.open().jobs.wait(job.id);
    // Simulate a crash: the row claims to be running, owned by a process that no longer exists.
    open.host.open().library.store.write((tx) => {
      tx.prepare(`UPDATE jobs SET state = 'running', owner = '999999999@' || ?, heartbeat_at = 0 WHERE id = ?`).run(
        hostname(),
        job.id,
      );
      tx.prepare(`UPDATE job_items SET outcome = NULL WHERE job_id = ? AND seq >= 6`).run(job.id);
    });
    await open.host.dispose();
    open = await hostWithLibrary(lib);
    const info = open.host.open().library.info();
    expect(info.recovery.join('\n')).toMatch(/was interrupted at 6 of 11; resume it/);
    const interrupted = (await open.call('jobs.get', { jobId: job.id }));
    expect(interrupted.state).toBe('interrupted');
    await open.call('jobs.resume', { jobId: job.id });
    const done = await open.host.open().jobs.wait(job.id);
    expect(done).toMatchObject({ state: 'done', progress: { done: 11, total: 11 } });
  });

  it('refuses to resume a job that finished', async () => {
    const folder = await bigFolder(1);
    open = await hostWithLibrary(join(tempDir(), 'lib'));
    const job = (await open.call('import.photos', { folder, setName: 'p' }));
    await open.host.open().jobs.wait(job.id);
    await expect(open.call('jobs.resume', { jobId: job.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(open.call('jobs.get', { jobId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
