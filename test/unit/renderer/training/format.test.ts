/** Number and date formatting of the training area. */
import { describe, expect, it } from 'vitest';
import { formatCount, formatCreated, formatMeasure, formatMillions, formatStep, formatWeight } from '../../../../src/renderer/src/features/training/format';

describe('formatMeasure', () => {
  it('gives four significant digits with separators, and plain zero', () => {
    expect(formatMeasure(0)).toBe('0');
    expect(formatMeasure(1234.5678)).toBe('1,235');
    expect(formatMeasure(0.123456)).toBe('0.1235');
    expect(formatMeasure(-2.5)).toBe('-2.5');
    expect(formatMeasure(0.001)).toBe('0.001');
    expect(formatMeasure(99_999)).toBe('100,000'); // four digits, still below the exponent threshold
  });

  it('switches to exponents outside 1e-3 .. 1e5', () => {
    expect(formatMeasure(0.000_123_4)).toBe('1.23e-4');
    expect(formatMeasure(123_456)).toBe('1.23e+5');
    expect(formatMeasure(-123_456)).toBe('-1.23e+5');
  });

  it('shows a dash for missing or non-finite values', () => {
    for (const v of [null, undefined, Number.NaN, Number.POSITIVE_INFINITY]) expect(formatMeasure(v)).toBe('—');
  });
});

describe('formatWeight', () => {
  it('gives three significant digits and no exponent over the weights’ range', () => {
    expect(formatWeight(0.1)).toBe('0.1');
    expect(formatWeight(0.123456)).toBe('0.123');
    expect(formatWeight(350)).toBe('350');
    expect(formatWeight(1234)).toBe('1230');
    expect(formatWeight(10_000)).toBe('10000');
    expect(formatWeight(0)).toBe('0');
    expect(formatWeight(Number.NaN)).toBe('—');
  });
});

describe('counts', () => {
  it('writes parameter counts in full and in millions', () => {
    expect(formatCount(2_140_948.4)).toBe('2,140,948');
    expect(formatMillions(130_000)).toBe('0.13 M');
    expect(formatMillions(2_140_948)).toBe('2.14 M');
    expect(formatMillions(12_345_678)).toBe('12.3 M');
    expect(formatStep(20_000)).toBe('20,000');
  });
});

describe('formatCreated', () => {
  it('gives back text that is not a date', () => {
    expect(formatCreated('not a date')).toBe('not a date');
  });

  it('names the year only for dates of another year', () => {
    expect(formatCreated('2001-03-04T10:00:00Z')).toMatch(/2001/);
    const thisYear = new Date();
    thisYear.setMonth(0, 15);
    expect(formatCreated(thisYear.toISOString())).not.toMatch(new RegExp(String(thisYear.getFullYear())));
  });
});
