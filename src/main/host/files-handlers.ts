/** Handler of `fs.browse`: which folders may be browsed (the home folder, the open library), and the listing. */
import { homedir } from 'node:os';
import type { BrowseRoot } from '@shared/browse';
import type { CallHandlers } from '@shared/contract';
import { browseFolder } from '../services/files/browse';
import { expandHome } from '../services/files/home-path';
import type { OpenLibrary } from '../services/studio/open-library';

/**
 * The folders web mode's picker may list: the home folder (read at each call, so a test can point HOME elsewhere)
 * and the open library, wherever it lies.
 */
export function browseRoots(current: OpenLibrary | undefined): BrowseRoot[] {
  const roots: BrowseRoot[] = [{ label: 'Home', path: homedir() }];
  if (current) roots.push({ label: 'Library', path: current.library.root });
  return roots;
}

/** The handler; `current` is the open library or undefined. */
export function filesHandlers(current: () => OpenLibrary | undefined): Pick<CallHandlers, 'fs.browse'> {
  return {
    'fs.browse': async ({ path, kind, hidden }) =>
      browseFolder({ path: path === undefined ? undefined : expandHome(path), kind, hidden }, browseRoots(current())),
  };
}
