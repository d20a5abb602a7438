/**
 * Which ffmpeg processes this test process has started and not yet reaped (Linux and macOS `ps`). Relies on
 * vitest's default `forks` pool, where every test file runs in a process of its own.
 */
import { execFileSync } from 'node:child_process';

/** A child process of this one: its pid and `ps` state (`Z` for a zombie, one not yet reaped). */
export interface ChildProcessInfo {
  pid: number;
  state: string;
}

/** The ffmpeg children of this process, zombies included. */
export function ffmpegChildren(): ChildProcessInfo[] {
  const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,stat=,comm='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, ppid, , comm]) => Number(ppid) === process.pid && comm === 'ffmpeg')
    .map(([pid, , state]) => ({ pid: Number(pid), state: state ?? '' }));
}
