import { useCallback, useEffect, useRef, useState } from 'react';
import type { StudioError } from '@shared/errors';
import type { ImageItem } from '@shared/models';
import { asStudioError, isConnectionLost, useConnection, useStudio } from '../../transport';

const PAGE = 200;
/** The contract's largest page; a refresh reloads what is already shown in one call, up to this. */
const MAX_PAGE = 2000;

export interface ImagesState {
  items: ImageItem[];
  /** Images in the set, or null until the first page for this set arrives. */
  total: number | null;
  error: StudioError | null;
  loadingMore: boolean;
  loadMore: () => void;
}

/**
 * Pages through a set's images (oldest first). When `version` bumps (an import made progress) the pages already
 * shown are fetched again in one call, so new images appear at the end without losing the scroll position.
 */
export function useImages(setId: number, version: number): ImagesState {
  const api = useStudio();
  const { generation } = useConnection();
  const [page, setPage] = useState<{ setId: number | null; items: ImageItem[]; total: number }>({
    setId: null,
    items: [],
    total: 0,
  });
  const [error, setError] = useState<StudioError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // Refs, not state: read inside async callbacks to drop answers that a newer request has overtaken.
  const loaded = useRef<{ setId: number | null; count: number }>({ setId: null, count: 0 });
  const seq = useRef(0);
  const moreInFlight = useRef(false);

  useEffect(() => {
    if (generation === 0) return;
    const mine = ++seq.current;
    const shown = loaded.current.setId === setId ? loaded.current.count : 0;
    const limit = Math.min(MAX_PAGE, Math.max(PAGE, shown));
    api.call('images.list', { setId, offset: 0, limit }).then(
      (result) => {
        if (mine !== seq.current) return;
        loaded.current = { setId, count: result.items.length };
        setPage({ setId, items: result.items, total: result.total });
        setError(null);
      },
      (err: unknown) => {
        if (mine === seq.current && !isConnectionLost(err)) setError(asStudioError(err));
      },
    );
  }, [api, setId, version, generation]);

  const loadMore = useCallback(() => {
    if (moreInFlight.current || loaded.current.setId !== setId) return;
    const mine = seq.current;
    moreInFlight.current = true;
    setLoadingMore(true);
    api
      .call('images.list', { setId, offset: loaded.current.count, limit: PAGE })
      .then(
        (result) => {
          if (mine !== seq.current) return;
          loaded.current = { setId, count: loaded.current.count + result.items.length };
          setPage((prev) => ({ setId, items: [...prev.items, ...result.items], total: result.total }));
        },
        (err: unknown) => {
          if (mine === seq.current) setError(asStudioError(err));
        },
      )
      .finally(() => {
        moreInFlight.current = false;
        setLoadingMore(false);
      });
  }, [api, setId]);

  const current = page.setId === setId;
  return {
    items: current ? page.items : [],
    total: current ? page.total : null,
    error,
    loadingMore,
    loadMore,
  };
}
