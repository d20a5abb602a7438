/**
 * The datasets feature behind the contract: sets and their images, imports (photo folders, clips, exported set
 * folders) started as jobs, curation of a set's items, and export. Each method takes a call's parsed argument and
 * answers its output; paths may start with `~`.
 */
import { existsSync, statSync } from 'node:fs';
import type { CallArg, CallOutput } from '@shared/contract';
import { StudioError } from '@shared/errors';
import type { JobSummary } from '@shared/library';
import { expandHome } from '../files/home-path';
import { assertFolder } from '../photos/scan-folder';
import { inspectSetFolder } from '../sets/import-set-runner';
import { probeClip } from '../video';
import type { OpenLibrary } from '../studio/open-library';

/** Sets, imports, curation and export over whichever library is open when a call arrives. */
export class DatasetsService {
  constructor(private readonly open: () => OpenLibrary) {}

  /** Every set, by name. */
  listSets(): CallOutput<'sets.list'> {
    return this.open().library.listSets();
  }

  /** A new empty set. */
  createSet({ name, kind }: CallArg<'sets.create'>): CallOutput<'sets.create'> {
    return this.open().library.createSet(name, kind);
  }

  /** A page of a set's images. */
  images({ setId, offset, limit }: CallArg<'images.list'>): CallOutput<'images.list'> {
    return this.open().library.images(setId, offset, limit);
  }

  /** Imports a folder of photos into the named set (made when missing) as a job. */
  async importPhotos({ folder, setName, kind }: CallArg<'import.photos'>): Promise<JobSummary> {
    const { library, jobs } = this.open();
    const root = await assertFolder(expandHome(folder));
    const set = library.ensureSet(setName, kind);
    return jobs.start('import-photos', { folder: root, setId: set.id, setName: set.name, kind: set.kind });
  }

  /**
   * Cuts frames from clips into the named set as a job. A missing clip is refused before the job exists, and so is
   * a request none of whose clips can be read (no set is made for it); in a batch, the job skips the bad ones.
   */
  async importVideo({ clips, setName, kind, sampling }: CallArg<'import.video'>): Promise<JobSummary> {
    const { library, jobs } = this.open();
    const paths = clips.map(existingClip);
    await someClipReads(paths);
    const set = library.ensureSet(setName, kind);
    return jobs.start('import-video', { clips: paths, setId: set.id, setName: set.name, kind: set.kind, sampling });
  }

  /** Imports a folder a set was exported to (its manifest names the set and kind) as a job. */
  importFolder({ folder, setName }: CallArg<'sets.importFolder'>): JobSummary {
    const { library, jobs } = this.open();
    const root = expandHome(folder);
    if (!existsSync(root)) throw new StudioError('BAD_INPUT', `folder ${root} does not exist`, 'folder');
    const { manifest, kind, subfolder } = inspectSetFolder(root);
    const set = library.ensureSet(setName ?? manifest?.name ?? 'imported set', kind);
    return jobs.start('import-set', { folder: root, setId: set.id, setName: set.name, kind: set.kind, subfolder });
  }

  /** Exports a set's chosen items (optionally as square crops) to a folder as a job. */
  exportSet({ setId, folder, statuses, cropSize }: CallArg<'sets.export'>): JobSummary {
    const { library, jobs } = this.open();
    const set = library.listSets().find((s) => s.id === setId);
    if (!set) throw new StudioError('NOT_FOUND', `no set with id ${setId}`, 'setId');
    return jobs.start('export-set', { setId, setName: set.name, kind: set.kind, folder: expandHome(folder), statuses, cropSize });
  }

  /** A page of a set's items, filtered, sorted and grouped by near-duplicates. */
  query({ setId, filter, sort, dedupeDistance, offset, limit }: CallArg<'items.query'>): CallOutput<'items.query'> {
    return this.open().curation.query(setId, { filter, sort, dedupeDistance, offset, limit });
  }

  /** Accepts, rejects or bins items (one undoable step). */
  decide({ setId, itemIds, status }: CallArg<'items.decide'>): CallOutput<'items.decide'> {
    return this.open().curation.decide(setId, itemIds, status);
  }

  /** Adds or removes a tag on items (one undoable step). */
  tag({ setId, itemIds, tag, add }: CallArg<'items.tag'>): CallOutput<'items.tag'> {
    return this.open().curation.tag(setId, itemIds, tag, add);
  }

  /** The training crops an item would give, for the crop preview. */
  crops({ setId, itemId, size, count, seed }: CallArg<'items.crops'>): CallOutput<'items.crops'> {
    return { rects: this.open().curation.crops(setId, itemId, size, count, seed) };
  }

  /** Undoes the set's last curation step. */
  undo({ setId }: CallArg<'curation.undo'>): CallOutput<'curation.undo'> {
    return this.open().curation.undo(setId);
  }

  /** Rejects all but the best of each near-duplicate group. */
  rejectDuplicates({ setId, dedupeDistance }: CallArg<'curation.rejectDuplicates'>): CallOutput<'curation.rejectDuplicates'> {
    return this.open().curation.rejectDuplicates(setId, dedupeDistance);
  }

  /** Deletes the set's binned items (and files no other set uses). */
  emptyBin({ setId }: CallArg<'bin.empty'>): Promise<CallOutput<'bin.empty'>> {
    return this.open().curation.emptyBin(setId);
  }

  /** Counts and score spreads of a set. */
  stats({ setId }: CallArg<'sets.stats'>): CallOutput<'sets.stats'> {
    return this.open().curation.stats(setId);
  }
}

/** A clip path, expanded, that exists and is a file: a typo is a call error rather than a failed job. */
/** Probes the clips in order until one reads; when none does, throws the first one's reason, naming it as `clips.0`. */
async function someClipReads(paths: readonly string[]): Promise<void> {
  let first: unknown;
  for (const path of paths) {
    try {
      await probeClip(path);
      return;
    } catch (err) {
      first ??= err;
    }
  }
  if (first instanceof StudioError) throw new StudioError(first.code, first.message, 'clips.0');
  throw first;
}

function existingClip(path: string): string {
  const full = expandHome(path);
  if (!existsSync(full)) throw new StudioError('BAD_INPUT', `clip ${full} does not exist`, 'clips');
  if (!statSync(full).isFile()) throw new StudioError('BAD_INPUT', `${full} is a folder, not a clip`, 'clips');
  return full;
}
