/**
 * The first two things a newcomer runs: `npm start` where Electron's binary cannot be fetched falls back to web
 * mode saying why in one line (no download stack trace), and `npx cel-studio --help` prints no npm warning.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBuilt, REPO_DIR } from '../../support/cli';
import { tempDir } from '../../support/temp-dir';

const require = createRequire(import.meta.url);
/** Whether Electron's binary is already here (a developer's machine): then nothing is downloaded to fail. */
function electronInstalled(): boolean {
  try {
    return existsSync(join(dirname(require.resolve('electron/package.json')), 'path.txt'));
  } catch {
    return false;
  }
}

describe('first start', () => {
  it.skipIf(electronInstalled())('npm start falls back to web mode with a one-line reason when Electron cannot be fetched', async () => {
    assertBuilt();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // Nothing listens on port 1: the download fails at once, wherever the test runs.
      ELECTRON_MIRROR: 'http://127.0.0.1:1/',
      HOME: tempDir(),
    };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    delete env.CEL_STUDIO_WEB;
    const child = spawn(process.execPath, [join(REPO_DIR, 'scripts/start.js'), '--port', '0'], { cwd: REPO_DIR, env });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no web mode URL within 60 s:\n${out}`)), 60_000);
        const check = (): void => {
          if (!/web mode: http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(out)) return;
          clearTimeout(timer);
          resolve();
        };
        child.stdout.on('data', check);
        child.on('exit', () => reject(new Error(`start.js exited early:\n${out}`)));
      });
    } finally {
      child.kill('SIGTERM');
    }
    expect(out).toMatch(/^Electron is not available: the Electron binary could not be downloaded \(.*ECONNREFUSED.*\)\.$/m);
    expect(out).toContain('Starting web mode instead');
    // No stack trace: no "    at ..." frames, no error object dumps.
    expect(out).not.toMatch(/^\s+at /m);
    expect(out).not.toMatch(/RequestError|errno:/);
  });

  it('npx cel-studio --help prints the usage and no npm warning', () => {
    assertBuilt();
    const r = spawnSync('npx', ['--no-install', 'cel-studio', '--help'], { cwd: REPO_DIR, encoding: 'utf8', env: { ...process.env, HOME: tempDir() } });
    expect(r.stderr).not.toMatch(/npm warn/i);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/cel-studio models fetch <name>/);
  });
});
