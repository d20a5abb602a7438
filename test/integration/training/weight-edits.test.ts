/**
 * Loss-weight edits through the services: the manager sends only the changed terms and the training process merges
 * them, so two edits sent within one step both apply (a harness once lost `col 40` this way) and each is recorded
 * with the step it applied at.
 */
import { describe, expect, it } from 'vitest';
import type { RunSummary, TrainConfig, WeightChange } from '@shared/training';
import { sharedPath } from '../../support/shared-assets';
import { importTrainingSets, useTrainingHost } from '../../support/training-fixtures';
import { untilRun } from '../../support/run-events';

const vggDir = sharedPath('weights/vgg19-keras-tfjs-block1-3');
const openHost = useTrainingHost();

const ctx = { transport: 'cli' as const };
const tiny: Partial<TrainConfig> = { model: 'animeganv2', size: 32, width: 0.125, batch: 1, metricsEvery: 1, previewEvery: 1000, checkpointEvery: 1000, initSteps: 2 };

describe.skipIf(!vggDir)('loss-weight edits of a running run', () => {
  it('applies two edits sent within one step, both recorded', { timeout: 180_000 }, async () => {
    const h = await openHost({ vggDir });
    const { style, content } = await importTrainingSets(h, 4);
    const run = (await h.dispatch('train.start', { styleSetId: style.id, contentSetId: content.id, config: { ...tiny, steps: 100_000 } }, ctx)) as RunSummary;
    await untilRun(h, run.id, (r) => r.state === 'running' && r.step >= 3);
    const before = h.open().runs.summary(run.id).weights;
    // Sent back to back: the process takes both before its next step.
    await Promise.all([
      h.dispatch('train.setWeights', { runId: run.id, weights: { col: 40 } }, ctx),
      h.dispatch('train.setWeights', { runId: run.id, weights: { adv: 123 } }, ctx),
    ]);
    const steered = await untilRun(h, run.id, (r) => r.weights.col === 40 && r.weights.adv === 123, 60_000);
    expect(steered.weights).toEqual({ ...before, col: 40, adv: 123 });
    await h.dispatch('train.stop', { runId: run.id }, ctx);
    await untilRun(h, run.id, (r) => r.state === 'stopped');
    const { weightChanges } = (await h.dispatch('runs.metrics', { runId: run.id }, ctx)) as { weightChanges: WeightChange[] };
    expect(weightChanges.at(-1)!.weights).toEqual({ ...before, col: 40, adv: 123 });
    expect(weightChanges.at(-1)!.step).toBeGreaterThan(3);
  });
});
