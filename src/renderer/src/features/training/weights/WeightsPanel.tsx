import { useEffect } from 'react';
import type { LossWeights, ModelInfo, PresetInfo, RunSummary } from '@shared/training';
import { Button, ErrorMessage, Panel } from '../../../components/ui';
import { formatStep } from '../format';
import type { RunMetricsState } from '../metrics/useRunMetrics';
import { canSteer, isLive } from '../runs/runState';
import { useWeightSteering } from './useWeightSteering';
import { WeightSlider } from './WeightSlider';
import { describeChanges, sameWeight, termsForModel, WEIGHT_TERMS, type WeightTerm } from './weightTerms';

const HISTORY_SHOWN = 4;
/** While the run's weights and its recorded changes disagree, ask for the changes again this often. */
const RECHECK_MS = 1500;
const RECHECKS = 8;

/** The loss-weight sliders of the selected run, with when each change took effect. */
export function WeightsPanel({
  run,
  model,
  preset,
  startWeights,
  metrics,
  onSummary,
}: {
  run: RunSummary;
  model: ModelInfo | undefined;
  preset: PresetInfo | undefined;
  startWeights: LossWeights | null;
  /** The run's metrics: its recorded weight changes (null until loaded), and a way to ask for them again. */
  metrics: RunMetricsState;
  onSummary: (run: RunSummary) => void;
}) {
  const weightChanges = metrics.metrics?.weightChanges ?? null;
  const { refreshWeightChanges } = metrics;
  const steering = useWeightSteering(run, onSummary);
  const enabled = canSteer(run.state);
  const terms = termsForModel(model);
  const history = weightChanges ? describeChanges(weightChanges, startWeights) : [];
  const latest = history[history.length - 1];

  // The run reports new weights in its summary; the step they took effect at comes from its recorded changes,
  // asked for again whenever the weights change, and a few more times while the two disagree.
  const weightsKey = JSON.stringify(run.weights);
  const recordedNow = weightChanges?.length ? weightChanges[weightChanges.length - 1]!.weights : startWeights;
  const mismatch = weightChanges !== null && recordedNow !== null && !sameWeights(recordedNow, run.weights);
  const live = isLive(run.state);
  useEffect(() => {
    void weightsKey;
    refreshWeightChanges();
    if (!mismatch || !live) return;
    let tries = 0;
    const timer = setInterval(() => {
      if (++tries > RECHECKS) clearInterval(timer);
      else refreshWeightChanges();
    }, RECHECK_MS);
    return () => clearInterval(timer);
  }, [weightsKey, mismatch, live, refreshWeightChanges]);

  const waiting = steering.sending || steering.pendingTerms.length > 0 || (mismatch && steering.sentAny);
  const reset = () => {
    if (!preset) return;
    const changed: Partial<LossWeights> = {};
    for (const term of terms) if (!sameWeight(steering.values[term], preset.weights[term])) changed[term] = preset.weights[term];
    if (Object.keys(changed).length > 0) steering.setMany(changed);
  };

  return (
    <Panel
      title="Loss weights"
      className="weights-panel"
      actions={
        <Button
          variant="ghost"
          className="btn-small"
          disabled={!enabled || !preset}
          onClick={reset}
          title={preset ? `Back to the ${preset.title} weights` : undefined}
          data-testid="weights-reset"
        >
          Reset to preset
        </Button>
      }
    >
      {!enabled && <p className="small muted">Weights can be steered while the run is running.</p>}
      <div className="weight-list" aria-disabled={!enabled || undefined}>
        {terms.map((term) => {
          const info = WEIGHT_TERMS.find((t) => t.term === term)!;
          return (
            <WeightSlider
              key={term}
              term={term}
              label={info.label}
              hint={info.hint}
              value={steering.values[term]}
              preset={preset?.weights[term] ?? null}
              disabled={!enabled}
              pending={steering.pendingTerms.includes(term as WeightTerm)}
              onChange={steering.set}
            />
          );
        })}
      </div>
      {(waiting || latest) && (
        <p
          className={`weight-applied small${waiting ? ' weight-applied-waiting' : ''}`}
          data-testid="weight-applied"
          data-pending={waiting}
          data-step={waiting ? undefined : latest?.step}
          title={latest?.title}
        >
          {waiting ? (
            steering.sending ? 'Sending…' : 'Waiting for the next step…'
          ) : (
            <>
              Applied at step <span className="num">{formatStep(latest!.step)}</span>
            </>
          )}
        </p>
      )}
      {history.length > 0 && (
        <ol className="weight-history small" aria-label="Weight changes, newest first">
          {history
            .slice(-HISTORY_SHOWN)
            .reverse()
            .map((c) => (
              <li key={c.step} title={c.title}>
                <span className="num muted">{formatStep(c.step)}</span> <span>{c.text}</span>
              </li>
            ))}
        </ol>
      )}
      <ErrorMessage error={steering.error} onDismiss={steering.clearError} />
    </Panel>
  );
}

function sameWeights(a: LossWeights, b: LossWeights): boolean {
  return WEIGHT_TERMS.every(({ term }) => sameWeight(a[term], b[term]));
}
