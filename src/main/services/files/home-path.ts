/** Expands a leading `~` to the user's home folder, as people type paths in the UI. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `~/Pictures` -> `/home/me/Pictures`; other paths are resolved as they are. */
export function expandHome(path: string): string {
  if (path === '~') return homedir();
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(homedir(), path.slice(2));
  return resolve(path);
}
