/**
 * Plans that fit the machine: from one measured step (`train.estimate`) and a time budget, the image size,
 * generator width, steps and checkpoint interval of a run that makes good use of that time here. Pure: the window's
 * budget buttons and `cel-studio train --budget` both call it, measure again at the planned size and width, and refit
 * the steps to that measurement with {@link refinePlan} (which steps down once more when that measurement shows the
 * smaller size costing more than scaled).
 *
 * The cost model, kept simple and monotone: a step's seconds scale with the pixels of a crop (size²), and the part
 * spent in the networks built at the width multiplier (generator, and the discriminator beside it) with width²
 * (convolution work is in-channels × out-channels); the VGG19 loss network runs at full width whatever the run's.
 * {@link WIDTH_SCALED_SHARE} says how much of a step that width-scaled part is at full width. The batch, model, preset
 * and init steps stay as measured: a plan changes only the size and width, then fits the steps.
 */
import { formatPlanDuration } from './durations';
import { TRAIN_LIMITS } from './train-limits';

/** A named time budget, offered by the new-run form and accepted by `train --budget`. */
export interface TimeBudget {
  /** What `--budget` also accepts for it. */
  name: 'quick' | 'hour' | 'overnight';
  /** The form's button. */
  label: string;
  seconds: number;
}

/** The budgets offered: a quick look, an hour, a night. */
export const TIME_BUDGETS: readonly TimeBudget[] = [
  { name: 'quick', label: 'Quick look (~10 min)', seconds: 10 * 60 },
  { name: 'hour', label: 'An hour', seconds: 60 * 60 },
  { name: 'overnight', label: 'Overnight (~8 h)', seconds: 8 * 60 * 60 },
];

/** Seconds of a budget written `10m`, `1.5h`, `90min` or a {@link TIME_BUDGETS} name; null when it is none of those. */
export function parseBudget(text: string): number | null {
  const t = text.trim().toLowerCase();
  const named = TIME_BUDGETS.find((b) => b.name === t);
  if (named) return named.seconds;
  const m = /^(\d+(?:\.\d+)?)\s*(m|min|h)$/.exec(t);
  if (!m) return null;
  const seconds = Number(m[1]) * (m[2] === 'h' ? 3600 : 60);
  return seconds > 0 ? seconds : null;
}

/**
 * How much of a step the width-scaled networks take at full width (the rest, mostly VGG19 on both images, does not
 * shrink with the width). A rough figure: it only orders plans and seeds the steps before the re-measurement.
 */
export const WIDTH_SCALED_SHARE = 0.5;

/**
 * The fewest GAN steps a run from random weights must reach after its content-only init phase to show a style:
 * below about a thousand the generator still gives back its input.
 */
export const MIN_STEPS_FROM_SCRATCH = 1000;

/** The fewest steps a fine-tune of a trained generator needs to move towards the style set. */
export const MIN_STEPS_FROM_GENERATOR = 200;

/** The narrowest width a plan chooses on its own (a narrower generator holds too little style to be worth it). */
export const MIN_PLANNED_WIDTH = 0.25;

/** Seconds a step takes in each phase, and how many init steps come first (from `train.estimate`). */
export interface StepCosts {
  secondsPerStep: number;
  initSecondsPerStep: number | null;
  initSteps: number;
}

/** Seconds a run of `steps` takes at `costs` (checkpoints and previews not counted). */
export function secondsForSteps(costs: StepCosts, steps: number): number {
  const init = Math.min(steps, costs.initSteps);
  return init * (costs.initSecondsPerStep ?? costs.secondsPerStep) + (steps - init) * costs.secondsPerStep;
}

const { steps: STEPS, size: SIZE, width: WIDTH, checkpointMinutes: CHECKPOINT_MINUTES } = TRAIN_LIMITS;

/**
 * The most steps that fit in `seconds` at `costs` (at least 1), with checkpoint and preview intervals that give
 * about 10 checkpoints and 20 previews over the run: a "quick look" or an "overnight" run for this machine.
 */
export function fitToBudget(costs: StepCosts, seconds: number): { steps: number; checkpointEvery: number; previewEvery: number } {
  const initCost = costs.initSteps * (costs.initSecondsPerStep ?? costs.secondsPerStep);
  const steps =
    seconds <= initCost
      ? Math.floor(seconds / (costs.initSecondsPerStep ?? costs.secondsPerStep))
      : costs.initSteps + Math.floor((seconds - initCost) / costs.secondsPerStep);
  const n = Math.max(STEPS.min ?? 1, Math.min(STEPS.max ?? Infinity, steps));
  return { steps: n, checkpointEvery: Math.max(1, Math.round(n / 10)), previewEvery: Math.max(1, Math.round(n / 20)) };
}

