import { describe, expect, it } from 'vitest';
import { clusterNearDuplicates, grayscale, laplacianVariance, mulberry32, pHash, pickBestPerCluster } from '../../../src/main/services/frames/analysis';
import { fromRgb, jpegRoundTrip, toRgb, type RawRgb } from './image-io';
import { syntheticRgb } from './synthetic-images';

/** `hash` with the given bit positions (0 = least significant) flipped. */
const flip = (hash: bigint, ...bits: number[]): bigint => bits.reduce((h, b) => h ^ (1n << BigInt(b)), hash);

/** Seeded random 64-bit hashes. */
function randomHashes(count: number, seed: number): bigint[] {
  const random = mulberry32(seed);
  const u32 = (): bigint => BigInt(Math.floor(random() * 2 ** 32));
  return Array.from({ length: count }, () => (u32() << 32n) | u32());
}

describe('clusterNearDuplicates', () => {
  it('links hashes within maxDistance and numbers clusters in order of first appearance', () => {
    const [a, b] = randomHashes(2, 1) as [bigint, bigint];
    const ids = clusterNearDuplicates([a, b, flip(a, 1, 40), flip(b, 63)], 2);
    expect(ids).toEqual([0, 1, 0, 1]);
  });

  it('is transitive: a chain of close hashes is one cluster even when its ends are far apart', () => {
    const [a, other] = randomHashes(2, 2) as [bigint, bigint];
    const a1 = flip(a, 0, 1, 2); // 3 from a
    const a2 = flip(a1, 33, 34, 35); // 3 from a1, 6 from a
    const a3 = flip(a2, 60, 61, 62); // 3 from a2, 9 from a
    expect(clusterNearDuplicates([a3, other, a, a2, a1], 3)).toEqual([0, 1, 0, 0, 0]);
    // Without the middle links the ends stay apart.
    expect(clusterNearDuplicates([a3, other, a], 3)).toEqual([0, 1, 2]);
  });

  it('treats maxDistance as inclusive and 0 as exact duplicates only', () => {
    const [a] = randomHashes(1, 3) as [bigint];
    expect(clusterNearDuplicates([a, flip(a, 5, 6, 7, 8)], 4)).toEqual([0, 0]);
    expect(clusterNearDuplicates([a, flip(a, 5, 6, 7, 8)], 3)).toEqual([0, 1]);
    expect(clusterNearDuplicates([a, a, flip(a, 9)], 0)).toEqual([0, 0, 1]);
    expect(clusterNearDuplicates([], 5)).toEqual([]);
  });

  it('clusters 10,000 hashes with planted duplicates correctly (speed is in npm run bench analysis)', () => {
    const base = randomHashes(9000, 4);
    const hashes = [...base];
    // Every ninth base hash gets a near copy (2 bits off) appended.
    for (let i = 0; i < 9000; i += 9) hashes.push(flip(base[i]!, i % 64, (i + 17) % 64));
    expect(hashes).toHaveLength(10_000);
    const ids = clusterNearDuplicates(hashes, 4);
    for (let k = 0; k < 1000; k++) expect(ids[9000 + k]).toBe(ids[k * 9]);
    // Random 64-bit hashes are ~32 bits apart; within 4 bits happens with odds ~1e-13 per pair.
    expect(new Set(ids).size).toBe(9000);
  });
});

describe('pickBestPerCluster', () => {
  it('keeps the highest score in each cluster, the first on ties, and never a NaN over a number', () => {
    expect(pickBestPerCluster([0, 0, 1, 1, 0], [1, 5, 2, 2, 3])).toEqual([false, true, true, false, false]);
    expect(pickBestPerCluster([0, 0], [Number.NaN, -1])).toEqual([false, true]);
    expect(pickBestPerCluster([0], [Number.NaN])).toEqual([true]);
    expect(() => pickBestPerCluster([0, 1], [1])).toThrow(RangeError);
  });

  it('keeps the sharpest of a shot and its softened and re-encoded copies', async () => {
    const shot: RawRgb = { rgb: syntheticRgb(256, 144, 21), width: 256, height: 144 };
    const other: RawRgb = { rgb: syntheticRgb(256, 144, 22), width: 256, height: 144 };
    const frames = [
      await toRgb(fromRgb(shot).blur(1.2)),
      await jpegRoundTrip(shot, 50),
      other,
      shot,
      await toRgb(fromRgb(shot).blur(0.8)),
    ];
    const grays = frames.map((f) => grayscale(f.rgb, f.width, f.height));
    const ids = clusterNearDuplicates(grays.map((g) => pHash(g, 256, 144)), 6);
    expect(ids).toEqual([0, 0, 1, 0, 0]);
    const keep = pickBestPerCluster(ids, grays.map((g) => laplacianVariance(g, 256, 144)));
    expect(keep).toEqual([false, false, true, true, false]);
  });
});
