import { useCallback, useEffect, useRef, useState } from 'react';
import type { StudioError } from '@shared/errors';
import type { MetricPoint } from '@shared/training';
import { useThrottledCounter } from '../../../lib/useThrottledCounter';
import { asStudioError, isConnectionLost, useConnection, useStudio } from '../../../transport';
import { RunMetrics } from './series';

/** Points asked of the service for a run's history (it downsamples with min/max buckets). */
export const HISTORY_POINTS = 4000;
/** Charts redraw at most this often however fast points arrive. */
const REDRAW_MS = 400;

export interface RunMetricsState {
  /** The run's held metrics, mutated in place as points arrive; `version` says when. */
  metrics: RunMetrics | null;
  version: number;
  loading: boolean;
  error: StudioError | null;
  /** Asks the service for the run's recorded weight changes again (after its weights changed). */
  refreshWeightChanges: () => void;
}

/**
 * A run's metrics: its history once (`runs.metrics`, downsampled by the service to HISTORY_POINTS), then every
 * `run.metrics` point appended as it is recorded. Points heard while the history loads are kept and appended
 * after it. Loads again after a reconnect, since points may have been missed.
 */
export function useRunMetrics(runId: string | null): RunMetricsState {
  const api = useStudio();
  const { generation } = useConnection();
  const [version, bump] = useThrottledCounter(REDRAW_MS);
  const [loaded, setLoaded] = useState<{ key: string; metrics: RunMetrics | null; error: StudioError | null } | null>(null);
  const current = useRef<RunMetrics | null>(null);
  const key = runId === null || generation === 0 ? null : `${runId}:${generation}`;

  useEffect(() => {
    if (runId === null || key === null) return;
    const metrics = new RunMetrics(runId);
    let live = true;
    let buffered: MetricPoint[][] | null = [];
    const off = api.on('run.metrics', ({ runId: id, points }) => {
      if (id !== runId) return;
      if (buffered) buffered.push(points);
      else if (metrics.append(points)) bump();
    });
    api.call('runs.metrics', { runId, fromStep: 0, maxPoints: HISTORY_POINTS }).then(
      (res) => {
        if (!live) return;
        metrics.append(res.points);
        metrics.recorded = res.total;
        metrics.mergeWeightChanges(res.weightChanges);
        for (const points of buffered ?? []) metrics.append(points);
        buffered = null;
        current.current = metrics;
        setLoaded({ key, metrics, error: null });
        bump(true);
      },
      (err: unknown) => {
        if (!live || isConnectionLost(err)) return;
        setLoaded({ key, metrics: null, error: asStudioError(err) });
      },
    );
    return () => {
      live = false;
      off();
    };
  }, [api, runId, key, bump]);

  const refreshWeightChanges = useCallback(() => {
    const metrics = current.current;
    if (!metrics || metrics.runId !== runId) return;
    api.call('runs.metrics', { runId: metrics.runId, fromStep: Math.max(0, metrics.lastStep), maxPoints: 10 }).then(
      (res) => {
        if (metrics.mergeWeightChanges(res.weightChanges)) bump(true);
      },
      () => {}, // the next change or reload asks again
    );
  }, [api, runId, bump]);

  // Keep showing the previous load of the same run while a reconnect reloads it.
  const shown = loaded && loaded.metrics?.runId === runId ? loaded.metrics : null;
  return {
    metrics: shown,
    version,
    loading: key !== null && loaded?.key !== key,
    error: loaded?.key === key ? loaded.error : null,
    refreshWeightChanges,
  };
}