/** What a plan is made from: the measured step and the settings it was measured at. */
export interface PlanInput {
  /** The measurement (`train.estimate`) at `size`, `width` and `batch`. */
  costs: StepCosts;
  /** The user's size: the plan never goes above it. */
  size: number;
  /** The user's width: the plan never goes above it either. */
  width: number;
  /** The model's size multiple: a planned size divides by it. */
  sizeMultiple: number;
  /** The run starts from a trained generator (imported or a run's): it needs far fewer steps. */
  startsFromGenerator: boolean;
  /** The width is the generator's the run starts from, so the plan keeps it. */
  widthFixed: boolean;
  budgetSeconds: number;
}

/** A run that fits the budget: the settings to start it with, and why these. */
export interface RunPlan {
  size: number;
  width: number;
  steps: number;
  checkpointEvery: number;
  /** A checkpoint also after this many minutes, about a tenth of the budget, in case the run goes slower. */
  checkpointMinutes: number;
  previewEvery: number;
  /** The run's time at these steps (measured costs after {@link fitPlan}, extrapolated before). */
  expectedSeconds: number;
  /** One sentence for the user, e.g. "128 px at width 0.5: the largest that leaves time for …". */
  reason: string;
}

/**
 * Crop sizes a plan considers, largest first: the user's size, then the sizes below it on the 2ⁿ / 1.5·2ⁿ ladder
 * (…, 128, 96, 64, 48, …) rounded down to the model's multiple, down to the smallest size the contract allows.
 */
export function plannedSizes(userSize: number, sizeMultiple: number): number[] {
  const min = SIZE.min ?? 1;
  const max = SIZE.max ?? userSize;
  const smallest = Math.ceil(min / sizeMultiple) * sizeMultiple;
  const top = Math.max(smallest, Math.min(max, userSize));
  const out = new Set<number>([top]);
  for (let p = 1; p <= max; p *= 2) {
    for (const s of [p, p * 1.5]) {
      const rounded = Math.floor(s / sizeMultiple) * sizeMultiple;
      if (rounded >= smallest && rounded < top) out.add(rounded);
    }
  }
  out.add(smallest);
  return [...out].sort((a, b) => b - a);
}

/**
 * Widths a plan considers, widest first: the user's width, then 0.75, 0.5, 0.375, … of the contract's largest
 * below it, down to {@link MIN_PLANNED_WIDTH} (or the contract's smallest, if larger). Only the user's when fixed.
 */
export function plannedWidths(userWidth: number, fixed: boolean): number[] {
  if (fixed) return [userWidth];
  const max = WIDTH.max ?? 1;
  const floor = Math.max(WIDTH.min ?? 0, MIN_PLANNED_WIDTH);
  const out = new Set<number>([userWidth]);
  for (let p = max; p >= floor; p /= 2) {
    for (const w of [p, p * 0.75]) if (w >= floor && w < userWidth) out.add(w);
  }
  return [...out].sort((a, b) => b - a);
}

/** Step costs at another size and width, scaled from a measurement by the model above. */
export function scaleCosts(costs: StepCosts, from: { size: number; width: number }, to: { size: number; width: number }): StepCosts {
  const widthCost = (w: number): number => 1 - WIDTH_SCALED_SHARE + WIDTH_SCALED_SHARE * w * w;
  const f = (to.size / from.size) ** 2 * (widthCost(to.width) / widthCost(from.width));
  return {
    secondsPerStep: costs.secondsPerStep * f,
    initSecondsPerStep: costs.initSecondsPerStep === null ? null : costs.initSecondsPerStep * f,
    initSteps: costs.initSteps,
  };
}

/** The steps, intervals and time of a run at `costs` that fill `budgetSeconds`. */
function schedule(costs: StepCosts, budgetSeconds: number): Omit<RunPlan, 'size' | 'width' | 'reason'> {
  const fit = fitToBudget(costs, budgetSeconds);
  const minutes = Math.round(budgetSeconds / 60 / 10);
  const checkpointMinutes = Math.min(CHECKPOINT_MINUTES.max ?? Infinity, Math.max(1, minutes));
  return { ...fit, checkpointMinutes, expectedSeconds: secondsForSteps(costs, fit.steps) };
}

/** The fewest steps worth running: the init phase (when there is one) and then the GAN steps that show a style. */
export function minUsefulSteps(costs: StepCosts, startsFromGenerator: boolean): number {
  return costs.initSteps + (startsFromGenerator ? MIN_STEPS_FROM_GENERATOR : MIN_STEPS_FROM_SCRATCH);
}

/** "1,000 GAN steps after the 120-step init phase", "200 fine-tuning steps". */
function describeNeed(initSteps: number, startsFromGenerator: boolean): string {
  const main = startsFromGenerator ? `${MIN_STEPS_FROM_GENERATOR} fine-tuning steps` : `${MIN_STEPS_FROM_SCRATCH.toLocaleString('en-US')} GAN steps`;
  return initSteps > 0 ? `${main} after the ${initSteps.toLocaleString('en-US')}-step init phase` : main;
}

