/** The convert page's range fields: what is sent for each way of filling them, and which field is blamed. */
import { describe, expect, it } from 'vitest';
import { TimeRange } from '@shared/convert';
import { endPastClip, parseRange, secondsText, WHOLE_CLIP, type RangeForm } from '../../../../src/renderer/src/features/convert/clipRange';

const form = (start: string, end: string): RangeForm => ({ whole: false, start, end });

describe('parseRange', () => {
  it('sends no range for the whole clip, whatever the fields still hold', () => {
    expect(parseRange(WHOLE_CLIP, 60)).toEqual({ range: null });
    expect(parseRange({ whole: true, start: 'junk', end: '-1' }, 60)).toEqual({ range: null });
  });

  it('reads empty fields as the clip’s start and end', () => {
    expect(parseRange(form('', ''), 60)).toEqual({ range: { startSeconds: 0, endSeconds: 60 } });
    expect(parseRange(form(' ', '10'), 60)).toEqual({ range: { startSeconds: 0, endSeconds: 10 } });
    expect(parseRange(form('5.5', '  '), 60)).toEqual({ range: { startSeconds: 5.5, endSeconds: 60 } });
  });

  it('clamps an end past the clip to its length', () => {
    expect(parseRange(form('10', '999'), 60)).toEqual({ range: { startSeconds: 10, endSeconds: 60 } });
  });

  it('blames the start for a negative, non-numeric or too-late start', () => {
    for (const start of ['-1', 'abc', '1:30', 'Infinity']) {
      const r = parseRange(form(start, ''), 60);
      expect(r, start).toMatchObject({ field: 'start' });
    }
    expect(parseRange(form('60', ''), 60)).toEqual({ field: 'start', problem: 'The start lies past the end of the clip (60 s).' });
    expect(parseRange(form('70', '80'), 60.1234)).toMatchObject({ field: 'start', problem: expect.stringContaining('60.123 s') as unknown });
  });

  it('blames the end for zero, a negative or non-numeric end, and an end not after the start', () => {
    for (const [start, end] of [['', '0'], ['', '-5'], ['', 'x'], ['10', '10'], ['10', '5']]) {
      expect(parseRange(form(start!, end!), 60), `${start}..${end}`).toMatchObject({ field: 'end' });
    }
  });

  it('only ever returns a range the contract accepts', () => {
    const texts = ['', '0', '0.001', '5', '59.999', '60', '61', '-1', 'x', '1e1'];
    for (const duration of [0.5, 60]) {
      for (const start of texts) {
        for (const end of texts) {
          const r = parseRange(form(start, end), duration);
          if ('range' in r && r.range !== null) {
            expect(TimeRange.safeParse(r.range).success, `${start}..${end} of ${duration}`).toBe(true);
            expect(r.range.endSeconds).toBeLessThanOrEqual(duration);
          }
        }
      }
    }
  });
});

describe('secondsText', () => {
  it('writes milliseconds at most, without trailing zeros or float noise', () => {
    expect(secondsText(10)).toBe('10');
    expect(secondsText(0.1 + 0.2)).toBe('0.3');
    expect(secondsText(1.23456)).toBe('1.235');
    expect(secondsText(12.5)).toBe('12.5');
  });

  it('round-trips through parseRange', () => {
    const start = secondsText(12.3456);
    expect(parseRange(form(start, ''), 60)).toEqual({ range: { startSeconds: 12.346, endSeconds: 60 } });
  });
});

describe('endPastClip', () => {
  it('is true only for a typed end beyond the clip, which the range then stops at', () => {
    const form = (end: string, whole = false): RangeForm => ({ whole, start: '', end });
    expect(endPastClip(form('999'), 60)).toBe(true);
    expect(endPastClip(form('60'), 60)).toBe(false);
    expect(endPastClip(form(''), 60)).toBe(false);
    expect(endPastClip(form('999', true), 60)).toBe(false);
  });
});
