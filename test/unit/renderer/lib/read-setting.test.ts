/** A form's number fields read against the contract: the value, or a problem in the contract's own bounds. */
import { describe, expect, it } from 'vitest';
import { calls } from '@shared/contract';
import { EncodeOptions } from '@shared/convert';
import { TrainConfig } from '@shared/training';
import { readSetting } from '../../../../src/renderer/src/lib/read-setting';

const QUALITY = calls['convert.still'].input.shape.quality;
const MAX_SIZE = calls['convert.clip'].input.shape.maxSize;

describe('readSetting', () => {
  it("takes what the setting's schema takes, typed as a person types it", () => {
    expect([readSetting(' 92 ', QUALITY, 'JPEG quality', 'quality'), readSetting('1e2', QUALITY, 'JPEG quality', 'quality')]).toEqual([{ value: 92 }, { value: 100 }]);
    expect(readSetting('0.05', TrainConfig.shape.width, 'Width', 'config.width')).toEqual({ value: 0.05 });
  });

  it('names the field and the bounds the contract sets when it refuses', () => {
    for (const text of ['101', '92.5', '0x10', '', 'high']) {
      expect(readSetting(text, QUALITY, 'JPEG quality', 'quality')).toEqual({
        problem: { message: 'JPEG quality must be a whole number from 1 to 100.', field: 'quality' },
      });
    }
    expect(readSetting('52', EncodeOptions.shape.crf, 'CRF', 'encode.crf')).toEqual({ problem: { message: 'CRF must be a whole number from 0 to 51.', field: 'encode.crf' } });
  });

  it('says an exclusive bound as such', () => {
    const r = readSetting('0', TrainConfig.shape.checkpointMinutes, 'Checkpoint minutes', 'config.checkpointMinutes');
    expect(r).toEqual({ problem: { message: 'Checkpoint minutes must be a number above 0, at most 1,440.', field: 'config.checkpointMinutes' } });
  });

  it('reads an empty optional field as null and mentions that empty is allowed', () => {
    expect(readSetting('  ', MAX_SIZE, 'Max size', 'maxSize', "keep the clip's size")).toEqual({ value: null });
    expect(readSetting('8', MAX_SIZE, 'Max size', 'maxSize', "keep the clip's size")).toEqual({
      problem: { message: "Max size must be a whole number from 16 to 16,384, or empty to keep the clip's size.", field: 'maxSize' },
    });
  });
});
