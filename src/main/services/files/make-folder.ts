/**
 * Making a folder the user chose (a library, an output folder) and wording why it cannot be made. Node's recursive
 * mkdir is not used for these: on a file system that refuses new folders with ENOENT (procfs: `/proc/My Library`)
 * it retries forever, and it would do so on the server's only thread.
 */
import { lstatSync, mkdirSync, rmdirSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { StudioError } from '@shared/errors';

/** Whose folder a {@link folderError} is about, in words and as the argument field that named it. */
export interface FolderRole {
  /** e.g. "the output folder", "the library folder". */
  what: string;
  field: string;
}

/** A conversion's, still's or export's output folder, named by the `output` argument. */
export const OUTPUT_FOLDER: FolderRole = { what: 'the output folder', field: 'output' };

/**
 * Making or writing into `folder` failed with `err`: the message says which folder and why, in words. `role` names
 * whose folder it is (a conversion's output unless told).
 */
export function folderError(err: NodeJS.ErrnoException, folder: string, role: FolderRole = OUTPUT_FOLDER): StudioError {
  const { what, field } = role;
  switch (err.code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return new StudioError('BAD_INPUT', `${what} ${folder} cannot be created: part of that path is a file, not a folder`, field);
    case 'EACCES':
    case 'EPERM':
      return new StudioError('IO', `${what} ${folder} is not writable: choose another folder or change its permissions`, field);
    case 'EROFS':
    case 'ENOENT':
      return new StudioError('IO', `${what} ${folder} cannot be created: a folder above it is missing or read-only; choose another folder`, field);
    default:
      return new StudioError('IO', `cannot write to ${what} ${folder} (${err.code ?? err.message})`, field);
  }
}

/**
 * Makes `folder` and each missing folder above it, one level at a time, or throws a StudioError naming `folder` (as
 * `role` says) and why; the folders made here are removed again on failure. A link that points nowhere on the way
 * is refused rather than followed, and a folder above that exists yet refuses new folders (procfs, sysfs) is named.
 */
export function makeFolder(folder: string, role: FolderRole = OUTPUT_FOLDER): void {
  const missing = missingFolders(folder, role);
  const made: string[] = [];
  try {
    for (const dir of missing.reverse()) {
      try {
        mkdirSync(dir);
        made.push(dir);
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (e.code === 'EEXIST' && statOrNull(dir)?.isDirectory()) continue; // made meanwhile by someone else
        if (e.code === 'ENOENT' && statOrNull(dirname(dir))?.isDirectory()) {
          // The folder above exists, yet the file system says no: procfs, sysfs and the like.
          throw new StudioError('IO', `${role.what} ${folder} cannot be created: ${dirname(dir)} does not allow new folders (a system folder?); choose another folder`, role.field);
        }
        throw folderError(e, folder, role);
      }
    }
  } catch (err) {
    for (const dir of made.reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // Not empty any more (someone wrote there) or gone: leave it.
      }
    }
    throw err;
  }
}

/** The folders from `folder` up that do not exist yet, nearest first. */
function missingFolders(folder: string, role: FolderRole): string[] {
  const missing: string[] = [];
  for (let p = folder; ; p = dirname(p)) {
    let found: Stats;
    try {
      found = statSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw folderError(err as NodeJS.ErrnoException, folder, role);
      if (code === 'ENOENT' && lstatOrNull(p)?.isSymbolicLink()) {
        throw new StudioError('BAD_INPUT', `${role.what} ${folder} cannot be created: ${p} is a link to something that does not exist; choose another folder`, role.field);
      }
      missing.push(p);
      if (dirname(p) === p) return missing; // a missing drive root: mkdir reports it
      continue;
    }
    // The nearest existing entry. The folder itself as a file is refused here; a file further up makes the level
    // below it fail with ENOTDIR when it is made.
    if (p === folder && !found.isDirectory()) throw folderError({ name: 'ENOTDIR', message: 'not a folder', code: 'ENOTDIR' }, folder, role);
    return missing;
  }
}

function statOrNull(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

function lstatOrNull(p: string): Stats | null {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}
