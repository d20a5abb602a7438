import { useCallback, useEffect, useRef, useState } from 'react';
import type { StudioError } from '@shared/errors';
import type { LossWeights, RunSummary } from '@shared/training';
import { asStudioError, useStudio } from '../../../transport';
import { sameWeight, type WeightTerm } from './weightTerms';

/** While a slider is dragged, changes go out at most this often; the last value always goes. */
export const SEND_INTERVAL_MS = 250;

export interface WeightSteering {
  /** What the sliders show: the run's weights with the user's unapplied edits over them. */
  values: LossWeights;
  /** Terms edited here that the run does not report yet. */
  pendingTerms: WeightTerm[];
  /** A `train.setWeights` call is on its way. */
  sending: boolean;
  /** Weights were sent to this run from here. */
  sentAny: boolean;
  error: StudioError | null;
  clearError: () => void;
  set: (term: WeightTerm, value: number) => void;
  /** Sets several terms at once (reset to preset). */
  setMany: (weights: Partial<LossWeights>) => void;
}

/**
 * Steers a run's loss weights. Edits show at once; they are sent with `train.setWeights` at most every
 * SEND_INTERVAL_MS while the user drags (only the terms that changed), and the run applies them at its next
 * step. An edit stays shown until the run reports that weight, so the slider never jumps back mid-drag.
 */
export function useWeightSteering(run: RunSummary, onSummary: (run: RunSummary) => void): WeightSteering {
  const api = useStudio();
  const [draft, setDraft] = useState<{ runId: string; weights: Partial<LossWeights> }>({ runId: run.id, weights: {} });
  const [inFlight, setInFlight] = useState(0);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<StudioError | null>(null);
  const unsent = useRef<{ runId: string; weights: Partial<LossWeights> } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastSent = useRef(0);

  const flush = useCallback(() => {
    timer.current = null;
    const batch = unsent.current;
    unsent.current = null;
    if (!batch || Object.keys(batch.weights).length === 0) return;
    lastSent.current = Date.now();
    setInFlight((n) => n + 1);
    setSentTo(batch.runId);
    api.call('train.setWeights', { runId: batch.runId, weights: batch.weights }).then(
      (summary) => {
        setInFlight((n) => n - 1);
        onSummary(summary);
      },
      (err: unknown) => {
        setInFlight((n) => n - 1);
        setError(asStudioError(err));
        // The run will not take these: show its real weights again.
        setDraft((d) => (d.runId === batch.runId ? { runId: d.runId, weights: {} } : d));
      },
    );
  }, [api, onSummary]);

  // Switching runs (or leaving) sends what is still waiting to the run it was meant for.
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
      flush();
    },
    [run.id, flush],
  );

  const setMany = useCallback(
    (weights: Partial<LossWeights>) => {
      setError(null);
      setDraft((d) => ({ runId: run.id, weights: d.runId === run.id ? { ...d.weights, ...weights } : { ...weights } }));
      const pending = unsent.current?.runId === run.id ? unsent.current.weights : {};
      unsent.current = { runId: run.id, weights: { ...pending, ...weights } };
      if (timer.current !== null) return;
      timer.current = setTimeout(flush, Math.max(0, lastSent.current + SEND_INTERVAL_MS - Date.now()));
    },
    [run.id, flush],
  );
  const set = useCallback((term: WeightTerm, value: number) => setMany({ [term]: value }), [setMany]);

  // Once the run reports an edited weight, the edit has done its job: drop it, so a later change made
  // elsewhere (another window, the CLI) shows. Adjusting state while rendering, as React recommends.
  const weightsKey = JSON.stringify(run.weights);
  const [seen, setSeen] = useState(weightsKey);
  if (seen !== weightsKey) {
    setSeen(weightsKey);
    setDraft((d) => (d.runId === run.id ? { runId: d.runId, weights: withoutApplied(d.weights, run.weights) } : d));
  }

  const edits = draft.runId === run.id ? draft.weights : {};
  const values = { ...run.weights, ...edits };
  const pendingTerms = (Object.keys(edits) as WeightTerm[]).filter((t) => !sameWeight(edits[t]!, run.weights[t]));
  return {
    values,
    pendingTerms,
    sending: inFlight > 0,
    sentAny: sentTo === run.id,
    error,
    clearError: useCallback(() => setError(null), []),
    set,
    setMany,
  };
}

/** The edits the run does not report yet. */
function withoutApplied(edits: Partial<LossWeights>, applied: LossWeights): Partial<LossWeights> {
  const left: Partial<LossWeights> = {};
  for (const term of Object.keys(edits) as WeightTerm[]) {
    if (!sameWeight(edits[term]!, applied[term])) left[term] = edits[term];
  }
  return left;
}
