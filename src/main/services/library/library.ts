/**
 * A studio library: a folder with `library.sqlite` (WAL) and content-addressed files. This class owns opening,
 * creating and reading it; writes go through its database's one writer.
 */
import { existsSync, lstatSync, mkdirSync, rmdirSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ImagePage, LibraryInfo, SetKind, SetSummary } from '@shared/library';
import { StudioError } from '@shared/errors';
import { openLibraryDb, type LibraryDb } from './database';
import { folderError, type FolderRole } from '../convert/output-checks';
import { FileStore } from './file-store';
import { countImages } from './images-table';
import { listSetImages } from './set-images-table';
import { countSets, findSetByName, getSet, insertSet, listSets } from './sets-table';

import { PreviewCache } from './preview-cache';

/** File name of a library's database inside its folder. */
export const LIBRARY_DB_FILE = 'library.sqlite';
/** The folder inside a library that outputs default to. */
export const EXPORTS_FOLDER = 'exports';

/** How {@link folderError} names a library folder that cannot be made. */
const LIBRARY_FOLDER: FolderRole = { what: 'the library folder', field: 'path' };

/**
 * Makes `root` and each missing folder above it, one level at a time, or throws a StudioError naming `root` and
 * saying why; folders made here are removed again on failure. Not Node's recursive mkdir: on a file system that
 * refuses new folders with ENOENT (procfs, `/proc/My Library`) that retries forever, and it runs on the server's only
 * thread. A link that points nowhere on the way is refused rather than followed.
 */
function makeLibraryFolder(root: string): void {
  const missing: string[] = [];
  for (let p = root; ; p = dirname(p)) {
    try {
      statSync(p);
      break; // the nearest existing entry; when it is a file, making the level below it says so (ENOTDIR)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw folderError(err as NodeJS.ErrnoException, root, LIBRARY_FOLDER);
      if (code === 'ENOENT' && lstatOrNull(p)?.isSymbolicLink()) {
        throw new StudioError(
          'BAD_INPUT',
          `the library folder ${root} cannot be created: ${p} is a link to something that does not exist; choose another folder`,
          'path',
        );
      }
      missing.push(p);
      if (dirname(p) === p) break; // a missing drive root: mkdir below reports it
    }
  }
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
          throw new StudioError(
            'IO',
            `the library folder ${root} cannot be created: ${dirname(dir)} does not allow new folders (a system folder?); choose another folder`,
            'path',
          );
        }
        throw folderError(e, root, LIBRARY_FOLDER);
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

/** An open library. */
export class Library {
  readonly files: FileStore;
  /** Conversion previews (a bounded cache, not library content). */
  readonly previews: PreviewCache;
  /** Lines about what crash recovery found on open; filled by whoever runs recovery. */
  readonly recovery: string[] = [];
  /** The default place for conversions and stills, so results never land among the originals. */
  readonly exportsDir: string;

  private constructor(
    readonly root: string,
    readonly store: LibraryDb,
  ) {
    this.files = new FileStore(root);
    this.previews = new PreviewCache(join(root, 'cache', 'previews'));
    this.exportsDir = join(root, EXPORTS_FOLDER);
    // Made now so a picker can open it before the first export; a failure here is reported when one is written.
    // The root exists by now, so one level suffices (and a refusing file system cannot make it spin).
    try {
      mkdirSync(this.exportsDir);
    } catch {
      // The output checks name the folder and the reason when something is written there.
    }
  }

  /**
   * Opens the library at `dir`. With `create`, makes the folder and database if missing; without it, a folder
   * that holds no library is an error rather than a silently created one. `log` hears write transactions slower than
   * 100 ms.
   */
  static open(dir: string, opts: { create?: boolean; log?: (line: string) => void } = {}): Library {
    const root = resolve(dir);
    const dbFile = join(root, LIBRARY_DB_FILE);
    if (!existsSync(dbFile)) {
      // A file is never a library, whether opening or creating: say so rather than that it holds no database.
      if (existsSync(root) && !statSync(root).isDirectory()) {
        throw new StudioError('BAD_INPUT', `${root} is a file, not a folder: a library is a folder`, 'path');
      }
      if (!opts.create) {
        const why = existsSync(root) ? 'holds no library.sqlite' : 'does not exist';
        throw new StudioError('NOT_FOUND', `${root} is not a Cel Studio library (the folder ${why})`, 'path');
      }
      makeLibraryFolder(root);
    }
    let store: LibraryDb;
    try {
      store = openLibraryDb(dbFile, opts.log ? { log: opts.log } : {});
    } catch (err) {
      if (err instanceof StudioError) throw err;
      throw new StudioError('IO', `cannot open library ${root}: ${(err as Error).message}`, 'path');
    }
    return new Library(root, store);
  }

  /** Summary for the UI. */
  info(): LibraryInfo {
    return {
      path: this.root,
      name: basename(this.root),
      schemaVersion: this.store.schemaVersion,
      imageCount: countImages(this.store.db),
      setCount: countSets(this.store.db),
      exportsDir: this.exportsDir,
      recovery: [...this.recovery],
    };
  }

  /** Every set, by name. */
  listSets(): SetSummary[] {
    return listSets(this.store.db);
  }

  /** Creates a set; a name already taken (case-insensitively) is a CONFLICT. */
  createSet(name: string, kind: SetKind): SetSummary {
    if (findSetByName(this.store.db, name)) {
      throw new StudioError('CONFLICT', `a set called "${name}" already exists`, 'name');
    }
    const id = this.store.write((tx) => insertSet(tx, name, kind, new Date().toISOString()));
    return getSet(this.store.db, id)!;
  }

  /** The set called `name`, created with `kind` if missing. An existing set keeps its kind. */
  ensureSet(name: string, kind: SetKind): SetSummary {
    return findSetByName(this.store.db, name) ?? this.createSet(name, kind);
  }

  /** A page of a set's images. */
  images(setId: number, offset: number, limit: number): ImagePage {
    if (!getSet(this.store.db, setId)) throw new StudioError('NOT_FOUND', `no set with id ${setId}`, 'setId');
    return listSetImages(this.store.db, setId, offset, limit);
  }

  /** Closes the database. */
  close(): void {
    this.store.close();
  }
}
