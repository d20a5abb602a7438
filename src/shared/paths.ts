/** Path arguments every call validates the same way. */
import { z } from 'zod';

/** Whether `path` is absolute (POSIX, `C:\\`, UNC) or starts with `~` for the home folder, as {@link AbsPath} requires. */
export function isAbsPath(path: string): boolean {
  return /^(\/|~(\/|\\|$)|[A-Za-z]:[\\/]|\\\\)/.test(path);
}

/** A path on the services' machine: absolute (POSIX, `C:\\`, UNC) or starting with `~` for the home folder. */
export const AbsPath = z
  .string()
  .trim()
  .min(1, 'path is empty')
  .max(4096, 'path is longer than 4096 characters')
  .refine(isAbsPath, 'must be an absolute path (or start with ~)');
