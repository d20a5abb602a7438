/**
 * Starts one child process of the GPU benchmark (child.ts under Node with tsx's loader: one process, so a timeout
 * ends the job itself, not just a launcher) and collects its protocol lines as they come. CEL_STUDIO_BACKEND is
 * taken out of its environment: the child names its backend itself, and the variable would override that.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { type ChildLine, type Job, parseLines } from './protocol';

const ROOT = resolve(import.meta.dirname, '../..');

/** What a child left: its lines, and why it ended without finishing when it did. */
export interface ChildOutcome {
  lines: ChildLine[];
  /** Set when the child did not exit with 0: the timeout, or the last line of its stderr. */
  failure?: string;
}

/** Runs `job` in a child process for at most `timeoutS` seconds; `onLine` sees each protocol line as it lands. */
export function runChild(job: Job, timeoutS: number, onLine: (line: ChildLine) => void = () => undefined): Promise<ChildOutcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') };
  delete env.CEL_STUDIO_BACKEND;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/gpu/child.ts'), JSON.stringify(job)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: ChildLine[] = [];
  let pending = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const cut = pending.lastIndexOf('\n');
    if (cut < 0) return;
    for (const line of parseLines(pending.slice(0, cut))) {
      lines.push(line);
      onLine(line);
    }
    pending = pending.slice(cut + 1);
  });
  // Only the tail matters (the error); Dawn and tfjs print notices at start.
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8192);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutS * 1000);
  let settled = false;
  return new Promise((done) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null, err?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const line of parseLines(pending)) {
        lines.push(line);
        onLine(line);
      }
      if (timedOut) return done({ lines, failure: `still running after ${timeoutS} s: ended` });
      if (err) return done({ lines, failure: err.message });
      if (code === 0) return done({ lines });
      const last = stderr.trim().split('\n').filter((l) => /\S/.test(l) && !/^\s+at /.test(l)).slice(-1)[0];
      done({ lines, failure: `exited with ${signal ?? code}${last ? `: ${last.trim().slice(0, 120)}` : ''}` });
    };
    child.on('error', (err) => finish(null, null, err));
    child.on('close', (code, signal) => finish(code, signal));
  });
}
