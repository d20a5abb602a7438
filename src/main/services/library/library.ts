/**
 * A studio library: a folder with `library.sqlite` (WAL) and content-addressed files. This class owns opening,
 * creating and reading it; writes go through its database's one writer.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ImagePage, LibraryInfo, SetKind, SetSummary } from '@shared/library';
import { StudioError } from '@shared/errors';
import { openLibraryDb, type LibraryDb } from './database';
import { makeFolder, type FolderRole } from '../files/make-folder';
import { FileStore } from './file-store';
import { countImages } from './images-table';
import { listSetImages } from './set-images-table';
import { countSets, findSetByName, getSet, insertSet, listSets } from './sets-table';

import { PreviewCache } from './preview-cache';

/** File name of a library's database inside its folder. */
export const LIBRARY_DB_FILE = 'library.sqlite';
/** The folder inside a library that outputs default to. */
export const EXPORTS_FOLDER = 'exports';

/** How a library folder that cannot be made is named in errors. */
const LIBRARY_FOLDER: FolderRole = { what: 'the library folder', field: 'path' };

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
      makeFolder(root, LIBRARY_FOLDER);
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
