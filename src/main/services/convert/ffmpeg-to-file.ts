/**
 * One ffmpeg run that writes one file, the way every conversion step writes: under a temporary name that is
 * renamed to the final one only once ffmpeg has exited cleanly, so a file with the final name is always whole.
 * Aborting kills ffmpeg; any failure removes the partial file.
 *
 * "Cleanly" is more than exit code 0: ffmpeg 5.1 exits 0 when it could not write the end of its output (a full
 * disk: "Error writing trailer ...: No space left on device"), which would otherwise pass a cut-off file as whole.
 */
import { once } from 'node:events';
import { rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StudioError } from '@shared/errors';
import { startFfmpeg, type FfmpegProcess } from '../video';

/** What {@link runFfmpegToFile} runs. */
export interface FfmpegFileTask<T> {
  /** ffmpeg's arguments; its output must be `partial`. */
  args: string[];
  partial: string;
  /** The name `partial` is renamed to once complete. */
  final: string;
  /** What the run does, for the error message: "encoding segment 3 of clip.mp4" -> "... failed: <why>". */
  what: string;
  cwd?: string;
  signal?: AbortSignal;
  /**
   * Feeds ffmpeg's stdin (given: stdin is piped) and returns a result; stdin is ended when it resolves. Its
   * errors are thrown after ffmpeg has been killed and the partial file removed.
   */
  feed?: (ffmpeg: FfmpegProcess) => Promise<T>;
}

/**
 * Runs ffmpeg to `task.partial`, renames it to `task.final` and returns what `feed` returned. Throws the abort
 * reason when aborted, StudioError IO naming `task.what` when ffmpeg fails, or what `feed` threw.
 */
export async function runFfmpegToFile<T = void>(task: FfmpegFileTask<T>): Promise<T> {
  const { signal } = task;
  signal?.throwIfAborted();
  const ffmpeg = startFfmpeg({
    args: task.args,
    ...(task.cwd !== undefined ? { cwd: task.cwd } : {}),
    ...(task.feed ? { stdin: true } : {}),
  });
  const kill = (): void => ffmpeg.kill();
  signal?.addEventListener('abort', kill, { once: true });
  try {
    const result = task.feed ? await task.feed(ffmpeg) : (undefined as T);
    ffmpeg.stdin.end();
    const exit = await ffmpeg.exited;
    signal?.throwIfAborted();
    if (exit.code !== 0 || ffmpeg.log.some((line) => WRITE_FAILED.test(line))) {
      const why = exit.startFailure ?? (ffmpeg.log.slice(-3).join(' / ') || `exit code ${exit.code}`);
      throw new StudioError('IO', `${task.what} failed: ${why}`);
    }
    await rename(task.partial, task.final);
    return result;
  } catch (err) {
    ffmpeg.kill();
    await ffmpeg.exited;
    await rm(task.partial, { force: true });
    signal?.throwIfAborted();
    throw diskFull(err, ffmpeg.log, task) ?? err;
  } finally {
    signal?.removeEventListener('abort', kill);
  }
}

/** ffmpeg's error lines when it could not write its output, even where it then exits 0. */
const WRITE_FAILED = /Error writing trailer|Error closing file|av_interleaved_write_frame\(\)|No space left on device|Disk quota exceeded/i;
/** strerror(ENOSPC) and strerror(EDQUOT), as ffmpeg prints them. */
const DISK_FULL = /No space left on device|Disk quota exceeded/i;

/**
 * The error to show when a run failed because the disk is full (ffmpeg said so, or writing a file of ours got
 * ENOSPC / EDQUOT): one that names the folder and what to do. Undefined for any other failure.
 */
function diskFull(err: unknown, log: readonly string[], task: { what: string; final: string }): StudioError | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'ENOSPC' && code !== 'EDQUOT' && !log.some((line) => DISK_FULL.test(line))) return undefined;
  return new StudioError('IO', `${task.what} failed: the disk holding ${dirname(task.final)} is full; free some space, then resume or try again`);
}

/**
 * Writes `chunk` to the stdin of a run's ffmpeg (see {@link FfmpegFileTask.feed}), waiting while the pipe is full.
 * Resolves true once ffmpeg can take more, false when it has exited (or closed its input) first: then stop feeding
 * and let the run's exit code tell what happened. Never rejects, so an EPIPE cannot go unhandled.
 */
export async function writeToFfmpeg(ffmpeg: FfmpegProcess, chunk: Buffer): Promise<boolean> {
  const stdin = ffmpeg.stdin;
  if (stdin.destroyed || stdin.writableEnded) return false;
  if (stdin.write(chunk)) return true;
  const drained = once(stdin, 'drain').then(
    () => true,
    () => false,
  );
  return Promise.race([drained, ffmpeg.exited.then(() => false)]);
}
