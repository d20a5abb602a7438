/** Each farm worker's frames per second, from the frames its segments report over the last 15 s. */
import { describe, expect, it } from 'vitest';
import { WorkerRates } from '../../../../src/main/services/farm/worker-rates';

describe('farm worker rates', () => {
  it('gives each worker its frames over the time it has worked, fastest first, up to a 15 s window', () => {
    const r = new WorkerRates();
    r.record('a', 10, 0);
    r.record('b', 4, 1000);
    r.record('a', 10, 2000);
    r.record('b', 4, 3000);
    // a: 20 frames since 0 ms; b: 8 since 1000 ms.
    expect(r.rates(4000)).toEqual([
      { worker: 'a', framesPerSecond: 5 },
      { worker: 'b', framesPerSecond: 8 / 3 },
    ]);
    expect(r.describe(4000)).toBe('2 workers: a 5.0 frames/s, b 2.7 frames/s');
    // 30 s later only what a did in the last 15 s counts, over 15 s; b has dropped out.
    r.record('a', 30, 33_000);
    expect(r.rates(34_000)).toEqual([{ worker: 'a', framesPerSecond: 2 }]);
    expect(new WorkerRates().describe()).toBe('');
  });

  it('ignores reports that add no frames (a retried segment starting again)', () => {
    const r = new WorkerRates();
    r.record('a', 0, 0);
    r.record('a', -5, 10);
    expect(r.rates(1000)).toEqual([]);
  });
});
