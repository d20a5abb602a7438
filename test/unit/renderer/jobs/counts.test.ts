/** A job card's counts say what they count: an import's duplicates read as the reason frames were skipped. */
import { describe, expect, it } from 'vitest';
import { outcomeLine, shownCounts } from '../../../../src/renderer/src/jobs/counts';
import { job } from '../fixtures';

describe('shownCounts', () => {
  it('says why a video import skipped frames: they were identical to ones in the set, not look-alikes', () => {
    const video = job({ kind: 'import-video', state: 'done', counts: { imported: 2, duplicate: 17, frames: 40 } });
    const shown = shownCounts(video);
    expect(shown.map((c) => `${c.count} ${c.label}`)).toEqual(['40 frames added', '17 identical frames skipped', '2 clips cut']);
    const duplicate = shown.find((c) => c.key === 'duplicate');
    expect(duplicate?.hint).toMatch(/identical .* to one the set already holds/);
    expect(duplicate?.hint).toMatch(/Near-duplicates were kept/);
    expect(duplicate?.label).not.toMatch(/near/i);
  });

  it('shows the primary counts even at zero, then those with words, then any other the service reports', () => {
    const photos = job({ kind: 'import-photos', state: 'done', counts: { imported: 3, other: 1 } });
    expect(shownCounts(photos).map((c) => [c.key, c.count, c.label])).toEqual([
      ['imported', 3, 'imported'],
      ['duplicate', 0, 'identical files skipped'],
      ['skipped', 0, 'skipped'],
      ['other', 1, 'other'],
    ]);
  });

  it('leaves a count the kind has no words for as its key, without a hint', () => {
    expect(shownCounts(job({ kind: 'export-set', counts: { written: 5 } }))).toEqual([{ key: 'written', count: 5, label: 'written', hint: null }]);
  });
});

describe('outcomeLine', () => {
  it('reads the first shown count in words, and is empty before anything is counted', () => {
    expect(outcomeLine(job({ kind: 'import-video', counts: { imported: 1, frames: 1234 } }))).toBe('1,234 frames added');
    expect(outcomeLine(job({ kind: 'import-photos', counts: { imported: 12 } }))).toBe('12 imported');
    expect(outcomeLine(job({ kind: 'export-set', counts: {} }))).toBe('');
  });
});
