import { describe, expect, it } from 'vitest';
import { grayscale, hammingDistance, hashToHex, hexToHash, lowFrequencyDct, mulberry32, pHash, resizeArea } from '../../../src/main/services/frames/analysis';
import { fromRgb, jpegRoundTrip, toRgb, type RawRgb } from './image-io';
import { syntheticRgb } from './synthetic-images';

const hashOf = (image: RawRgb): bigint => pHash(grayscale(image.rgb, image.width, image.height), image.width, image.height);
const scene = (seed: number): RawRgb => ({ rgb: syntheticRgb(320, 180, seed), width: 320, height: 180 });

describe('hash helpers', () => {
  it('counts differing bits across both 32-bit halves', () => {
    expect(hammingDistance(0n, 0n)).toBe(0);
    expect(hammingDistance(0n, 0xffffffffffffffffn)).toBe(64);
    expect(hammingDistance(0x8000000000000001n, 1n)).toBe(1);
    expect(hammingDistance(0x0f0f0f0f00000000n, 0x00000000f0f0f0f0n)).toBe(32);
  });

  it('writes 16 zero-padded hex digits and reads them back', () => {
    expect(hashToHex(0xan)).toBe('000000000000000a');
    expect(hashToHex(0xffffffffffffffffn)).toBe('ffffffffffffffff');
    for (const h of [0n, 1n, 0x8000000000000000n, 0x0123456789abcdefn]) expect(hexToHash(hashToHex(h))).toBe(h);
    expect(hexToHash('ABCDEF0123456789')).toBe(0xabcdef0123456789n);
    expect(() => hexToHash('123')).toThrow(RangeError);
    expect(() => hexToHash('zzzzzzzzzzzzzzzz')).toThrow(RangeError);
  });
});

describe('resizeArea and the DCT', () => {
  it('averages whole blocks on an integer scale and splits pixels cut by the grid on a fractional one', () => {
    const gray = new Uint8Array([0, 10, 20, 30, 40, 50, 60, 70]); // 4x2
    expect(Array.from(resizeArea(gray, 4, 2, 2, 1))).toEqual([(0 + 10 + 40 + 50) / 4, (20 + 30 + 60 + 70) / 4]);
    // 3 → 2 columns: output 0 covers pixel 0 and half of pixel 1.
    const row = resizeArea(new Uint8Array([0, 30, 60]), 3, 1, 2, 1);
    expect(row[0]).toBeCloseTo((0 + 15) / 1.5, 12);
    expect(row[1]).toBeCloseTo((15 + 60) / 1.5, 12);
  });

  it('puts a flat image into the DC term alone (scipy scale: 4 * 1024 * value)', () => {
    const dct = lowFrequencyDct(new Float64Array(32 * 32).fill(2));
    expect(dct[0]).toBeCloseTo(4 * 1024 * 2, 9);
    for (let i = 1; i < 64; i++) expect(Math.abs(dct[i]!)).toBeLessThan(1e-9);
  });

  it('hashes any flat image to the DC bit alone, whatever its level (black has no DC either)', () => {
    for (const v of [1, 128, 255]) expect(hashToHex(pHash(new Uint8Array(40 * 30).fill(v), 40, 30))).toBe('8000000000000000');
    expect(hashToHex(pHash(new Uint8Array(40 * 30), 40, 30))).toBe('0000000000000000');
  });
});

describe('pHash', () => {
  it('gives an exact duplicate distance 0 and is deterministic', () => {
    const a = scene(1);
    const copy = { ...a, rgb: Uint8Array.from(a.rgb) };
    expect(hashOf(copy)).toBe(hashOf(a));
    expect(hammingDistance(hashOf(a), hashOf(copy))).toBe(0);
  });

  it('keeps a JPEG re-encode, a brightness change and a resize within a few bits', async () => {
    const a = scene(1);
    const h = hashOf(a);
    expect(hammingDistance(h, hashOf(await jpegRoundTrip(a, 60)))).toBeLessThanOrEqual(4);
    expect(hammingDistance(h, hashOf(await toRgb(fromRgb(a).linear(1, 12))))).toBeLessThanOrEqual(4);
    expect(hammingDistance(h, hashOf(await toRgb(fromRgb(a).modulate({ brightness: 1.08 }))))).toBeLessThanOrEqual(4);
    expect(hammingDistance(h, hashOf(await toRgb(fromRgb(a).resize(160, 90))))).toBeLessThanOrEqual(4);
  });

  it('puts unrelated images far apart (> 20 bits)', async () => {
    // Smooth random scenes: seeded 8x6 colour noise blown up to 320x180, so their low frequencies are unrelated.
    const hashes = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (seed) => {
        const random = mulberry32(seed);
        const coarse = { rgb: new Uint8Array(8 * 6 * 3).map(() => Math.floor(random() * 256)), width: 8, height: 6 };
        return hashOf(await toRgb(fromRgb(coarse).resize(320, 180, { kernel: 'cubic' })));
      }),
    );
    for (let i = 0; i < hashes.length; i++) {
      for (let j = i + 1; j < hashes.length; j++) expect(hammingDistance(hashes[i]!, hashes[j]!)).toBeGreaterThan(20);
    }
  });
});
