/**
 * A real Redis for the render-farm tests: Debian's `redis-server` started on 127.0.0.1 on a free port, its data in an
 * append-only file in a scratch folder so that stopping and restarting it (on the same port) keeps the queue, as a
 * production farm's Redis would. `.ci/run` installs it; without it the
 * tests skip with a clear message, and fail instead when CI=true.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `redis-server` can run here (printing why not; throwing under CI=true, where it must). */
export function redisAvailable(): boolean {
  const ok = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;
  if (ok) return true;
  const why = 'redis-server is not installed (apt-get install redis-server): the render-farm tests are skipped';
  if (process.env.CI === 'true') throw new Error(`${why} — but CI=true, where .ci/run installs it`);
  console.warn(why);
  return false;
}

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A running Redis. */
export interface TestRedis {
  url: string;
  port: number;
  /** Stops it (SIGTERM: it writes its data first). */
  stop(): Promise<void>;
  /** Starts it again on the same port, with the data it had. */
  restart(): Promise<void>;
  /** Stops it and deletes its data. */
  dispose(): Promise<void>;
  /** Whether it is running now (not stopped, not dead). */
  running(): boolean;
}

/** Starts a Redis on a free port and waits until it accepts connections. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  // Not a per-test scratch folder: the server outlives single tests; dispose removes it.
  const dir = mkdtempSync(join(tmpdir(), 'cel-redis-'));
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'];
    child = spawn('redis-server', args, { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not answer on port ${port}`);
  };
  const stop = async (): Promise<void> => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  };
  await start();
  const dispose = async (): Promise<void> => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const running = (): boolean => child !== undefined && child.exitCode === null && child.signalCode === null;
  return { url: `redis://127.0.0.1:${port}`, port, stop, restart: start, dispose, running };
}
