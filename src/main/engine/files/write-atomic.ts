/**
 * Writing a file so that it appears under its name whole or not at all: the bytes go to a temporary file first,
 * which is then renamed over the target. A reader never sees half a file, and a write that fails leaves whatever
 * the name held before as it was.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The default temporary name for a write to `path`: hidden, in the same folder (so on the same file system, where
 * a rename is atomic), unique per call, and ending in `.part` so that sweeps of leftovers can find it.
 */
export function partialPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.part`);
}

/** Options of {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /**
   * Where to write before the rename, for stores that keep unfinished writes in a folder of their own. It must be
   * on the same file system as the target. Default: {@link partialPathFor} the target.
   */
  tempPath?: string;
}

/**
 * Writes `data` to `path` atomically: to a temporary file, then renamed over `path`, replacing a file already
 * there. On failure the temporary file is removed and the error rethrown; `path` keeps what it held. The folder
 * of `path` must exist.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteFileAtomicOptions = {}): Promise<void> {
  const temp = options.tempPath ?? partialPathFor(path);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (err) {
    // A temp file that cannot be removed either must not hide why the write failed.
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}
