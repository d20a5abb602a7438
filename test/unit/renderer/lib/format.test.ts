/** Display formatting shared by every area: percent, rates, durations, clip times, counts and names. */
import { describe, expect, it } from 'vitest';
import { baseName, formatDuration, formatFileSize, formatRate, formatScore, formatSourceTime, percentOf, plural } from '../../../../src/renderer/src/lib/format';

describe('percentOf', () => {
  it('gives whole percent rounded down, capped at 100, and 0 for an unknown total', () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(2, 3)).toBe(66);
    expect(percentOf(999, 1000)).toBe(99); // never 100 before the end
    expect(percentOf(3, 3)).toBe(100);
    expect(percentOf(5, 3)).toBe(100);
    expect(percentOf(5, 0)).toBe(0);
    expect(percentOf(5, -1)).toBe(0);
  });
});

describe('formatRate', () => {
  it('shows one decimal below 10 per second and none above', () => {
    expect(formatRate(2.345)).toBe('2.3 images/s');
    expect(formatRate(12.6, 'clips')).toBe('13 clips/s');
  });

  it('shows a dash until the rate is measurable', () => {
    for (const r of [0, -1, Number.NaN]) expect(formatRate(r, 'files')).toBe('— files/s');
  });
});

describe('formatDuration', () => {
  it('writes m:ss under an hour and h:mm:ss above, carrying a rounded 60 seconds', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(59.6)).toBe('1:00');
    expect(formatDuration(3599.5)).toBe('1:00:00');
    expect(formatDuration(3661)).toBe('1:01:01');
    expect(formatDuration(100 * 3600)).toBe('100:00:00');
  });

  it('shows a dash for an unknown, negative or infinite time', () => {
    for (const s of [null, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(formatDuration(s)).toBe('—');
  });
});

describe('formatSourceTime', () => {
  it('writes mm:ss.ff, carrying 59.999 s into the next minute, with minutes past 59', () => {
    expect(formatSourceTime(0)).toBe('00:00.00');
    expect(formatSourceTime(65.25)).toBe('01:05.25');
    expect(formatSourceTime(59.999)).toBe('01:00.00');
    expect(formatSourceTime(3600)).toBe('60:00.00');
    expect(formatSourceTime(1 / 3)).toBe('00:00.33');
  });

  it('shows a dash for an unknown time', () => {
    for (const s of [null, -0.5, Number.NaN]) expect(formatSourceTime(s)).toBe('—');
  });
});

describe('plural', () => {
  it('uses the singular only for exactly one, with thousands separators', () => {
    expect(plural(1, 'image')).toBe('1 image');
    expect(plural(0, 'image')).toBe('0 images');
    expect(plural(1234, 'image')).toBe('1,234 images');
    expect(plural(2, 'box', 'boxes')).toBe('2 boxes');
  });
});

describe('baseName', () => {
  it('takes the last segment for either separator', () => {
    expect(baseName('/a/b/photo.png')).toBe('photo.png');
    expect(baseName('C:\\photos\\x.JPG')).toBe('x.JPG');
    expect(baseName('mixed/dir\\name.mp4')).toBe('name.mp4');
    expect(baseName('bare')).toBe('bare');
  });

  it('never shows an empty name', () => {
    for (const p of ['/a/b/', '/', 'C:\\']) expect(baseName(p), p).not.toBe('');
  });
});

describe('formatScore', () => {
  it('gives at most the digits asked, with separators, and a dash when not measured', () => {
    expect(formatScore(1234.56)).toBe('1,234.6');
    expect(formatScore(2, 3)).toBe('2');
    expect(formatScore(0.12345, 3)).toBe('0.123');
    expect(formatScore(null)).toBe('—');
    expect(formatScore(Number.NaN)).toBe('—');
  });
});

describe('formatFileSize', () => {
  it('writes decimal units with one decimal below 10 and none above, as file managers do', () => {
    expect(formatFileSize(0)).toBe('0 B');
    expect(formatFileSize(999)).toBe('999 B');
    expect(formatFileSize(1000)).toBe('1.0 kB');
    expect(formatFileSize(146_204)).toBe('146 kB');
    expect(formatFileSize(9_960)).toBe('10 kB');
    expect(formatFileSize(999_600)).toBe('1.0 MB');
    expect(formatFileSize(12_345_678_901)).toBe('12 GB');
  });
});
