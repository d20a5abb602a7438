/**
 * `cel-studio train --resume` after the CLI and its training process were killed with kill -9: the run is taken
 * as interrupted at once (its owner's pid is gone, though its heartbeat is fresh) and continues from its last
 * checkpoint; a training process whose parent died exits quietly; `--resume` with nothing to resume says so.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_JS, REPO_DIR, assertBuilt, runCli } from '../../support/cli';
import { makeCurationFrames } from '../../support/curation-fixtures';
import { sharedPath } from '../../support/shared-assets';
import { tempDir } from '../../support/temp-dir';

const vggDir = sharedPath('weights/vgg19-keras-tfjs-block1-3');
const env = { CEL_STUDIO_VGG19: vggDir ?? '' };

async function library(): Promise<string> {
  const lib = join(tempDir(), 'L');
  const frames = await makeCurationFrames(tempDir());
  expect((await runCli(['import', 'photos', frames, '--library', lib, '--set', 'anime', '--kind', 'style'])).code).toBe(0);
  expect((await runCli(['import', 'photos', frames, '--library', lib, '--set', 'photos'])).code).toBe(0);
  return lib;
}

/** The CLI in its own process group, so the test can kill it together with its training process. */
function startGroup(args: string[]): ChildProcess & { err: () => string; closed: Promise<number | null> } {
  assertBuilt();
  const child = spawn(process.execPath, [CLI_JS, ...args], { cwd: REPO_DIR, env: { ...process.env, ...env }, detached: true });
  let err = '';
  child.stdout!.resume();
  child.stderr!.on('data', (d) => (err += String(d)));
  // 'close' waits for every holder of the pipes, so for the training process too.
  const closed = new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  return Object.assign(child, { err: () => err, closed });
}

/** kill -9 of the CLI and its training process (a group already gone is fine). */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

interface Row {
  id: string;
  state: string;
  step: number;
  checkpoint_step: number | null;
}

function runs(lib: string): Row[] {
  const db = new Database(join(lib, 'library.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, state, step, checkpoint_step FROM runs').all() as Row[];
  } catch {
    return [];
  } finally {
    db.close();
  }
}

async function until(what: string, ok: () => boolean, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const train = (lib: string): string[] => [
  'train', '--library', lib, '--style', 'anime', '--content', 'photos',
  '--size', '32', '--width', '0.125', '--batch', '1', '--steps', '100000', '--checkpoint-every', '20',
];

describe.skipIf(!vggDir)('cel-studio train after kill -9', () => {
  it('resumes the killed run at once from its last checkpoint', { timeout: 300_000 }, async () => {
    const lib = await library();
    const first = startGroup(train(lib));
    await until('the first checkpoint', () => (runs(lib)[0]?.checkpoint_step ?? 0) >= 20);
    killGroup(first.pid!);
    await first.closed;
    const killed = runs(lib)[0]!;
    expect(killed.state).toBe('running');
    const checkpoint = killed.checkpoint_step!;

    const again = startGroup([...train(lib), '--resume']);
    try {
      await until('the resumed run to train', () => {
        if (again.exitCode !== null) throw new Error(`the resuming CLI ended (${again.exitCode}): ${again.err()}`);
        return runs(lib).some((r) => r.state === 'running' && r.step > checkpoint);
      });
      expect(again.err()).toContain(`resuming run ${killed.id} from step ${checkpoint}`);
      const all = runs(lib);
      expect(all).toHaveLength(1);
      expect(all[0]!.id).toBe(killed.id);
    } finally {
      killGroup(again.pid!);
      await again.closed;
    }
  });

  it('lets the training process exit quietly when the CLI above it is killed', { timeout: 300_000 }, async () => {
    const lib = await library();
    const cli = startGroup(train(lib));
    await until('training', () => (runs(lib)[0]?.step ?? 0) >= 5);
    process.kill(cli.pid!, 'SIGKILL');
    await cli.closed;
    expect(cli.err()).not.toMatch(/EPIPE|ERR_IPC|Error/);
  });

  it('says so when there is nothing to resume, and checks --checkpoint-every', { timeout: 120_000 }, async () => {
    const lib = await library();
    const none = await runCli([...train(lib), '--resume'], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^cel-studio: nothing to resume: no unfinished animeganv2 run of "anime" on "photos"/m);
    expect(runs(lib)).toHaveLength(0);
    const bad = await runCli([...train(lib), '--checkpoint-every', '0'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--checkpoint-every must be a whole number, at least 1, not "0"/);
  });
});
