/** Lists the files under a folder for an import, deterministically ordered. */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { StudioError } from '@shared/errors';

/**
 * Every regular file under `folder`, recursively, sorted by path. Hidden entries (dot-names) are left out, and so
 * is `exclude` (the library folder itself, when it sits inside the imported folder). Symlinked folders are not
 * followed, which keeps a link loop from hanging the import.
 */
export async function scanFolder(folder: string, opts: { exclude?: string; signal?: AbortSignal } = {}): Promise<string[]> {
  const root = await assertFolder(folder);
  const exclude = opts.exclude ? resolve(opts.exclude) : undefined;
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    if (opts.signal?.aborted) return;
    if (exclude && (dir === exclude || dir.startsWith(exclude + sep))) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (dir === root) throw new StudioError('IO', `cannot read folder ${root}: ${(err as Error).message}`, 'folder');
      return; // an unreadable subfolder is left out rather than failing the whole import
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) out.push(full);
      else if (e.isSymbolicLink()) {
        const target = await stat(full).catch(() => undefined);
        if (target?.isFile()) out.push(full);
      }
    }
  };
  await walk(root);
  return out.sort((a, b) => compareText(relative(root, a), relative(root, b)));
}

/** Resolves `folder` and confirms it is an existing folder; returns the absolute path. */
export async function assertFolder(folder: string): Promise<string> {
  const root = resolve(folder);
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new StudioError('BAD_INPUT', `folder ${root} does not exist`, 'folder');
  if (!info.isDirectory()) throw new StudioError('BAD_INPUT', `${root} is a file, not a folder`, 'folder');
  return root;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
