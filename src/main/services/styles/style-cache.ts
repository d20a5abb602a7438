/**
 * The preview/still cache of loaded styles, so scrubbing does not reload a model per frame. Entries are leased:
 * an evicted entry is disposed only when its last lease is released, so a long still never loses its engine to a
 * burst of previews in other styles.
 */
import { stat } from 'node:fs/promises';
import type { StyleChoice } from '@shared/convert';
import type { OpenLibrary } from '../studio/open-library';
import { loadStyle, type LoadedStyle } from './style-engines';

/** How many loaded styles stay cached while nobody uses them. */
const CACHE_SIZE = 2;

/** A loaded style on loan; `release` exactly once when done with it. */
export interface StyleLease extends LoadedStyle {
  release(): void;
}

interface Entry {
  loaded: Promise<LoadedStyle>;
  leases: number;
  evicted: boolean;
}

/** A key that changes when what a style loads from changes (options, the file, a run's checkpoint). */
async function cacheKey(style: StyleChoice, open: () => OpenLibrary): Promise<string> {
  switch (style.kind) {
    case 'builtin':
      return `builtin:${JSON.stringify(style.options)}`;
    case 'onnx': {
      const info = await stat(style.path).catch(() => undefined);
      return `onnx:${style.path}:${info?.size}:${info?.mtimeMs}`;
    }
    case 'run': {
      const { library, runs } = open();
      return `run:${library.root}:${style.runId}:${runs.summary(style.runId).lastCheckpointStep}`;
    }
  }
}

/** Loaded styles by key, least recently used first. */
export class StyleCache {
  private readonly entries = new Map<string, Entry>();

  /** Leases the loaded style for `style`, loading it on first use; a failed load is not cached. */
  async lease(style: StyleChoice, open: () => OpenLibrary): Promise<StyleLease> {
    const key = await cacheKey(style, open);
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
    } else {
      const fresh: Entry = { loaded: loadStyle(style, open), leases: 0, evicted: false };
      fresh.loaded.catch(() => {
        if (this.entries.get(key) === fresh) this.entries.delete(key);
      });
      entry = fresh;
    }
    this.entries.set(key, entry);
    entry.leases += 1;
    this.evict();
    const held = entry;
    let loaded: LoadedStyle;
    try {
      loaded = await held.loaded;
    } catch (err) {
      this.release(held);
      throw err;
    }
    let released = false;
    return {
      ...loaded,
      release: () => {
        if (released) return;
        released = true;
        this.release(held);
      },
    };
  }

  /** Disposes every cached engine not on loan now, and the others when their leases end. */
  async dispose(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    for (const e of all) e.evicted = true;
    await Promise.all(all.filter((e) => e.leases === 0).map((e) => disposeEntry(e)));
  }

  private evict(): void {
    while (this.entries.size > CACHE_SIZE) {
      const [oldKey, old] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldKey);
      old.evicted = true;
      if (old.leases === 0) void disposeEntry(old);
    }
  }

  private release(entry: Entry): void {
    entry.leases -= 1;
    if (entry.evicted && entry.leases === 0) void disposeEntry(entry);
  }
}

async function disposeEntry(entry: Entry): Promise<void> {
  await entry.loaded.then((s) => s.engine.dispose()).catch(() => undefined);
}
