import type { RunStyle } from '@shared/convert';
import type { StudioError } from '@shared/errors';
import { useThrottledCounter } from '../../../lib/useThrottledCounter';
import { useEvent, useQuery } from '../../../transport';

/** How often, at most, run progress refreshes the list (a new checkpoint can make a run usable). */
const REFRESH_MS = 5000;

/** Runs that can convert, newest first; reloaded for another library and as runs write checkpoints. */
export function useRunStyles(libraryPath: string | null): { runs: RunStyle[]; error: StudioError | null; loading: boolean } {
  const [version, bump] = useThrottledCounter(REFRESH_MS);
  useEvent('run.updated', () => bump());
  const query = useQuery('convert.runStyles', libraryPath === null ? null : {}, [libraryPath, version]);
  return { runs: query.data ?? [], error: libraryPath === null ? null : query.error, loading: query.loading };
}