/**
 * The largest size (then width) up to the user's whose run still gets {@link minUsefulSteps} within the budget, with
 * as many steps as fit; when none does, the smallest size and width, with what steps fit (at least one).
 */
export function planForBudget(input: PlanInput): RunPlan {
  const { costs, budgetSeconds } = input;
  const measured = { size: input.size, width: input.width };
  const need = minUsefulSteps(costs, input.startsFromGenerator);
  const sizes = plannedSizes(input.size, input.sizeMultiple);
  const widths = plannedWidths(input.width, input.widthFixed);
  const budget = formatPlanDuration(budgetSeconds);
  const what = describeNeed(costs.initSteps, input.startsFromGenerator);
  for (const size of sizes) {
    for (const width of widths) {
      const at = scaleCosts(costs, measured, { size, width });
      if (secondsForSteps(at, need) > budgetSeconds) continue;
      const reason =
        size === input.size && width === input.width
          ? `${size} px at width ${width}, as set: it leaves time for ${what} in ${budget}`
          : `${size} px at width ${width}: the largest that leaves time for ${what} in ${budget} here`;
      return { size, width, ...schedule(at, budgetSeconds), reason };
    }
  }
  const size = sizes[sizes.length - 1]!;
  const width = widths[widths.length - 1]!;
  const at = scaleCosts(costs, measured, { size, width });
  const initOnly = secondsForSteps(at, costs.initSteps) >= budgetSeconds && costs.initSteps > 0;
  const reason =
    `${size} px at width ${width}, the smallest: even these leave no time for ${what} in ${budget} here` +
    (initOnly ? '; the init phase alone fills it, so fewer init steps would leave time for the style' : '');
  return { size, width, ...schedule(at, budgetSeconds), reason };
}

/** `plan` with its steps, intervals and time refitted to `costs` measured at its own size and width. */
export function fitPlan(plan: RunPlan, costs: StepCosts, budgetSeconds: number): RunPlan {
  return { ...plan, ...schedule(costs, budgetSeconds) };
}

/** How many measurements a plan may take in all: the one at the user's settings and up to two at planned ones. */
export const MAX_PLAN_MEASUREMENTS = 3;

/**
 * The plan after `costs` were measured at `plan`'s size and width: its steps refitted to them, or, when that
 * measurement leaves no time for {@link minUsefulSteps} and `mayShrink`, the next smaller plan (planned from this
 * measurement, capped at this plan) for the caller to measure in turn. Scaling down from a larger size tends to promise
 * too much, as part of a step does not shrink with the pixels; this only ever moves down, so it ends.
 */
export function refinePlan(input: PlanInput, plan: RunPlan, costs: StepCosts, mayShrink: boolean): RunPlan {
  const fits = secondsForSteps(costs, minUsefulSteps(costs, input.startsFromGenerator)) <= input.budgetSeconds;
  if (fits || !mayShrink) return fitPlan(plan, costs, input.budgetSeconds);
  const smaller = planForBudget({ ...input, costs, size: plan.size, width: plan.width });
  // Nothing smaller left: this size and width, with the reason that says so.
  return smaller.size === plan.size && smaller.width === plan.width ? fitPlan(smaller, costs, input.budgetSeconds) : smaller;
}

/** A plan and the measurement its steps were fitted to (the one at its own size and width). */
export interface MeasuredPlan<C extends StepCosts> {
  plan: RunPlan;
  costs: C;
}

/**
 * Plans `input` ({@link planForBudget}), then, while the plan's size or width is not the one last measured, measures
 * at the plan with `measure` and refits it to that measurement ({@link refinePlan}), at most
 * {@link MAX_PLAN_MEASUREMENTS} measurements in all counting `input.costs`. Null when `measure` gives null (it failed,
 * or the caller gave up); the plan is then the caller's to drop.
 */
export async function planMeasured<C extends StepCosts>(input: PlanInput & { costs: C }, measure: (plan: RunPlan) => Promise<C>): Promise<MeasuredPlan<C>>;
export async function planMeasured<C extends StepCosts>(
  input: PlanInput & { costs: C },
  measure: (plan: RunPlan) => Promise<C | null>,
): Promise<MeasuredPlan<C> | null>;
export async function planMeasured<C extends StepCosts>(
  input: PlanInput & { costs: C },
  measure: (plan: RunPlan) => Promise<C | null>,
): Promise<MeasuredPlan<C> | null> {
  let plan = planForBudget(input);
  let costs = input.costs;
  let at = { size: input.size, width: input.width };
  // Scaled from another size, the steps are a guess: measure at the planned size and fit them to what it costs.
  for (let measured = 1; plan.size !== at.size || plan.width !== at.width; measured++) {
    const next = await measure(plan);
    if (!next) return null;
    costs = next;
    at = plan;
    plan = refinePlan(input, plan, costs, measured + 1 < MAX_PLAN_MEASUREMENTS);
  }
  return { plan, costs };
}
