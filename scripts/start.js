#!/usr/bin/env node
// `npm start`: the desktop app in Electron when its binary is present (fetching it on first start where the
// network allows), otherwise web mode on 127.0.0.1, saying why. Either way the same services run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

function ensureBuilt() {
  if (existsSync(join(root, 'out/main/index.js')) && existsSync(join(root, 'out/renderer/index.html'))) return;
  console.log('Building the studio (first start)...');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/**
 * Runs Electron's own install script (its download), keeping the output for the one line that matters if it fails,
 * and saying every 15 s that it is still at it: a first start on a slow line can take minutes.
 */
function fetchElectron(pkgDir) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(pkgDir, 'install.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
    const r = { status: null, error: undefined, stdout: '', stderr: '' };
    child.stdout.on('data', (d) => (r.stdout += d));
    child.stderr.on('data', (d) => (r.stderr += d));
    const started = Date.now();
    const heartbeat = setInterval(() => {
      console.log(`  still fetching Electron (${Math.round((Date.now() - started) / 1000)} s; CEL_STUDIO_WEB=1 npm start skips it)...`);
    }, 15_000);
    const limit = setTimeout(() => {
      r.error = Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' });
      child.kill();
    }, 10 * 60_000);
    child.on('error', (err) => (r.error = err));
    child.on('close', (code) => {
      clearInterval(heartbeat);
      clearTimeout(limit);
      resolve({ ...r, status: code });
    });
  });
}

/** The Electron binary's path, or the reason it cannot be used. */
async function electronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed (it is optional; npm dropped it)' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile) && process.env.CEL_STUDIO_NO_DOWNLOAD !== '1') {
    // npm was told not to run Electron's download at install time (package.json allowScripts), so the first
    // start fetches it; on a machine without internet this fails quickly and web mode takes over.
    console.log('Fetching the Electron binary (first start)...');
    // Its output is kept: a failed download prints a long stack trace, of which one line says what happened.
    const r = await fetchElectron(pkgDir);
    if (r.status !== 0) return { reason: `the Electron binary could not be downloaded (${downloadFailure(r)})` };
  }
  if (!existsSync(pathFile)) return { reason: 'the Electron binary is not installed' };
  const bin = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8'));
  if (!existsSync(bin)) return { reason: `the Electron binary ${bin} is missing` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)' };
  }
  return { bin };
}

/** One line for a failed download: the error's own message (e.g. `getaddrinfo ENOTFOUND github.com`), not its stack. */
function downloadFailure(r) {
  if (r.error) return r.error.code === 'ETIMEDOUT' ? 'it took over 10 minutes' : r.error.message;
  const lines = `${r.stderr}\n${r.stdout}`.split('\n').map((l) => l.trim());
  const message = lines.map((l) => /^(?:[\w.]*Error|HTTPError|RequestError)(?: \[\w+\])?: (.+)$/.exec(l)?.[1]).find(Boolean);
  return message ? `${message}: no internet?` : 'no internet?';
}

function run(cmd, args, env = process.env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
}

ensureBuilt();
const electron = process.env.CEL_STUDIO_WEB === '1' ? { reason: 'CEL_STUDIO_WEB=1 asks for web mode' } : await electronBinary();
if (electron.bin) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  run(electron.bin, [root, ...passThrough], env);
} else {
  console.log(`Electron is not available: ${electron.reason}.`);
  console.log('Starting web mode instead: open the URL below in a browser (it carries this session\'s token).');
  run(process.execPath, [join(root, 'out/main/cli.js'), 'serve', ...passThrough]);
}
