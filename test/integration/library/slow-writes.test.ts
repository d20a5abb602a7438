/** A write transaction slower than 100 ms is logged by the library that ran it; quick ones are not. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../../src/main/services/library/library';
import { tempDir } from '../../support/temp-dir';

describe('the slow-write log', () => {
  it('names a write transaction over 100 ms and stays quiet for quick ones', () => {
    const lines: string[] = [];
    const lib = Library.open(join(tempDir(), 'L'), { create: true, log: (l) => lines.push(l) });
    try {
      lib.store.write((tx) => tx.prepare('SELECT 1').get());
      expect(lines).toEqual([]);
      lib.store.write(() => {
        const until = performance.now() + 150;
        while (performance.now() < until);
      });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^slow write transaction: \d+ ms$/);
      expect(Number(/(\d+) ms/.exec(lines[0]!)![1])).toBeGreaterThanOrEqual(150);
    } finally {
      lib.store.close();
    }
  });
});
