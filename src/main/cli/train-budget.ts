/**
 * `cel-studio train --budget`: a run planned for a time budget on this machine, as the new-run form's budget buttons
 * plan it (src/shared/training-budget.ts): measure a step at the given settings, plan the size and width, measure
 * again at those, and fit the steps and intervals to that measurement.
 */
import { formatPlanDuration } from '@shared/durations';
import { StudioError } from '@shared/errors';
import { TrainConfig, type TrainEstimate } from '@shared/training';
import { parseBudget, planMeasured, TIME_BUDGETS, type PlanInput, type RunPlan } from '@shared/training-budget';
import { getModel } from '../engine/models/registry';
import type { StudioHost } from '../host/studio-host';
import type { CliIo } from './commands';

/** Seconds of `--budget`'s value; a BAD_INPUT naming the forms it takes otherwise. */
export function budgetOption(text: string): number {
  const seconds = parseBudget(text);
  if (seconds === null) {
    const names = TIME_BUDGETS.map((b) => b.name).join(', ');
    throw new StudioError('BAD_INPUT', `--budget must be minutes or hours (10m, 90min, 1.5h) or one of ${names}, not "${text}"`, 'budget');
  }
  return seconds;
}

/** A planned run and the measurement its steps were fitted to. */
export interface BudgetPlan {
  plan: RunPlan;
  estimate: TrainEstimate;
  budgetSeconds: number;
}

/**
 * Measures `config` here, plans it for `budgetSeconds`, and measures again whenever the plan changes the size or width
 * ({@link planMeasured}), so the plan's steps are fitted to a measurement at its own settings.
 * Writes what it is doing to stderr (each measurement takes seconds to minutes).
 */
export async function planForMachine(
  host: StudioHost,
  sets: { styleSetId: number; contentSetId: number },
  config: Partial<TrainConfig>,
  budgetSeconds: number,
  io: CliIo,
): Promise<BudgetPlan> {
  const measure = async (c: Partial<TrainConfig>): Promise<TrainEstimate> =>
    (await host.dispatch('train.estimate', { ...sets, config: c }, { transport: 'cli' })) as TrainEstimate;
  // The settings as the run would take them (defaults filled in from the contract).
  const full = TrainConfig.parse(config);
  io.stderr.write(`measuring a step at ${full.size} px, width ${full.width} on the device a run would get...\n`);
  const estimate = await measure(config);
  const startsFromGenerator = config.startFrom !== undefined;
  const input = {
    costs: estimate,
    size: full.size,
    width: full.width,
    sizeMultiple: getModel(full.model).sizeMultiple,
    startsFromGenerator,
    // A run from a generator builds that generator, at its width.
    widthFixed: startsFromGenerator,
    budgetSeconds,
  } satisfies PlanInput;
  const { plan, costs } = await planMeasured(input, (at) => {
    io.stderr.write(`measuring again at the planned ${at.size} px, width ${at.width}...\n`);
    return measure({ ...config, size: at.size, ...(startsFromGenerator ? {} : { width: at.width }) });
  });
  return { plan, estimate: costs, budgetSeconds };
}

/**
 * E.g. `plan for 10 min on wasm (...): 96 px at width 0.5, 1,234 steps (120 init), a checkpoint every 123 steps or
 * 1 min; about 10 min`.
 */
export function formatBudgetPlan({ plan, estimate, budgetSeconds }: BudgetPlan): string {
  const init = Math.min(plan.steps, estimate.initSteps);
  const initText = init > 0 ? ` (${init.toLocaleString('en-US')} init)` : '';
  return (
    `plan for ${formatPlanDuration(budgetSeconds)} on ${estimate.backend}: ${plan.size} px at width ${plan.width}, ` +
    `${plan.steps.toLocaleString('en-US')} steps${initText}, a checkpoint every ${plan.checkpointEvery.toLocaleString('en-US')} steps or ` +
    `${plan.checkpointMinutes} min; about ${formatPlanDuration(plan.expectedSeconds)} (${estimate.secondsPerStep.toFixed(2)} s a step)`
  );
}
