import { useState } from 'react';
import type { RunSummary } from '@shared/training';
import { useLibrary } from '../library';
import { useEvent, useQuery } from '../transport';

/** Training runs that are starting, running or paused in the open library, kept current by `run.updated`. */
export function useLiveRuns(): RunSummary[] {
  const { library } = useLibrary();
  const listed = useQuery('runs.list', library ? {} : null, library?.path ?? null);
  // Updates since the list arrived, by run id (newer than the list's copy), for the library they came in.
  const path = library?.path ?? null;
  const [updates, setUpdates] = useState<{ path: string | null; runs: ReadonlyMap<string, RunSummary> }>({ path, runs: new Map() });
  useEvent('run.updated', (run) =>
    setUpdates((prev) => ({ path, runs: new Map(prev.path === path ? prev.runs : []).set(run.id, run) })),
  );
  const byId = new Map((listed.data ?? []).map((r) => [r.id, r]));
  // An event newer than the listed copy wins; a stale one (kept from before a reconnect) does not.
  if (updates.path === path) {
    for (const [id, run] of updates.runs) if (run.updatedAt >= (byId.get(id)?.updatedAt ?? '')) byId.set(id, run);
  }
  return [...byId.values()].filter((r) => r.state === 'starting' || r.state === 'running' || r.state === 'paused');
}
