/** A form's number inputs take their bounds from the contract: read through the wrappers a setting is declared with. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calls } from '@shared/contract';
import { EncodeOptions, TimeRange } from '@shared/convert';
import { VideoSampling } from '@shared/curation';
import { limitsOf, numberRule, readNumber, type NumberSchema } from '@shared/number-limits';
import { TrainConfig } from '@shared/training';

describe('limitsOf', () => {
  it('reads a nullable, defaulted integer setting (the export crop)', () => {
    expect(limitsOf(calls['sets.export'].input.shape.cropSize)).toEqual({ min: 32, max: 2048, integer: true });
  });

  it('tells whole-number settings from fractional ones', () => {
    expect(limitsOf(EncodeOptions.shape.crf)).toEqual({ min: 0, max: 51, integer: true });
    expect(limitsOf(VideoSampling.shape.sceneThreshold)).toEqual({ min: 0.01, max: 1, integer: false });
    expect(limitsOf(TimeRange.shape.startSeconds)).toEqual({ min: 0, max: undefined, integer: false });
  });

  it('leaves unstated what the schema does not bound (an int alone has only the safe-integer range)', () => {
    expect(limitsOf(z.number().int())).toEqual({ min: undefined, max: undefined, integer: true });
    expect(limitsOf(z.number().optional())).toEqual({ min: undefined, max: undefined, integer: false });
  });

  it('refuses a schema that is not a number (which the types already keep out)', () => {
    expect(() => limitsOf(z.string().nullable() as unknown as NumberSchema)).toThrow(/number settings only/);
  });
});

describe('numberRule', () => {
  it('says the bounds in words, an exclusive one as such', () => {
    expect(numberRule(TrainConfig.shape.batch)).toBe('a whole number from 1 to 64');
    expect(numberRule(TrainConfig.shape.checkpointMinutes)).toBe('a number above 0, at most 1,440');
    expect(numberRule(TrainConfig.shape.checkpointEvery)).toBe('a whole number, at least 1');
    expect(numberRule(z.number().max(5))).toBe('a number, at most 5');
    expect(numberRule(z.number())).toBe('a number');
  });
});

describe('readNumber', () => {
  it('reads decimal text the schema takes, and nothing else', () => {
    expect([readNumber(' 64 ', TrainConfig.shape.batch), readNumber('-0.5e1', z.number()), readNumber('.5', z.number())]).toEqual([64, -5, 0.5]);
    expect(['65', '1.5', '0x10', '0b1', '', ' ', 'Infinity', '1,000'].map((t) => readNumber(t, TrainConfig.shape.batch))).toEqual(Array(8).fill(undefined));
  });
});
