/** A form's number inputs take their bounds from the contract: read through the wrappers a setting is declared with. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calls } from '@shared/contract';
import { EncodeOptions, TimeRange } from '@shared/convert';
import { VideoSampling } from '@shared/curation';
import { limitsOf } from '@shared/number-limits';

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

  it('refuses a schema that is not a number', () => {
    expect(() => limitsOf(z.string().nullable())).toThrow(/number settings only/);
  });
});
