import { useEffect, useRef, useState } from 'react';
import type { CallInput } from '@shared/contract';
import { formatPlanDuration } from '@shared/durations';
import { TrainConfig, type TrainEstimate } from '@shared/training';
import {
  planMeasured,
  secondsForSteps,
  TIME_BUDGETS,
  type PlanInput,
  type RunPlan,
  type TimeBudget,
} from '@shared/training-budget';
import { Button, ErrorMessage } from '../../../components/ui';
import { useAction } from '../../../transport';

type StartArg = CallInput<'train.start'>;

/** What a step costs depends on these; the steps and intervals only multiply it. */
function costKey(arg: StartArg): string {
  const c = arg.config;
  return JSON.stringify([arg.styleSetId, arg.contentSetId, c?.model, c?.preset, c?.size, c?.width, c?.batch, c?.startFrom, c?.initSteps]);
}

/** The settings a plan sets on the form (the width only when the run may choose it). */
export type PlanFields = Pick<RunPlan, 'size' | 'steps' | 'checkpointEvery' | 'checkpointMinutes' | 'previewEvery'> & { width?: number };

function planFields(plan: RunPlan, widthFixed: boolean): PlanFields {
  const { size, width, steps, checkpointEvery, checkpointMinutes, previewEvery } = plan;
  return { size, steps, checkpointEvery, checkpointMinutes, previewEvery, ...(widthFixed ? {} : { width }) };
}

/**
 * "How long would this take here?": measures a step of each phase on the device a run would get (`train.estimate`,
 * seconds to minutes) and shows the run's time at the form's steps. A time budget then plans the run for this
 * machine ({@link planMeasured}: size, width, steps and intervals), measures again at the planned size and width,
 * and refits the steps to that measurement, so the time shown is measured. `arg` is the form's start argument, or
 * null while the form is not valid.
 */
export function RunEstimate({
  arg,
  sizeMultiple,
  onPlan,
}: {
  arg: StartArg | null;
  sizeMultiple: number;
  onPlan: (fields: PlanFields) => void;
}) {
  const estimate = useAction('train.estimate');
  const [result, setResult] = useState<{ key: string; e: TrainEstimate } | null>(null);
  const [planned, setPlanned] = useState<{ key: string; budget: TimeBudget; plan: RunPlan } | null>(null);
  // The form's settings now, for a measurement that lands after the user changed them.
  const argKey = arg ? costKey(arg) : null;
  const latestKey = useRef<string | null>(null);
  useEffect(() => {
    latestKey.current = argKey;
  }, [argKey]);
  const current = result && result.key === argKey ? result.e : null;
  const shownPlan = planned && planned.key === argKey ? planned : null;
  const steps = arg?.config?.steps ?? 0;

  async function applyBudget(budget: TimeBudget): Promise<void> {
    if (!arg || !current) return;
    const config = arg.config ?? {};
    // A run from a generator builds that generator, at its width.
    const widthFixed = config.startFrom !== undefined;
    const input: PlanInput = {
      costs: current,
      size: config.size ?? TrainConfig.shape.size.parse(undefined),
      width: config.width ?? TrainConfig.shape.width.parse(undefined),
      sizeMultiple,
      startsFromGenerator: config.startFrom !== undefined,
      widthFixed,
      budgetSeconds: budget.seconds,
    };
    const apply = (plan: RunPlan): string => {
      const key = costKey({ ...arg, config: { ...config, ...planFields(plan, widthFixed) } });
      setPlanned({ key, budget, plan });
      onPlan(planFields(plan, widthFixed));
      return key;
    };
    const done = await planMeasured(input, async (plan) => {
      const key = apply(plan);
      const e = await estimate.run({ ...arg, config: { ...config, ...planFields(plan, widthFixed) } });
      // Failed (the error shows), or the user changed the settings meanwhile: theirs stand.
      if (!e || latestKey.current !== key) return null;
      setResult({ key, e });
      return e;
    });
    if (done) apply(done.plan);
  }

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
      {result && !current && !estimate.pending && <span className="small muted">Settings changed: estimate again.</span>}
      {shownPlan && !current && estimate.pending && <span className="small muted">Measuring at the planned size…</span>}
      {current && (
        <span className="run-estimate-fit">
          <span className="small muted">Plan the run for:</span>
          {TIME_BUDGETS.map((b) => (
            <Button
              key={b.seconds}
              type="button"
              disabled={estimate.pending}
              onClick={() => void applyBudget(b)}
              title="Picks the size, width, steps and intervals that fit this time here, then measures again at them"
              data-testid={`run-estimate-fit-${b.seconds}`}
            >
              {b.label}
            </Button>
          ))}
        </span>
      )}
      {shownPlan && (
        <span
          className="small muted"
          data-testid="run-estimate-plan"
          data-size={shownPlan.plan.size}
          data-width={shownPlan.plan.width}
          data-budget={shownPlan.budget.seconds}
        >
          {shownPlan.budget.label}: {shownPlan.plan.reason}.
        </span>
      )}
      <ErrorMessage error={estimate.error} onDismiss={estimate.clearError} />
    </div>
  );
}
