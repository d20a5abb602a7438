/** Path arguments every call validates the same way. */
import { z } from 'zod';

/** A path on the services' machine: absolute (POSIX, `C:\\`, UNC) or starting with `~` for the home folder. */
export const AbsPath = z
  .string()
  .trim()
  .min(1, 'path is empty')
  .max(4096, 'path is longer than 4096 characters')
  .refine((p) => /^(\/|~(\/|\\|$)|[A-Za-z]:[\\/]|\\\\)/.test(p), 'must be an absolute path (or start with ~)');
