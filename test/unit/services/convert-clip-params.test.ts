/**
 * One place says when two clip conversions are the same: they share a work folder when every setting but the sound
 * and `overwrite` matches (the runner keeps such a folder for the other job), and the CLI resumes one only when its
 * sound is handled alike too. The folder does not depend on the order the params were built in.
 */
import { describe, expect, it } from 'vitest';
import { ConvertClipParams, sameConversion, sameSegments, workDirFor } from '../../../src/main/services/convert';

const base = ConvertClipParams.parse({
  input: '/videos/clip.mkv',
  output: '/videos/out.mp4',
  style: { kind: 'builtin' },
  encode: { codec: 'h264', crf: 20, preset: 'fast' },
  segmentFrames: 48,
});

describe('conversion identity', () => {
  it('names the work folder by the settings, whatever order the params were built in', () => {
    const reversed = Object.fromEntries(Object.entries(base).reverse()) as ConvertClipParams;
    expect(Object.keys(reversed)).not.toEqual(Object.keys(base));
    expect(workDirFor(reversed)).toBe(workDirFor(base));
  });

  it('shares the segments of a conversion that differs only in its sound or overwrite', () => {
    for (const other of [{ ...base, audio: 'keep' as const }, { ...base, overwrite: true }]) {
      expect(sameSegments(base, other)).toBe(true);
    }
    expect(sameConversion(base, { ...base, overwrite: true })).toBe(true);
    expect(sameConversion(base, { ...base, audio: 'keep' })).toBe(false);
  });

  it('shares the segments of the same conversion on a render farm, but resumes only a job on the same farm', () => {
    const farm = { ...base, farm: 'redis://farm.local:6379' };
    expect(workDirFor(farm)).toBe(workDirFor(base));
    expect(sameSegments(base, farm)).toBe(true);
    expect(sameConversion(base, farm)).toBe(false);
    expect(sameConversion(farm, { ...farm })).toBe(true);
  });

  it('tells apart conversions that differ in anything their frames depend on', () => {
    const others: ConvertClipParams[] = [
      { ...base, input: '/videos/other.mkv' },
      { ...base, output: '/videos/out2.mp4' },
      { ...base, style: { kind: 'run', runId: 'r1' } },
      { ...base, range: { startSeconds: 1, endSeconds: 2 } },
      { ...base, maxSize: 640 },
      { ...base, encode: { ...base.encode, crf: 21 } },
      { ...base, segmentFrames: 49 },
      { ...base, pin: { input: '10 bytes', style: 'built-in' } },
    ];
    for (const other of others) {
      expect(sameSegments(base, other), JSON.stringify(other)).toBe(false);
      expect(sameConversion(base, other)).toBe(false);
    }
  });
});
