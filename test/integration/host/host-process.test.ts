/**
 * The services' own process (what Electron starts as a utility process), run here as a Node child: calls,
 * validation errors, events and media look-ups cross the channel intact, and a crash of the child fails
 * pending calls with DISCONNECTED instead of hanging the window.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobSummary, LibraryInfo } from '@shared/library';
import { HostClient, type HostMessage } from '../../../src/main/host/host-channel';
import { assertBuilt, REPO_DIR } from '../../support/cli';
import { makePhotoFixtures } from '../../support/photo-fixtures';
import { tempDir } from '../../support/temp-dir';

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

function startHostProcess(): HostClient {
  assertBuilt();
  child = fork(resolve(REPO_DIR, 'out/main/host-process.js'), [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const c = child;
  const client = new HostClient({ post: (m) => c.send(m), listen: (h) => c.on('message', (m) => h(m as HostMessage)) });
  c.on('exit', (code, signal) => client.lost(`services stopped (${signal ?? code})`));
  return client;
}

const ctx = { transport: 'ipc' as const };

describe('host process', () => {
  it('runs calls, streams job events and answers media look-ups across the process boundary', async () => {
    const client = startHostProcess();
    const folder = await makePhotoFixtures(tempDir());
    const info = (await client.dispatch('library.open', { path: join(tempDir(), 'lib'), create: true }, ctx)) as LibraryInfo;
    expect(info.schemaVersion).toBeGreaterThanOrEqual(3);
    // Outputs default into the library's own exports folder, which exists before anything is exported.
    expect(info.exportsDir).toBe(join(info.path, 'exports'));
    expect(statSync(info.exportsDir).isDirectory()).toBe(true);
    const events: JobSummary[] = [];
    client.onEvent((event, payload) => {
      if (event === 'job.updated') events.push(payload as JobSummary);
    });
    const job = (await client.dispatch('import.photos', { folder, setName: 'p' }, ctx)) as JobSummary;
    for (let i = 0; i < 200 && !events.some((e) => e.id === job.id && e.state === 'done'); i++) await new Promise((r) => setTimeout(r, 25));
    expect(events.at(-1)).toMatchObject({ id: job.id, state: 'done', counts: { imported: 5 } });
    const page = (await client.dispatch('images.list', { setId: job.setId }, ctx)) as { items: { hash: string }[] };
    expect(await client.mediaPath(page.items[0]!.hash, 'thumb')).toMatch(/thumbs\/.*\.webp$/);
    expect(await client.mediaPath('f'.repeat(64), 'thumb')).toBeUndefined();
    await client.dispose();
  });

  it('keeps the code and field of a validation error', async () => {
    const client = startHostProcess();
    await expect(client.dispatch('sets.create', { name: '', kind: 'style' }, ctx)).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'name',
      message: 'sets.create: name: set name is empty',
    });
  });

  it('fails pending calls with DISCONNECTED when the process dies', async () => {
    const client = startHostProcess();
    await client.dispatch('app.info', {}, ctx);
    const pending = client.dispatch('library.open', { path: join(tempDir(), 'lib'), create: true }, ctx);
    child!.kill('SIGKILL');
    await expect(pending).rejects.toMatchObject({ code: 'DISCONNECTED' });
    await expect(client.dispatch('app.info', {}, ctx)).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });
});
