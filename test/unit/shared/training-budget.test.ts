/** Plans that fit the machine: from one measured step and a time budget, the size, width, steps and intervals. */
import { describe, expect, it } from 'vitest';
import { TrainConfig } from '@shared/training';
import {
  fitPlan,
  fitToBudget,
  MAX_PLAN_MEASUREMENTS,
  MIN_PLANNED_WIDTH,
  MIN_STEPS_FROM_GENERATOR,
  MIN_STEPS_FROM_SCRATCH,
  minUsefulSteps,
  parseBudget,
  plannedSizes,
  plannedWidths,
  planForBudget,
  planMeasured,
  refinePlan,
  scaleCosts,
  secondsForSteps,
  TIME_BUDGETS,
  type PlanInput,
  type RunPlan,
  type StepCosts,
} from '@shared/training-budget';

/** A full-width AnimeGANv2 step at 256 px on a slow CPU: 4 s a GAN step, 1.5 s an init step, 500 init steps. */
const slow: PlanInput = {
  costs: { secondsPerStep: 4, initSecondsPerStep: 1.5, initSteps: 500 },
  size: 256,
  width: 1,
  sizeMultiple: 4,
  startsFromGenerator: false,
  widthFixed: false,
  budgetSeconds: 600,
};
const budgets = [60, 600, 1800, 3600, 4 * 3600, 8 * 3600, 48 * 3600, 30 * 24 * 3600];
const lex = (p: { size: number; width: number }): number => p.size * 10 + p.width;

describe('time budgets', () => {
  it('reads names, minutes and hours, and refuses anything else', () => {
    expect(TIME_BUDGETS.map((b) => b.seconds)).toEqual([600, 3600, 28_800]);
    expect(parseBudget('quick')).toBe(600);
    expect(parseBudget('Overnight')).toBe(28_800);
    expect(parseBudget('hour')).toBe(3600);
    expect(parseBudget('10m')).toBe(600);
    expect(parseBudget('90min')).toBe(5400);
    expect(parseBudget('1.5h')).toBe(5400);
    expect(parseBudget('8h')).toBe(28_800);
    for (const bad of ['', '10', '0m', '-1h', '1d', 'soon', '1h30m']) expect(parseBudget(bad)).toBeNull();
  });

  it('turns measured step costs into a run time, and a time budget into steps and intervals', () => {
    const costs = { secondsPerStep: 2, initSecondsPerStep: 0.5, initSteps: 100 };
    expect(secondsForSteps(costs, 1000)).toBe(100 * 0.5 + 900 * 2);
    expect(secondsForSteps(costs, 40)).toBe(20);
    // 10 minutes: 50 s of init, then 275 GAN steps.
    expect(fitToBudget(costs, 600)).toEqual({ steps: 375, checkpointEvery: 38, previewEvery: 19 });
    expect(secondsForSteps(costs, fitToBudget(costs, 600).steps)).toBeLessThanOrEqual(600);
    expect(fitToBudget(costs, 30).steps).toBe(60);
    expect(fitToBudget({ secondsPerStep: 1000, initSecondsPerStep: null, initSteps: 0 }, 600)).toEqual({ steps: 1, checkpointEvery: 1, previewEvery: 1 });
  });
});

