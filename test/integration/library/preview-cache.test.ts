import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PreviewCache } from '../../../src/main/services/library/preview-cache';
import { tempDir } from '../../support/temp-dir';

describe('preview cache', () => {
  it('stores previews by hash and trims to the newest, with leftovers of interrupted writes', async () => {
    const cache = new PreviewCache(join(tempDir(), 'cache', 'previews'));
    const hashes = ['a', 'b', 'c', 'd'].map((c) => c.repeat(64));
    for (const [i, h] of hashes.entries()) {
      await cache.put(h, new Uint8Array([i]));
      utimesSync(cache.pathOf(h), 1000 + i, 1000 + i);
    }
    writeFileSync(join(cache.dir, 'x.png.1234.part'), 'half');
    expect(cache.find(hashes[0]!)).toBe(cache.pathOf(hashes[0]!));
    expect(await cache.trim(2)).toBe(3);
    expect(hashes.map((h) => cache.find(h) !== undefined)).toEqual([false, false, true, true]);
    expect(existsSync(join(cache.dir, 'x.png.1234.part'))).toBe(false);
  });
});
