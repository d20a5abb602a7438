/** The new-run form's bounds are the contract's: each limit is accepted by TrainConfig and one step past it is refused. */
import { describe, expect, it } from 'vitest';
import { TrainConfig } from '@shared/training';
import { TRAIN_LIMITS } from '@shared/train-limits';

const base = { model: 'animeganv2', preset: 'hayao' } as const;
const accepts = (key: string, v: number) => TrainConfig.safeParse({ ...base, [key]: v }).success;

describe('training limits from the schema', () => {
  it.each(['size', 'steps', 'width', 'batch'] as const)('%s: both ends accepted, past them refused', (key) => {
    const { min, max } = TRAIN_LIMITS[key];
    expect(min).toBeDefined();
    expect(max).toBeDefined();
    const past = key === 'width' ? 0.01 : 1;
    expect([accepts(key, min!), accepts(key, max!), accepts(key, min! - past), accepts(key, max! + past)]).toEqual([true, true, false, false]);
  });

  it('leaves the implicit bound of an integer unstated', () => {
    expect(TRAIN_LIMITS.metricsEvery).toEqual({ min: 1, max: undefined, integer: true });
    // The data order keeps 32 bits of the seed: larger seeds would repeat smaller ones' crops.
    expect(TRAIN_LIMITS.seed).toEqual({ min: 0, max: 2 ** 31, integer: true });
    expect(TRAIN_LIMITS.checkpointMinutes.max).toBe(1440);
  });
});
