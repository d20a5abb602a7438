/**
 * How long a run's steps take on this machine, measured before it starts: a throwaway trainer runs one step of each
 * phase after a warm-up step (the first step of a phase compiles kernels and allocates, and costs more than the
 * rest). The init phase (content loss only) and the GAN phase (D and G updates) differ about threefold.
 */
import type { Trainer } from './trainer';

/** Seconds a step takes in each phase; `init` null when the run has no init phase. */
export interface StepTiming {
  init: number | null;
  gan: number;
}

/** Times one warmed-up step of each phase the run has; leaves the trainer past its init phase (throw it away). */
export async function measureStepTiming(trainer: Trainer): Promise<StepTiming> {
  const timed = async (): Promise<number> => {
    const t0 = performance.now();
    await trainer.trainStep();
    return (performance.now() - t0) / 1000;
  };
  let init: number | null = null;
  if (trainer.initPhaseSteps > 0) {
    await trainer.trainStep();
    // Back to step 0, so the timed step is an init step even when the phase is one step long.
    trainer.step = 0;
    init = await timed();
  }
  // Straight to the GAN phase: which steps come first does not change what one costs.
  trainer.step = Math.max(trainer.step, trainer.initPhaseSteps);
  await trainer.trainStep();
  return { init, gan: await timed() };
}
