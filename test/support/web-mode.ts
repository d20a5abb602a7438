/** Starts `cel-studio serve` (the built CLI) and reads the URL it prints. */
import type { ChildProcess } from 'node:child_process';
import { startCli } from './cli';

export interface ServedStudio {
  url: string;
  origin: string;
  token: string;
  /** The serve process; `err()` is what it wrote to stderr so far. */
  child: ChildProcess & { out(): string; err(): string };
  stop(): Promise<void>;
}

/** Serves web mode on a free port; `args` are extra serve flags, `env` extra environment (HOME for the picker). */
export async function serveStudio(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ServedStudio> {
  const child = startCli(['serve', '--port', '0', ...args], env);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL: ${child.err()}`)), 30_000);
    child.stdout!.on('data', () => {
      const m = /Cel Studio web mode: (\S+)/.exec(child.out());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${child.err()}`)));
  });
  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    token: u.searchParams.get('token')!,
    child,
    async stop() {
      // A server that crashed has nothing left to stop; waiting for its close would hang the test's teardown.
      if (child.exitCode !== null || child.signalCode !== null) return;
      const closed = new Promise((r) => child.on('close', r));
      child.kill('SIGTERM');
      await closed;
    },
  };
}
