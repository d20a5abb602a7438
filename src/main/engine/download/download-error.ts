/**
 * The one error a VGG download raises: a StudioError (code IO, so it crosses every transport) that also says
 * which file failed and how, so the UI can offer the right action (retry, free disk space, check the URL).
 */
import { StudioError } from '@shared/errors';

/** How a download failed. */
export type DownloadFailure = 'http' | 'network' | 'disk-full' | 'disk' | 'checksum' | 'cancelled' | 'manifest';

/** A failed download of `file`. */
export class DownloadError extends StudioError {
  readonly reason: DownloadFailure;
  readonly file: string;
  /** HTTP status, for reason 'http'. */
  readonly status?: number;

  constructor(reason: DownloadFailure, file: string, message: string, status?: number) {
    super('IO', message);
    this.name = 'DownloadError';
    this.reason = reason;
    this.file = file;
    if (status !== undefined) this.status = status;
  }
}

/** Turns an error from writing `file` to disk into a DownloadError (disk full is called out: the user can act). */
export function writeFailure(err: unknown, file: string, path: string): DownloadError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new DownloadError('disk-full', file, `the disk is full: could not write ${file} to ${path}`);
  }
  return new DownloadError('disk', file, `could not write ${file} to ${path}: ${(err as Error).message}`);
}
