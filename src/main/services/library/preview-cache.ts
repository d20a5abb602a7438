/**
 * Conversion previews: PNGs of frames before and after a style, made while the user scrubs. They are a cache,
 * not library content, so they live in `cache/previews/` under the library, named by content hash, and only the
 * newest few hundred are kept (each scrub stop adds two).
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../engine/files/write-atomic';

/** Previews kept; older ones are removed as new ones arrive. */
export const PREVIEW_CACHE_FILES = 400;

/** A folder of PNG previews by SHA-256, trimmed to the newest {@link PREVIEW_CACHE_FILES}. */
export class PreviewCache {
  private writes = 0;

  constructor(readonly dir: string) {}

  /** Where the preview `hash` is (or would be). */
  pathOf(hash: string): string {
    return join(this.dir, `${hash}.png`);
  }

  /** The file of preview `hash`, or undefined when it is not (or no longer) cached. */
  find(hash: string): string | undefined {
    const path = this.pathOf(hash);
    return existsSync(path) ? path : undefined;
  }

  /** Stores `png` as preview `hash` (atomically: a hidden `.part` file, then rename); trims the folder now and then. */
  async put(hash: string, png: Uint8Array): Promise<void> {
    const final = this.pathOf(hash);
    await mkdir(this.dir, { recursive: true });
    if (!existsSync(final)) await writeFileAtomic(final, png);
    // Trimming lists the folder, so it runs every 50 writes rather than on each.
    if (++this.writes % 50 === 0) await this.trim();
  }

  /** Removes all but the newest {@link PREVIEW_CACHE_FILES} previews, and leftovers of interrupted writes. */
  async trim(keep = PREVIEW_CACHE_FILES): Promise<number> {
    if (!existsSync(this.dir)) return 0;
    const names = await readdir(this.dir);
    const parts = names.filter((n) => n.endsWith('.part'));
    const files = await Promise.all(
      names
        .filter((n) => n.endsWith('.png'))
        .map(async (n) => ({ n, t: (await stat(join(this.dir, n)).catch(() => null))?.mtimeMs ?? 0 })),
    );
    files.sort((a, b) => b.t - a.t);
    const doomed = [...parts, ...files.slice(keep).map((f) => f.n)];
    await Promise.all(doomed.map((n) => rm(join(this.dir, n), { force: true })));
    return doomed.length;
  }
}
