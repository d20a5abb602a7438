/** Runs the built `cel-studio` CLI (out/main/cli.js) as a child process with Node 22. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_DIR = resolve(import.meta.dirname, '../..');
export const CLI_JS = resolve(REPO_DIR, 'out/main/cli.js');

/** Fails loudly when the build is missing (the README's test command builds first). */
export function assertBuilt(): void {
  if (!existsSync(CLI_JS)) throw new Error(`${CLI_JS} is missing: run \`npm run build\` before these tests`);
}

/** Starts the CLI with `args`; stdout/stderr are collected on the returned object. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess & { out: () => string; err: () => string } {
  assertBuilt();
  const child = spawn(process.execPath, [CLI_JS, ...args], { cwd: REPO_DIR, env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (err += String(d)));
  return Object.assign(child, { out: () => out, err: () => err });
}

/** Runs the CLI to completion. */
export async function runCli(args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startCli(args, env);
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  return { code, stdout: child.out(), stderr: child.err() };
}
