/**
 * Locks on the files and folders jobs write outside the library, so two jobs never write one output at once,
 * whichever process or library started them (the window, a CLI in another terminal, web mode). The lock is a small
 * file beside the output, `.<name>.cel-studio-lock`, made atomically (written in full under a temporary name, then
 * hard-linked to its final name, which fails when it exists) and naming the job that holds it.
 *
 * A lock whose process is gone is stale and taken over: on this machine by its pid, on another (a shared network
 * folder) when it has not been refreshed for {@link STALE_MS}; a holder refreshes its locks every
 * {@link REFRESH_MS}.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, realpathSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { StudioError } from '@shared/errors';
import { makeFolder } from '../files/make-folder';

const REFRESH_MS = 10_000;
const STALE_MS = 60_000;
/** A lock file younger than this that cannot be read yet is being written, not garbage. */
const FRESH_MS = 5_000;

/** What a lock file records about its holder; a file that does not parse as one is garbage, and stale. */
const LockHolder = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  jobId: z.string(),
  title: z.string(),
  /** ISO time the lock was taken (locks of older studios may lack it). */
  since: z.string().catch(''),
});
export type LockHolder = z.infer<typeof LockHolder>;

/**
 * The lock file of `output`: beside it, in its folder as the file system resolves it (through symlinks), so two
 * spellings of one folder share one lock. An output that is a folder (`isFolder`) holds its lock inside itself,
 * since the folder above may not be the user's (a drive mounted at /Volumes/USB).
 */
export function lockPathFor(output: string, isFolder = false): string {
  const full = resolve(output);
  return isFolder ? join(resolvedFolder(full), '.cel-studio-lock') : join(resolvedFolder(dirname(full)), `.${basename(full)}.cel-studio-lock`);
}

/** `folder` through symlinks, as far as it exists (a folder not made yet has no other spelling to resolve). */
function resolvedFolder(folder: string): string {
  try {
    return realpathSync.native(folder);
  } catch {
    return folder;
  }
}

/** Reads the holder of a lock file; null when there is none, or it cannot be read as one (garbage: stale). */
export function readLockHolder(lockPath: string): LockHolder | null {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch {
    return null;
  }
  try {
    const holder = LockHolder.safeParse(JSON.parse(text));
    return holder.success ? holder.data : null;
  } catch {
    return null; // Not JSON: not a lock we wrote.
  }
}

/**
 * Whether the holder's process still runs: it refreshed the lock lately, and on this machine its pid exists (a dead
 * pid frees the lock at once; an old lock whose pid was reused by another process is stale by its age).
 */
function holderAlive(holder: LockHolder, lockPath: string): boolean {
  const modified = statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (Date.now() - modified >= STALE_MS) return false;
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, another user's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The locks this process holds, by job: one per process (see {@link outputLocks}), so its jobs see each other's. */
class OutputLocks {
  /** Lock path -> the job holding it here. */
  private readonly held = new Map<string, string>();
  private timer: ReturnType<typeof setInterval> | undefined;

  /**
   * Locks `output` for job `jobId`; a no-op when that job holds it already. Throws CONFLICT naming the job that
   * writes it now (in this process or another), or IO when the folder takes no lock file (it takes no output then).
   */
  claim(output: string, job: { id: string; title: string }, isFolder = false): void {
    const lockPath = lockPathFor(output, isFolder);
    if (this.held.get(lockPath) === job.id) return;
    const holder: LockHolder = { pid: process.pid, host: hostname(), jobId: job.id, title: job.title, since: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      if (this.create(lockPath, holder)) {
        this.held.set(lockPath, job.id);
        this.refreshSoon();
        return;
      }
      const current = readLockHolder(lockPath);
      if (current === null) {
        // Unreadable: being written this instant (where there are no hard links), else garbage, stale.
        const age = Date.now() - (statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? 0);
        if (age < FRESH_MS) {
          throw new StudioError('CONFLICT', `${basename(output)} is being written by another job: wait for it to finish, or choose another output`, 'output');
        }
      }
      const ours = current !== null && current.pid === process.pid && current.host === hostname();
      // Ours: held while one of this process's jobs holds it (by job, since the path may be spelled another way).
      const stale = current === null || (ours ? ![...this.held.values()].includes(current.jobId) : !holderAlive(current, lockPath));
      if (!stale) {
        const where = ours ? 'in this studio' : `in process ${current.pid} on ${current.host === hostname() ? 'this machine' : current.host}`;
        throw new StudioError(
          'CONFLICT',
          `${basename(output)} is being written by job "${current.title}" (${current.jobId}, ${where}, since ${current.since}): ` +
            'wait for it to finish or cancel it, or choose another output',
          'output',
        );
      }
      try {
        unlinkSync(lockPath);
      } catch {
        // Another process took it over first: look again.
      }
    }
    throw new StudioError('CONFLICT', `${basename(output)} is being locked and unlocked by other jobs right now: try again`, 'output');
  }

  /** Releases every lock job `jobId` holds (only those it still holds: a lock taken over stays with its taker). */
  release(jobId: string): void {
    for (const [lockPath, holder] of [...this.held]) {
      if (holder !== jobId) continue;
      this.held.delete(lockPath);
      const onDisk = readLockHolder(lockPath);
      if (onDisk?.jobId === jobId && onDisk.pid === process.pid) {
        try {
          unlinkSync(lockPath);
        } catch {
          // Already gone.
        }
      }
    }
    if (this.held.size === 0) this.stopRefresh();
  }

  /** Releases every lock this process holds. */
  releaseAll(): void {
    for (const jobId of new Set(this.held.values())) this.release(jobId);
  }

  /** Writes the lock in full under a temporary name, then links it into place: false when one exists there. */
  private create(lockPath: string, holder: LockHolder): boolean {
    const temp = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    makeFolder(dirname(lockPath)); // says itself, as a StudioError, why a folder cannot be made
    try {
      writeFileSync(temp, JSON.stringify(holder), { flag: 'wx' });
      try {
        linkSync(temp, lockPath);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw err;
        // No hard links here (FAT and exFAT drives, some network shares): exclusive create works everywhere; a
        // reader may then see the file before its text, which {@link claim} allows for.
        writeFileSync(lockPath, JSON.stringify(holder), { flag: 'wx' });
      }
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw lockError(err as NodeJS.ErrnoException, lockPath);
    } finally {
      try {
        unlinkSync(temp);
      } catch {
        // Never made.
      }
    }
  }

  private refreshSoon(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      const now = new Date();
      for (const lockPath of this.held.keys()) {
        try {
          utimesSync(lockPath, now, now);
        } catch {
          // Gone with its folder: the job writing there fails on its own.
        }
      }
    }, REFRESH_MS);
    this.timer.unref();
  }

  private stopRefresh(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

function lockError(err: NodeJS.ErrnoException, lockPath: string): StudioError {
  const folder = dirname(lockPath);
  if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS') {
    return new StudioError('IO', `the output folder ${folder} is not writable: choose another folder or change its permissions`, 'output');
  }
  if (err.code === 'ENOSPC' || err.code === 'EDQUOT') {
    return new StudioError('IO', `the disk holding ${folder} is full; free some space, then try again`, 'output');
  }
  return new StudioError('IO', `cannot write to the output folder ${folder} (${err.code ?? err.message})`, 'output');
}

/** This process's output locks. */
export const outputLocks = new OutputLocks();
