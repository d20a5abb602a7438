import { useState } from 'react';
import type { CallInput } from '@shared/contract';
import { formatPlanDuration } from '@shared/durations';
import type { TrainEstimate } from '@shared/training';
import { Button, ErrorMessage } from '../../../components/ui';
import { useAction } from '../../../transport';
import { fitToBudget, secondsForSteps } from './newRunForm';

/** Time budgets offered once a step has been measured. */
const BUDGETS: readonly { label: string; seconds: number }[] = [
  { label: 'Quick look (~10 min)', seconds: 600 },
  { label: 'An hour', seconds: 3600 },
  { label: 'Overnight (~8 h)', seconds: 8 * 3600 },
];

/** What a step costs depends on these; the steps and intervals only multiply it. */
function costKey(arg: CallInput<'train.start'>): string {
  const c = arg.config;
  return JSON.stringify([arg.styleSetId, arg.contentSetId, c?.model, c?.preset, c?.size, c?.width, c?.batch, c?.startFrom, c?.initSteps]);
}

/**
 * "How long would this take here?": measures a step of each phase on the device a run would get (`train.estimate`,
 * seconds to minutes), shows the run's time at the form's steps, and offers step counts that fit a time budget.
 * `arg` is the form's start argument, or null while the form is not valid.
 */
export function RunEstimate({
  arg,
  onFit,
}: {
  arg: CallInput<'train.start'> | null;
  onFit: (fit: { steps: number; checkpointEvery: number; previewEvery: number }) => void;
}) {
  const estimate = useAction('train.estimate');
  const [result, setResult] = useState<{ key: string; e: TrainEstimate } | null>(null);
  const current = result && arg && result.key === costKey(arg) ? result.e : null;
  const steps = arg?.config?.steps ?? 0;
  return (
    // Announced when the measurement lands: it can take a minute.
    <div className="run-estimate" data-testid="run-estimate" aria-live="polite">
      <Button
        type="button"
        busy={estimate.pending}
        disabled={arg === null}
        onClick={async () => {
          if (!arg) return;
          const e = await estimate.run(arg);
          if (e) setResult({ key: costKey(arg), e });
        }}
        title="Runs a few steps on this machine to measure them; nothing is saved"
        data-testid="run-estimate-measure"
      >
        {estimate.pending ? 'Measuring a step…' : 'Estimate time'}
      </Button>
      {current && (
        <span className="small" data-testid="run-estimate-result" data-seconds={Math.round(secondsForSteps(current, steps))}>
          About <strong>{formatPlanDuration(secondsForSteps(current, steps))}</strong> for {steps.toLocaleString('en-US')} steps on{' '}
          {current.backend} ({current.secondsPerStep.toFixed(2)} s a step)
        </span>
      )}
      {result && !current && <span className="small muted">Settings changed: estimate again.</span>}
      {current && (
        <span className="run-estimate-fit">
          <span className="small muted">Fit the steps to:</span>
          {BUDGETS.map((b) => (
            <Button key={b.seconds} type="button" onClick={() => onFit(fitToBudget(current, b.seconds))} data-testid={`run-estimate-fit-${b.seconds}`}>
              {b.label}
            </Button>
          ))}
        </span>
      )}
      <ErrorMessage error={estimate.error} onDismiss={estimate.clearError} />
    </div>
  );
}
