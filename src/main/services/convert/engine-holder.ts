/**
 * The style engine a conversion runner works with: loaded on first use, kept while jobs ask for the same style,
 * disposed when another style is asked for or the runner is disposed. A load that fails is not kept, so the next
 * item or resumed job tries again (the user may have fixed the model file or freed memory meanwhile).
 */
import type { StyleChoice } from '@shared/convert';
import type { StyleEngine } from '../../engine/stylize/style-engine';

/** Holds at most one loaded engine; see the module comment. */
export interface EngineHolder {
  /** The engine for `style`, loading it (and disposing the one held for another style) when needed. */
  get(style: StyleChoice): Promise<StyleEngine>;
  /** Disposes the engine held, if any; the next `get` loads again. */
  dispose(): Promise<void>;
}

/** An {@link EngineHolder} that loads with `load`. */
export function engineHolder(load: (style: StyleChoice) => Promise<StyleEngine>): EngineHolder {
  let held: { style: string; loaded: Promise<StyleEngine> } | undefined;
  const release = async (old: typeof held): Promise<void> => {
    await (await old?.loaded.catch(() => null))?.dispose();
  };
  return {
    async get(style) {
      const key = JSON.stringify(style);
      const current = held;
      if (current?.style === key) return current.loaded;
      const entry = { style: key, loaded: load(style) };
      held = entry;
      // Only this load's own failure clears it: a later style may have replaced it meanwhile.
      entry.loaded.catch(() => {
        if (held === entry) held = undefined;
      });
      await release(current);
      return entry.loaded;
    },
    async dispose() {
      const old = held;
      held = undefined;
      await release(old);
    },
  };
}
