/**
 * `train.estimate` through the services: a throwaway training process (the built train-worker) times a warmed-up
 * step of each phase on a sample of the sets and answers before any run exists; the whole run's time follows from
 * the two costs and the init phase's length as the whole content set makes it. Nothing is stored.
 */
import { describe, expect, it } from 'vitest';
import type { TrainEstimate } from '@shared/training';
import { sharedPath } from '../../support/shared-assets';
import { importTrainingSets, useTrainingHost } from '../../support/training-fixtures';

const vggDir = sharedPath('weights/vgg19-keras-tfjs-block1-3');
const openHost = useTrainingHost();
const ctx = { transport: 'cli' as const };

describe.skipIf(!vggDir)('estimating a run before it starts', () => {
  it('measures both phases on the device a run gets, and stores nothing', { timeout: 120_000 }, async () => {
    const host = await openHost({ vggDir });
    const { style, content } = await importTrainingSets(host, 6);
    const config = { model: 'animeganv2', preset: 'hayao', size: 32, width: 0.125, batch: 2, steps: 1000 } as const;
    // Hayao's init epochs over 6 photos at batch 2: the init phase the real run would have.
    const e = (await host.dispatch('train.estimate', { styleSetId: style.id, contentSetId: content.id, config }, ctx)) as TrainEstimate;
    expect(e.backend).toMatch(/^(wasm|cpu|tensorflow|webgpu)/);
    expect(e.secondsPerStep).toBeGreaterThan(0);
    expect(e.initSecondsPerStep).toBeGreaterThan(0);
    expect(e.initSteps).toBe(3);
    expect(e.steps).toBe(1000);
    expect(e.totalSeconds).toBeCloseTo(3 * e.initSecondsPerStep! + 997 * e.secondsPerStep, 6);

    const noInit = (await host.dispatch('train.estimate', { styleSetId: style.id, contentSetId: content.id, config: { ...config, initSteps: 0 } }, ctx)) as TrainEstimate;
    expect(noInit.initSecondsPerStep).toBeNull();
    expect(noInit.totalSeconds).toBeCloseTo(1000 * noInit.secondsPerStep, 6);
    expect(await host.dispatch('runs.list', {}, ctx)).toEqual([]);
    await expect(
      host.dispatch('train.estimate', { styleSetId: style.id, contentSetId: content.id, config: { ...config, size: 30 } }, ctx),
    ).rejects.toMatchObject({ code: 'VALIDATION', field: 'config.size' });
  });
});
