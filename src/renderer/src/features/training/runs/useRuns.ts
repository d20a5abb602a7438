import { useCallback, useMemo, useState } from 'react';
import type { StudioError } from '@shared/errors';
import type { RunSummary } from '@shared/training';
import { useEvent, useQuery } from '../../../transport';
import { byCreatedDesc } from './runState';

export interface RunsState {
  /** Newest first. */
  runs: RunSummary[];
  error: StudioError | null;
  loaded: boolean;
  /** Records a summary a call returned (start, pause, …) before its event arrives. */
  upsert: (run: RunSummary) => void;
  reload: () => void;
}

/**
 * The library's runs: `runs.list` on load (and when the library or the connection changes), merged with every
 * `run.updated` and call reply since. Of two summaries of a run the newer (`updatedAt`) wins, so a late list or
 * call reply cannot undo a newer event.
 */
export function useRuns(libraryPath: string | null): RunsState {
  const list = useQuery('runs.list', libraryPath === null ? null : {}, libraryPath);
  const [live, setLive] = useState<{ path: string | null; byId: Map<string, RunSummary> }>({ path: libraryPath, byId: new Map() });

  const upsert = useCallback(
    (run: RunSummary) =>
      setLive((prev) => {
        // Summaries heard under another library belong to it; start over.
        const byId = prev.path === libraryPath ? new Map(prev.byId) : new Map<string, RunSummary>();
        const old = byId.get(run.id);
        if (old && old.updatedAt > run.updatedAt) return prev;
        byId.set(run.id, run);
        return { path: libraryPath, byId };
      }),
    [libraryPath],
  );
  useEvent('run.updated', upsert);

  const listed = list.data;

  const runs = useMemo(() => {
    const byId = new Map<string, RunSummary>();
    for (const run of listed ?? []) byId.set(run.id, run);
    if (live.path === libraryPath) {
      for (const run of live.byId.values()) {
        const old = byId.get(run.id);
        if (!old || old.updatedAt <= run.updatedAt) byId.set(run.id, run);
      }
    }
    return [...byId.values()].sort(byCreatedDesc);
  }, [listed, live, libraryPath]);

  return { runs, error: list.error, loaded: listed !== undefined, upsert, reload: list.reload };
}
