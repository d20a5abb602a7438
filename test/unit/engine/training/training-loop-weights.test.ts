/**
 * The training loop's weight edits and checkpoints: edits carry only the changed terms and are merged, so two
 * slider moves that arrive within one step both apply (and are reported with that step); a checkpoint is written
 * every `checkpointEvery` steps and also once `checkpointMinutes` have passed since the last. The trainer is a
 * small stand-in that records what it was given.
 */
import { describe, expect, it } from 'vitest';
import type { LossWeights } from '@shared/training';
import { runTrainingLoop } from '../../../../src/main/engine/training/training-loop';
import type { FromWorker, ToWorker } from '../../../../src/main/engine/training/worker-protocol';
import { STAND_IN_CONFIG as config, StandInTrainer } from './stand-in-trainer';

/** Records the weights each step ran with; each step takes `stepMs`. */
class WeightRecordingTrainer extends StandInTrainer {
  /** The weights each step ran with. */
  readonly stepWeights: LossWeights[] = [];
  constructor(
    weights: LossWeights,
    private readonly stepMs = 0,
  ) {
    super();
    this.weights = weights;
  }
  override async trainStep(): ReturnType<StandInTrainer['trainStep']> {
    if (this.stepMs > 0) await new Promise((r) => setTimeout(r, this.stepMs));
    this.stepWeights.push(this.weights!);
    return super.trainStep();
  }
}

const start: LossWeights = { adv: 300, con: 1.5, gra: 3, col: 10, tv: 1, cycle: 0 };

describe('weight edits in the training loop', () => {
  it('applies two edits sent within one step together, at the next step, and reports it', async () => {
    const t = new WeightRecordingTrainer(start);
    const sent: FromWorker[] = [];
    // Both arrive while step 2 runs, so the loop sees them together before step 3.
    const inbox: ToWorker[][] = [[], [], [{ t: 'weights', weights: { col: 40 } }, { t: 'weights', weights: { adv: 200 } }]];
    await runTrainingLoop(t, config, (m) => sent.push(m), { take: () => inbox.shift() ?? [] }, start);
    const applied = sent.filter((m) => m.t === 'weightsApplied');
    expect(applied).toEqual([{ t: 'weightsApplied', step: 3, weights: { ...start, col: 40, adv: 200 } }]);
    expect(t.stepWeights[1]).toEqual(start);
    expect(t.stepWeights[2]).toEqual({ ...start, col: 40, adv: 200 });
    expect(t.stepWeights[5]).toEqual({ ...start, col: 40, adv: 200 });
  });

  it('keeps earlier edits when a later one changes another term', async () => {
    const t = new WeightRecordingTrainer(start);
    const sent: FromWorker[] = [];
    const inbox: ToWorker[][] = [[{ t: 'weights', weights: { col: 40 } }], [], [{ t: 'weights', weights: { tv: 2 } }]];
    await runTrainingLoop(t, config, (m) => sent.push(m), { take: () => inbox.shift() ?? [] }, start);
    expect(sent.filter((m) => m.t === 'weightsApplied')).toEqual([
      { t: 'weightsApplied', step: 1, weights: { ...start, col: 40 } },
      { t: 'weightsApplied', step: 3, weights: { ...start, col: 40, tv: 2 } },
    ]);
  });
});

describe('checkpoints in the training loop', () => {
  it('writes one every checkpointEvery steps and at the end', async () => {
    const t = new WeightRecordingTrainer(start);
    await runTrainingLoop(t, { ...config, checkpointEvery: 2 }, () => undefined, { take: () => [] }, start);
    expect(t.checkpoints).toEqual([2, 4, 6, 6]);
  });

  it('also writes one once checkpointMinutes have passed, however few steps that was', async () => {
    const t = new WeightRecordingTrainer(start, 40);
    const sent: FromWorker[] = [];
    // 0.001 minutes = 60 ms: about every second step of 40 ms.
    await runTrainingLoop(t, { ...config, checkpointMinutes: 0.001 }, (m) => sent.push(m), { take: () => [] }, start);
    const during = t.checkpoints.slice(0, -1);
    expect(during.length).toBeGreaterThanOrEqual(2);
    expect(sent.filter((m) => m.t === 'checkpoint').map((m) => (m as { step: number }).step)).toEqual(t.checkpoints);
  });
});
