import { useCallback, useEffect, useRef, useState } from 'react';
import type { SetItem } from '@shared/curation';
import type { StudioError } from '@shared/errors';
import { asStudioError, isConnectionLost, useConnection, useStudio } from '../../../transport';
import type { ItemQueryArg } from './query';

/** Items per `items.query` page. */
export const PAGE_SIZE = 300;
/** Pages further than this from the visible window are dropped, so a long scroll does not hoard memory. */
const KEEP_PAGES = 8;

interface Page {
  items: SetItem[];
  /** The refresh count the page was fetched at; older pages are shown but fetched again when in view. */
  version: number;
}

interface Cache {
  key: string;
  total: number;
  ids: number[];
  idsVersion: number;
  pages: ReadonlyMap<number, Page>;
}

export interface ItemWindow {
  /** Matching items, or null before the first answer. */
  total: number | null;
  /** Every matching id in order (for ranges and keyboard moves). */
  ids: readonly number[];
  /** The loaded item at a position, if its page has arrived. */
  itemAt: (index: number) => SetItem | undefined;
  /** True while the shown data belongs to an older query (filters just changed). */
  stale: boolean;
  error: StudioError | null;
  /** Changes loaded items in place (optimistic decisions) until the next fetch replaces them. */
  patch: (ids: readonly number[], change: Partial<SetItem>) => void;
}

/**
 * The items of a query, fetched a page at a time around the visible range `[start, end)`. `refresh` bumps mark
 * every page stale: the visible ones are fetched again while the old ones stay on screen. A new query keeps the
 * previous results on screen until its first page arrives.
 */
export function useItemWindow(arg: ItemQueryArg, refresh: number, start: number, end: number): ItemWindow {
  const api = useStudio();
  const { generation } = useConnection();
  const key = JSON.stringify(arg);
  const [cache, setCache] = useState<Cache | null>(null);
  const [error, setError] = useState<StudioError | null>(null);
  const latestKey = useRef(key);
  const inFlight = useRef(new Set<string>());

  useEffect(() => {
    latestKey.current = key;
  }, [key]);

  const wantFrom = Math.floor(Math.max(0, start - PAGE_SIZE / 2) / PAGE_SIZE);
  const wantTo = Math.floor(Math.max(0, end + PAGE_SIZE / 2 - 1) / PAGE_SIZE);

  useEffect(() => {
    if (generation === 0) return;
    const current = cache?.key === key ? cache : null;
    // Until the total is known only the first wanted page is asked for; its answer says how many there are.
    const lastPage = current ? Math.max(0, Math.ceil(current.total / PAGE_SIZE) - 1) : wantFrom;
    for (let p = wantFrom; p <= Math.min(wantTo, lastPage); p++) {
      const have = current?.pages.get(p);
      if (have && have.version >= refresh) continue;
      const tag = `${generation}|${refresh}|${p}|${key}`;
      if (inFlight.current.has(tag)) continue;
      inFlight.current.add(tag);
      const request = { ...(JSON.parse(key) as ItemQueryArg), offset: p * PAGE_SIZE, limit: PAGE_SIZE };
      api.call('items.query', request).then(
        (result) => {
          inFlight.current.delete(tag);
          if (latestKey.current !== key) return;
          setError(null);
          setCache((prev) => {
            const base = prev?.key === key ? prev : null;
            const pages = new Map(base?.pages ?? []);
            const existing = pages.get(p);
            if (!existing || existing.version <= refresh) pages.set(p, { items: result.items, version: refresh });
            for (const q of pages.keys()) if (Math.abs(q - p) > KEEP_PAGES) pages.delete(q);
            // Answers can overtake each other; the id list of the newest refresh wins.
            const newer = !base || refresh >= base.idsVersion;
            return {
              key,
              total: newer ? result.total : base.total,
              ids: newer ? result.ids : base.ids,
              idsVersion: newer ? refresh : base.idsVersion,
              pages,
            };
          });
        },
        (err: unknown) => {
          inFlight.current.delete(tag);
          if (latestKey.current === key && !isConnectionLost(err)) setError(asStudioError(err));
        },
      );
    }
  }, [api, generation, key, refresh, wantFrom, wantTo, cache]);

  const itemAt = useCallback(
    (index: number) => cache?.pages.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE],
    [cache],
  );

  const patch = useCallback((ids: readonly number[], change: Partial<SetItem>) => {
    const wanted = new Set(ids);
    setCache((prev) => {
      if (!prev) return prev;
      const pages = new Map<number, Page>();
      for (const [p, page] of prev.pages) {
        const touched = page.items.some((item) => wanted.has(item.id));
        pages.set(p, touched ? { ...page, items: page.items.map((item) => (wanted.has(item.id) ? { ...item, ...change } : item)) } : page);
      }
      return { ...prev, pages };
    });
  }, []);

  return {
    total: cache?.total ?? null,
    ids: cache?.ids ?? [],
    itemAt,
    stale: cache !== null && cache.key !== key,
    error,
    patch,
  };
}
