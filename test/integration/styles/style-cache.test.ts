/** Preview styles are leased: evicting one that a still is using does not dispose it until the still is done. */
import { describe, expect, it } from 'vitest';
import type { StyleChoice } from '@shared/convert';
import { StyleCache } from '../../../src/main/services/styles/style-cache';
import type { OpenLibrary } from '../../../src/main/services/studio/open-library';

const noLibrary = (): OpenLibrary => {
  throw new Error('no library needed for built-in styles');
};
const builtin = (levels: number): StyleChoice => ({ kind: 'builtin', options: { levels, edgeStrength: 0.9, smoothing: 1 } });
const pixel = new Float32Array([0.2, -0.4, 0.9]);

describe('style cache', () => {
  it('keeps an evicted engine alive while it is leased, and disposes it on release', async () => {
    const cache = new StyleCache();
    const held = await cache.lease(builtin(4), noLibrary);
    for (const levels of [5, 6, 7]) (await cache.lease(builtin(levels), noLibrary)).release();
    // Evicted by three newer styles, yet still usable by its holder.
    await expect(held.engine.stylize(pixel, 1, 1, 1)).resolves.toHaveLength(3);
    held.release();
    await new Promise((r) => setTimeout(r, 10));
    await expect(held.engine.stylize(pixel, 1, 1, 1)).rejects.toThrow();
    await cache.dispose();
  });

  it('hands the same engine to a second lease of the same style', async () => {
    const cache = new StyleCache();
    const a = await cache.lease(builtin(4), noLibrary);
    const b = await cache.lease(builtin(4), noLibrary);
    expect(b.engine).toBe(a.engine);
    a.release();
    b.release();
    await cache.dispose();
    await expect(a.engine.stylize(pixel, 1, 1, 1)).rejects.toThrow();
  });
});
