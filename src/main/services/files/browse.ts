/**
 * One folder as web mode's path picker shows it: subfolders and the files of a kind, by name, sizes but never
 * contents. Only folders under the given roots (the home folder, the open library) are listed: the path asked for
 * and every link in it are resolved first, so neither `..` nor a symlink leads out, and entries that would lead out
 * are left out of the listing.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { MAX_BROWSE_ENTRIES, type BrowseEntry, type BrowseRoot, type FolderListing } from '@shared/browse';
import { StudioError } from '@shared/errors';
import { fileMatchesKind, type PathKind } from '@shared/file-kinds';

/** What to list: an absolute path (a folder, or a file to list its folder), or undefined for the first root. */
export interface BrowseQuery {
  path: string | undefined;
  kind: PathKind;
  hidden: boolean;
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Lists `query.path` when it lies under one of `roots` (absolute folders; the first is the default). FORBIDDEN
 * outside them, NOT_FOUND when it does not exist, IO when it cannot be read; each names the path.
 */
export async function browseFolder(
  query: BrowseQuery,
  roots: readonly BrowseRoot[],
  maxEntries = MAX_BROWSE_ENTRIES,
): Promise<FolderListing> {
  const allowed = await resolveRoots(roots);
  if (allowed.length === 0) throw new StudioError('NOT_FOUND', 'there is no folder to browse: the home folder is missing');
  const asked = query.path ?? allowed[0]!.path;
  const outside = (): StudioError =>
    new StudioError(
      'FORBIDDEN',
      `${asked} is outside the folders the studio may browse (${allowed.map((r) => r.path).join(', ')}): type its path instead`,
      'path',
    );
  // Refused before the disk is asked, so the answer never tells whether something outside exists.
  const given = roots.map((r) => ({ label: r.label, path: resolve(r.path) }));
  if (!isUnderAny(resolve(asked), [...allowed, ...given])) throw outside();
  const real = await resolveExisting(asked, (found) => {
    if (!isUnderAny(found, allowed)) throw outside();
  });
  if (!isUnderAny(real, allowed)) throw outside();
  const info = await stat(real).catch((err: NodeJS.ErrnoException) => {
    throw new StudioError('IO', `cannot read ${asked}: ${err.code ?? err.message}`, 'path');
  });
  const folder = info.isDirectory() ? real : dirname(real);
  const entries = await listEntries(folder, query, allowed);
  const kept = entries.slice(0, maxEntries);
  const above = dirname(folder);
  return {
    path: folder,
    parent: above !== folder && isUnderAny(above, allowed) ? above : null,
    roots: allowed,
    entries: await withSizes(kept),
    truncated: entries.length > kept.length,
    selected: info.isDirectory() ? null : real,
  };
}

/** The roots that exist, links resolved, in their order. */
async function resolveRoots(roots: readonly BrowseRoot[]): Promise<BrowseRoot[]> {
  const out: BrowseRoot[] = [];
  for (const root of roots) {
    const path = await realpath(root.path).catch(() => undefined);
    if (path !== undefined && !out.some((r) => r.path === path)) out.push({ label: root.label, path });
  }
  return out;
}

/**
 * `path` with every link resolved; NOT_FOUND or IO naming it when that fails, once `checkFound` has seen where its
 * deepest existing folder really is (a missing name behind a link that leads out must be refused as outside, not
 * reported missing: that would tell what exists out there).
 */
async function resolveExisting(path: string, checkFound: (real: string) => void): Promise<string> {
  try {
    return await realpath(path);
  } catch (err) {
    for (let above = dirname(path); ; above = dirname(above)) {
      const real = await realpath(above).catch(() => undefined);
      if (real !== undefined) {
        checkFound(real);
        break;
      }
      if (dirname(above) === above) break;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new StudioError('NOT_FOUND', `${path} does not exist`, 'path');
    throw new StudioError('IO', `cannot read ${path}: ${code ?? (err as Error).message}`, 'path');
  }
}

/** Whether `path` (links resolved) is one of `roots` or inside one. */
function isUnderAny(path: string, roots: readonly BrowseRoot[]): boolean {
  const fold = (p: string): string => (process.platform === 'win32' ? p.toLowerCase() : p);
  const p = fold(path);
  return roots.some((r) => {
    const root = fold(r.path);
    return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
  });
}

/** Every entry of `folder` to show, sorted, without sizes. */
async function listEntries(folder: string, query: BrowseQuery, roots: readonly BrowseRoot[]): Promise<BrowseEntry[]> {
  let dirents: Dirent[];
  try {
    dirents = await readdir(folder, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (err as Error).message);
    throw new StudioError('IO', `cannot read folder ${folder}: ${why}`, 'path');
  }
  const found = await Promise.all(
    dirents.map(async (d): Promise<BrowseEntry | undefined> => {
      if (!query.hidden && d.name.startsWith('.')) return undefined;
      const path = join(folder, d.name);
      const kind = await entryKind(d, path, roots);
      if (kind === undefined) return undefined;
      if (kind === 'file' && !fileMatchesKind(d.name, query.kind)) return undefined;
      return { name: d.name, path, kind };
    }),
  );
  return found.filter((e): e is BrowseEntry => e !== undefined).sort(foldersFirstByName);
}

/** Folders before files, each by name as people read it (2 before 10, case aside), exact text breaking ties. */
function foldersFirstByName(a: BrowseEntry, b: BrowseEntry): number {
  if (a.kind !== b.kind) return a.kind === 'folder' ? -1 : 1;
  return byName.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * Folder or file; a link counts as what it points to, and only when that lies under the roots. Broken links,
 * sockets, devices and pipes are not shown.
 */
async function entryKind(d: Dirent, path: string, roots: readonly BrowseRoot[]): Promise<BrowseEntry['kind'] | undefined> {
  if (d.isDirectory()) return 'folder';
  if (d.isFile()) return 'file';
  if (!d.isSymbolicLink()) return undefined;
  const target = await realpath(path).catch(() => undefined);
  if (target === undefined || !isUnderAny(target, roots)) return undefined;
  const info = await stat(target).catch(() => undefined);
  return info?.isDirectory() ? 'folder' : info?.isFile() ? 'file' : undefined;
}

/** The entries with each file's size (left out where it cannot be read). */
async function withSizes(entries: BrowseEntry[]): Promise<BrowseEntry[]> {
  return Promise.all(
    entries.map(async (e) => {
      if (e.kind !== 'file') return e;
      const info = await stat(e.path).catch(() => undefined);
      return info ? { ...e, bytes: info.size } : e;
    }),
  );
}