describe('the sizes and widths a plan considers', () => {
  it('steps down the 2ⁿ / 1.5·2ⁿ ladder from the user’s size, in the model’s multiple, to the contract’s smallest', () => {
    expect(plannedSizes(256, 4)).toEqual([256, 192, 128, 96, 64, 48, 32, 24, 16]);
    expect(plannedSizes(200, 4)).toEqual([200, 192, 128, 96, 64, 48, 32, 24, 16]);
    expect(plannedSizes(256, 16)).toEqual([256, 192, 128, 96, 64, 48, 32, 16]);
    const min = TrainConfig.shape.size.unwrap().minValue!;
    expect(plannedSizes(min, 4)).toEqual([min]);
  });

  it('narrows the width no further than the planned floor, and keeps a fixed or already narrow width', () => {
    expect(plannedWidths(1, false)).toEqual([1, 0.75, 0.5, 0.375, 0.25]);
    expect(plannedWidths(0.6, false)).toEqual([0.6, 0.5, 0.375, 0.25]);
    expect(plannedWidths(0.125, false)).toEqual([0.125]);
    expect(plannedWidths(1, true)).toEqual([1]);
    expect(Math.min(...plannedWidths(1, false))).toBe(MIN_PLANNED_WIDTH);
  });

  it('scales a step with the pixels, and the networks’ share with the width squared', () => {
    const c = { secondsPerStep: 4, initSecondsPerStep: 2, initSteps: 10 };
    expect(scaleCosts(c, { size: 256, width: 1 }, { size: 128, width: 1 })).toEqual({ secondsPerStep: 1, initSecondsPerStep: 0.5, initSteps: 10 });
    const narrow = scaleCosts(c, { size: 256, width: 1 }, { size: 256, width: 0.5 });
    expect(narrow.secondsPerStep).toBeLessThan(4);
    expect(narrow.secondsPerStep).toBeGreaterThan(1);
    // Back again gives what was measured.
    expect(scaleCosts(narrow, { size: 256, width: 0.5 }, { size: 256, width: 1 }).secondsPerStep).toBeCloseTo(4, 12);
  });
});

