import { useMemo, useState } from 'react';
import type { PreviewSet } from '@shared/training';
import { useEvent, useQuery } from '../../../transport';

/**
 * A run's preview sets, newest first: `runs.previews` once, then each `run.preview` as it is written. A set at a
 * step already held replaces it (a run resumed from a checkpoint writes those steps again).
 */
export function usePreviews(runId: string | null): { previews: PreviewSet[]; loading: boolean } {
  const listed = useQuery('runs.previews', runId === null ? null : { runId });
  const [heard, setHeard] = useState<{ runId: string | null; sets: PreviewSet[] }>({ runId, sets: [] });
  useEvent('run.preview', ({ runId: id, preview }) => {
    if (id !== runId) return;
    setHeard((prev) => ({ runId: id, sets: [...(prev.runId === id ? prev.sets : []), preview] }));
  });

  const previews = useMemo(() => {
    const byStep = new Map<number, PreviewSet>();
    for (const p of listed.data ?? []) byStep.set(p.step, p);
    if (heard.runId === runId) for (const p of heard.sets) byStep.set(p.step, p);
    return [...byStep.values()].sort((a, b) => b.step - a.step);
  }, [listed.data, heard, runId]);
  return { previews, loading: listed.loading };
}

/** Image names in display order: the model's own order, then any others the run wrote. */
export function imageOrder(preview: PreviewSet, modelOrder: readonly string[] | undefined): string[] {
  const names = Object.keys(preview.images);
  const known = (modelOrder ?? ['input', 'output', 'cycle']).filter((n) => names.includes(n));
  return [...known, ...names.filter((n) => !known.includes(n)).sort()];
}
