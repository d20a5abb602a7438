/**
 * The path picker's arithmetic on path text, for either separator: where to start from a field's value, the
 * breadcrumb of a folder, joining a typed name, and what "Choose" picks. No Node here: the page runs in a browser.
 */
import type { BrowseEntry, BrowseRoot } from '@shared/browse';
import type { PathKind } from '@shared/file-kinds';
import { isAbsPath } from '@shared/paths';
import { baseName } from '../../lib/format';

/** The separator a path uses: `\` for Windows paths, else `/`. */
export function separatorOf(path: string): '/' | '\\' {
  return path.includes('\\') && !path.includes('/') ? '\\' : '/';
}

/** `path` without trailing separators, except where that is the whole root (`/`, `C:\`). */
function trimEnd(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  if (trimmed === '') return path.slice(0, 1);
  return /^[A-Za-z]:$/.test(trimmed) ? `${trimmed}${path.charAt(2) || '\\'}` : trimmed;
}

/** The last segment of a path, trailing separators ignored ('' for `/`). */
export function lastSegment(path: string): string {
  return baseName(path.replace(/[\\/]+$/, ''));
}

/** The folder holding `path`, or null for a root (`/`, `C:\`, `~`) or a bare name. */
export function parentOf(path: string): string | null {
  const t = trimEnd(path);
  const cut = Math.max(t.lastIndexOf('/'), t.lastIndexOf('\\'));
  if (cut < 0 || cut === t.length - 1) return null;
  const head = t.slice(0, cut);
  if (head === '') return t.charAt(0);
  return /^[A-Za-z]:$/.test(head) ? `${head}${t.charAt(cut)}` : head;
}

/** `name` inside `folder`, with the folder's separator. */
export function joinPath(folder: string, name: string): string {
  const sep = separatorOf(folder);
  return /[\\/]$/.test(folder) ? `${folder}${name}` : `${folder}${sep}${name}`;
}

/** Where the picker tries to open, in order, for a field holding `value`; undefined is the home folder. */
export function startTries(value: string, save: boolean, kind: PathKind): (string | undefined)[] {
  const v = value.trim();
  if (!isAbsPath(v)) return [undefined];
  const parent = parentOf(v);
  // A file to write usually does not exist yet: start in its folder.
  const tries = save && kind !== 'folder' ? [parent] : [v, parent];
  return [...tries.filter((t): t is string => t !== null), undefined];
}

/** One step of the breadcrumb: a folder that can be opened. */
export interface Crumb {
  label: string;
  path: string;
}

/** `path` as steps from the root that holds it ("Home › films › 2024"); only that root's folders are steps. */
export function crumbsOf(path: string, roots: readonly BrowseRoot[]): Crumb[] {
  const holding = roots
    .filter((r) => path === r.path || path.startsWith(/[\\/]$/.test(r.path) ? r.path : `${r.path}${separatorOf(r.path)}`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!holding) return [{ label: path, path }];
  const crumbs: Crumb[] = [{ label: holding.label, path: holding.path }];
  let at = holding.path;
  for (const part of path.slice(holding.path.length).split(/[\\/]/).filter(Boolean)) {
    at = joinPath(at, part);
    crumbs.push({ label: part, path: at });
  }
  return crumbs;
}

/** What the picker is showing when "Choose" is pressed. */
export interface PickerState {
  kind: PathKind;
  save: boolean;
  /** The folder listed. */
  folder: string;
  /** The highlighted entry, if any. */
  active: BrowseEntry | null;
  /** The name typed (save only). */
  name: string;
}

/**
 * The path "Choose" would give, or null when nothing fits yet. Folders: the highlighted one, else the one
 * listed, or (saving) a typed name inside it. Files: the highlighted one; saving, the typed name in the folder.
 */
export function chosenPath({ kind, save, folder, active, name }: PickerState): string | null {
  const typed = name.trim();
  if (kind === 'folder') {
    if (save && typed !== '') return joinPath(folder, typed);
    return active?.kind === 'folder' ? active.path : folder;
  }
  if (save) return typed === '' ? null : joinPath(folder, typed);
  return active?.kind === 'file' ? active.path : null;
}

/** A name a user may type: no separators, not `.` or `..`. */
export function isPlainName(name: string): boolean {
  const t = name.trim();
  return t === '' || (!/[\\/]/.test(t) && t !== '.' && t !== '..');
}

/**
 * Type-ahead: the index of the next entry after `from` (wrapping) whose name starts with `prefix`, ignoring case;
 * -1 when none does.
 */
export function typeAhead(entries: readonly BrowseEntry[], from: number, prefix: string): number {
  const p = prefix.toLowerCase();
  const n = entries.length;
  // A new search starts after the highlighted entry; a growing prefix may stay on it.
  const start = from < 0 ? 0 : p.length > 1 ? from : from + 1;
  for (let i = 0; i < n; i++) {
    const at = (start + i) % n;
    if (entries[at]!.name.toLowerCase().startsWith(p)) return at;
  }
  return -1;
}