describe('planForBudget', () => {
  it('keeps the user’s settings when the budget leaves time, and fills it with steps', () => {
    const plan = planForBudget({ ...slow, budgetSeconds: 8 * 3600 });
    expect(plan).toMatchObject({ size: 256, width: 1 });
    expect(plan.steps).toBe(fitToBudget(slow.costs, 8 * 3600).steps);
    expect(plan.expectedSeconds).toBeLessThanOrEqual(8 * 3600);
    expect(plan.checkpointEvery).toBe(Math.round(plan.steps / 10));
    expect(plan.previewEvery).toBe(Math.round(plan.steps / 20));
    expect(plan.checkpointMinutes).toBe(48);
    expect(plan.reason).toMatch(/^256 px at width 1, as set: it leaves time for 1,000 GAN steps after the 500-step init phase in 8 h 00 min/);
  });

  it('picks a smaller size for a short budget: the largest that still gets the minimum useful steps', () => {
    const plan = planForBudget(slow);
    expect(plan.size).toBeLessThan(256);
    expect(plan.steps).toBeGreaterThanOrEqual(minUsefulSteps(slow.costs, false));
    expect(plan.expectedSeconds).toBeLessThanOrEqual(600);
    expect(plan.reason).toMatch(/^\d+ px at width [\d.]+: the largest that leaves time for 1,000 GAN steps after the 500-step init phase in 10 min here$/);
    // The next size up at any width would not have had time for them.
    const sizes = plannedSizes(256, 4);
    const up = sizes[sizes.indexOf(plan.size) - 1]!;
    for (const width of plannedWidths(1, false)) {
      const at = scaleCosts(slow.costs, slow, { size: up, width });
      expect(secondsForSteps(at, minUsefulSteps(slow.costs, false))).toBeGreaterThan(600);
    }
  });

  it('grows (never shrinks) the size and width as the budget grows, and stays within the budget', () => {
    for (const base of [slow, { ...slow, startsFromGenerator: true, costs: { ...slow.costs, initSteps: 0 } }, { ...slow, widthFixed: true }]) {
      const plans = budgets.map((budgetSeconds) => planForBudget({ ...base, budgetSeconds }));
      for (let i = 1; i < plans.length; i++) {
        expect(lex(plans[i]!)).toBeGreaterThanOrEqual(lex(plans[i - 1]!));
        expect(plans[i]!.size).toBeGreaterThanOrEqual(plans[i - 1]!.size);
        if (plans[i]!.size === plans[i - 1]!.size && plans[i]!.width === plans[i - 1]!.width) {
          expect(plans[i]!.steps).toBeGreaterThanOrEqual(plans[i - 1]!.steps);
        }
      }
      for (const [i, p] of plans.entries()) if (p.steps > 1) expect(p.expectedSeconds).toBeLessThanOrEqual(budgets[i]!);
    }
  });

  it('never goes above the user’s size or width, however long the budget', () => {
    for (const budgetSeconds of budgets) {
      const plan = planForBudget({ ...slow, size: 96, width: 0.5, budgetSeconds });
      expect(plan.size).toBeLessThanOrEqual(96);
      expect(plan.width).toBeLessThanOrEqual(0.5);
    }
    expect(planForBudget({ ...slow, size: 96, width: 0.5, budgetSeconds: 30 * 24 * 3600 })).toMatchObject({ size: 96, width: 0.5 });
  });

  it('keeps a fixed width (the generator the run starts from) and shrinks only the size', () => {
    for (const budgetSeconds of budgets) {
      expect(planForBudget({ ...slow, width: 0.75, widthFixed: true, budgetSeconds }).width).toBe(0.75);
    }
    const fixed = planForBudget({ ...slow, widthFixed: true });
    const free = planForBudget(slow);
    expect(fixed.size).toBeLessThanOrEqual(free.size);
  });

  it('needs far fewer steps for a fine-tune than for a run from scratch, so keeps a larger size', () => {
    const fineTune = planForBudget({ ...slow, startsFromGenerator: true, costs: { ...slow.costs, initSteps: 0 }, budgetSeconds: 3600 });
    const scratch = planForBudget({ ...slow, budgetSeconds: 3600 });
    expect(lex(fineTune)).toBeGreaterThan(lex(scratch));
    expect(fineTune.steps).toBeGreaterThanOrEqual(MIN_STEPS_FROM_GENERATOR);
    expect(fineTune.reason).toMatch(/200 fine-tuning steps in 60 min/);
    expect(MIN_STEPS_FROM_GENERATOR).toBeLessThan(MIN_STEPS_FROM_SCRATCH);
  });

  it('falls back to the smallest size and width with at least one step when nothing fits', () => {
    const plan = planForBudget({ ...slow, costs: { secondsPerStep: 5000, initSecondsPerStep: 3000, initSteps: 500 }, budgetSeconds: 1 });
    expect(plan.size).toBe(16);
    expect(plan.width).toBe(MIN_PLANNED_WIDTH);
    expect(plan.steps).toBe(1);
    expect(plan.checkpointEvery).toBe(1);
    expect(plan.previewEvery).toBe(1);
    expect(plan.checkpointMinutes).toBe(1);
    expect(plan.reason).toMatch(/^16 px at width 0\.25, the smallest: even these leave no time .*; the init phase alone fills it/);
    // The smallest size the model divides into.
    expect(planForBudget({ ...slow, sizeMultiple: 16, costs: { ...slow.costs, secondsPerStep: 1e6 }, budgetSeconds: 1 }).size).toBe(16);
    expect(planForBudget({ ...slow, sizeMultiple: 12, costs: { ...slow.costs, secondsPerStep: 1e6 }, budgetSeconds: 1, size: 252 }).size).toBe(24);
  });

  it('steps down again when the measurement at the planned size leaves no time for the minimum, and only down', () => {
    const plan = planForBudget(slow);
    // Measured at the planned size, a step costs twice what scaling promised.
    const scaled = scaleCosts(slow.costs, slow, plan);
    const dearer = { ...scaled, secondsPerStep: scaled.secondsPerStep * 2, initSecondsPerStep: scaled.initSecondsPerStep! * 2 };
    const next = refinePlan(slow, plan, dearer, true);
    expect(lex(next)).toBeLessThan(lex(plan));
    expect(next.reason).toMatch(/the largest that leaves time/);
    // Out of measurements: this size stays, with its steps fitted to what it cost.
    expect(refinePlan(slow, plan, dearer, false)).toEqual(fitPlan(plan, dearer, 600));
    // Cheaper than promised: it stays, and fills the budget.
    const cheaper = { ...scaled, secondsPerStep: scaled.secondsPerStep / 2 };
    expect(refinePlan(slow, plan, cheaper, true)).toEqual(fitPlan(plan, cheaper, 600));
    // Already the smallest: it stays, saying so.
    const tiny = planForBudget({ ...slow, budgetSeconds: 1 });
    const stuck = refinePlan({ ...slow, budgetSeconds: 1 }, tiny, { secondsPerStep: 10, initSecondsPerStep: 10, initSteps: 500 }, true);
    expect(stuck).toMatchObject({ size: tiny.size, width: tiny.width, steps: 1 });
    expect(stuck.reason).toMatch(/the smallest/);
    expect(MAX_PLAN_MEASUREMENTS).toBeGreaterThanOrEqual(2);
  });

  it('refits the steps to a new measurement at the planned size, keeping the size, width and reason', () => {
    const plan = planForBudget(slow);
    const measured = { secondsPerStep: 0.2, initSecondsPerStep: 0.1, initSteps: 500 };
    const fitted = fitPlan(plan, measured, 600);
    expect(fitted).toMatchObject({ size: plan.size, width: plan.width, reason: plan.reason, checkpointMinutes: plan.checkpointMinutes });
    expect(fitted.steps).toBe(fitToBudget(measured, 600).steps);
    expect(fitted.expectedSeconds).toBe(secondsForSteps(measured, fitted.steps));
  });
});

