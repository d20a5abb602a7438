/**
 * Content-addressed files of a library: `files/ab/<sha256>.<ext>` for originals and `thumbs/ab/<sha256>.webp`
 * beside them. Every write goes to `tmp/` first and is renamed into place, so a crash never leaves a half file
 * under a real name; leftovers in `tmp/` are swept when the library opens.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StudioError } from '@shared/errors';
import { writeFileAtomic } from '../../engine/files/write-atomic';

/** Variants stored per image: the original, its thumbnail, and variants derived on demand (cached). */
export type StoredVariant = 'original' | 'thumb' | 'gray' | 'smooth' | 'preview';

const VARIANT_DIR: Record<StoredVariant, string> = {
  original: 'files',
  thumb: 'thumbs',
  gray: 'derived/gray',
  smooth: 'derived/smooth',
  preview: 'previews',
};
const VARIANT_EXT: Partial<Record<StoredVariant, string>> = { thumb: 'webp', gray: 'png', smooth: 'png', preview: 'png' };

/** Extension for a stored original, by the format sharp reported. */
export function extensionFor(format: string): string {
  return format === 'jpeg' ? 'jpg' : format;
}

/** Paths and atomic writes for one library folder. */
export class FileStore {
  constructor(readonly root: string) {}

  /** Where the variant of `hash` lives (originals need their format for the extension). */
  pathOf(hash: string, variant: StoredVariant, format = 'webp'): string {
    const ext = VARIANT_EXT[variant] ?? extensionFor(format);
    return join(this.root, VARIANT_DIR[variant], hash.slice(0, 2), `${hash}.${ext}`);
  }

  /** Writes `data` as the variant of `hash` unless it is already there; atomic via tmp + rename. */
  async put(hash: string, variant: StoredVariant, data: Uint8Array, format?: string): Promise<string> {
    const final = this.pathOf(hash, variant, format);
    if (existsSync(final)) return final;
    const tempDir = join(this.root, 'tmp');
    try {
      await mkdir(tempDir, { recursive: true });
      await mkdir(dirname(final), { recursive: true });
      await writeFileAtomic(final, data, { tempPath: join(tempDir, `${hash}.${randomBytes(4).toString('hex')}.part`) });
    } catch (err) {
      throw asStoreError(err, this.root);
    }
    return final;
  }

  /** Deletes every stored variant of `hash`; returns how many files went. */
  async remove(hash: string, format: string): Promise<number> {
    let n = 0;
    for (const v of Object.keys(VARIANT_DIR) as StoredVariant[]) {
      const p = this.pathOf(hash, v, format);
      if (existsSync(p)) {
        await rm(p, { force: true });
        n++;
      }
    }
    return n;
  }

  /** Removes leftovers of interrupted writes; returns how many were found. */
  async sweepTemp(): Promise<number> {
    const dir = join(this.root, 'tmp');
    if (!existsSync(dir)) return 0;
    const names = await readdir(dir);
    await Promise.all(names.map((n) => rm(join(dir, n), { force: true, recursive: true })));
    return names.length;
  }
}

/** Turns a file-system error into one the user can act on (full disk, read-only folder). */
export function asStoreError(err: unknown, root: string): Error {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC') return new StudioError('IO', `the disk holding the library ${root} is full`);
  if (code === 'EDQUOT') return new StudioError('IO', `the disk quota for the library ${root} is used up`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new StudioError('IO', `cannot write into the library ${root} (${code}: permission denied or read-only)`);
  }
  return err instanceof Error ? err : new Error(String(err));
}