/** A `measure` that costs each plan at `factor` times what scaling from `slow` promised, recording what it measured. */
function measuring(factor: number): { measure: (plan: RunPlan) => Promise<StepCosts>; at: { size: number; width: number }[] } {
  const at: { size: number; width: number }[] = [];
  const measure = async (plan: RunPlan): Promise<StepCosts> => {
    at.push({ size: plan.size, width: plan.width });
    const scaled = scaleCosts(slow.costs, slow, plan);
    return { ...scaled, secondsPerStep: scaled.secondsPerStep * factor, initSecondsPerStep: scaled.initSecondsPerStep! * factor };
  };
  return { measure, at };
}

describe('planMeasured', () => {
  it('measures nothing more when the plan keeps the settings measured', async () => {
    const roomy = { ...slow, budgetSeconds: 48 * 3600 };
    const { measure, at } = measuring(1);
    const result = await planMeasured(roomy, measure);
    expect(at).toEqual([]);
    expect(result).toEqual({ plan: planForBudget(roomy), costs: roomy.costs });
  });

  it('measures at the planned size and width and fits the steps to that measurement', async () => {
    const { measure, at } = measuring(1);
    const planned = planForBudget(slow);
    expect(planned.size).toBeLessThan(slow.size);
    const result = await planMeasured(slow, measure);
    expect(at).toEqual([{ size: planned.size, width: planned.width }]);
    const costs = scaleCosts(slow.costs, slow, planned);
    expect(result.costs).toEqual(costs);
    expect(result.plan).toEqual(fitPlan(planned, costs, slow.budgetSeconds));
  });

  it('steps down while the measurements cost more than promised, up to the measurements allowed in all', async () => {
    const { measure, at } = measuring(4);
    const result = await planMeasured(slow, measure);
    expect(at).toHaveLength(MAX_PLAN_MEASUREMENTS - 1);
    expect(at[1]!.size * 10 + at[1]!.width).toBeLessThan(at[0]!.size * 10 + at[0]!.width);
    // The last plan is the last size measured, fitted to that measurement.
    expect(result.plan).toMatchObject(at[at.length - 1]!);
    expect(result.plan.steps).toBe(fitPlan(result.plan, result.costs, slow.budgetSeconds).steps);
  });

  it('gives null and stops when a measurement gives null', async () => {
    let calls = 0;
    const result = await planMeasured(slow, async () => {
      calls++;
      return null;
    });
    expect(result).toBeNull();
    expect(calls).toBe(1);
  });
});
