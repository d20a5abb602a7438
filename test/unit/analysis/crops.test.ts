import { describe, expect, it } from 'vitest';
import { centerCrop, cropRects, mulberry32 } from '../../../src/main/services/frames/analysis';

describe('mulberry32', () => {
  it('gives the published sequence for seed 0 and stays in [0, 1)', () => {
    // First outputs of the reference mulberry32 for seed 0, as 32-bit integers.
    const random = mulberry32(0);
    expect([random(), random(), random()].map((v) => Math.round(v * 2 ** 32))).toEqual([1144304738, 1416247, 958946056]);
    const r = mulberry32(123);
    for (let i = 0; i < 10_000; i++) {
      const v = r();
      expect(v >= 0 && v < 1).toBe(true);
    }
  });
});

describe('cropRects', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(cropRects(1280, 720, 256, 20, 42)).toEqual(cropRects(1280, 720, 256, 20, 42));
    expect(cropRects(1280, 720, 256, 20, 42)).not.toEqual(cropRects(1280, 720, 256, 20, 43));
  });

  it('keeps every crop inside the image and reaches both ends of the range', () => {
    const { resizeTo, crops } = cropRects(300, 260, 256, 2000, 7);
    expect(resizeTo).toBeNull();
    for (const c of crops) {
      expect(c.width).toBe(256);
      expect(c.height).toBe(256);
      expect(c.x).toBeGreaterThanOrEqual(0);
      expect(c.y).toBeGreaterThanOrEqual(0);
      expect(c.x + c.width).toBeLessThanOrEqual(300);
      expect(c.y + c.height).toBeLessThanOrEqual(260);
    }
    expect(new Set(crops.map((c) => c.x))).toEqual(new Set(Array.from({ length: 45 }, (_, i) => i)));
    expect(new Set(crops.map((c) => c.y)).size).toBe(5);
  });

  it('gives the only possible crop when the image is exactly the crop size', () => {
    expect(cropRects(256, 256, 256, 3, 1).crops).toEqual(Array(3).fill({ x: 0, y: 0, width: 256, height: 256 }));
  });

  it('scales a too-small image up, short side to the crop size, and crops inside the scaled size', () => {
    const landscape = cropRects(320, 180, 256, 50, 3);
    expect(landscape.resizeTo).toEqual({ width: 455, height: 256 }); // 320 * 256 / 180 = 455.1
    for (const c of landscape.crops) {
      expect(c.y).toBe(0);
      expect(c.x + 256).toBeLessThanOrEqual(455);
    }
    expect(cropRects(100, 200, 256, 1, 3).resizeTo).toEqual({ width: 256, height: 512 });
    expect(cropRects(100, 100, 256, 1, 3).resizeTo).toEqual({ width: 256, height: 256 });
  });

  it('rejects sizes that are not positive integers', () => {
    expect(() => cropRects(0, 10, 4, 1, 1)).toThrow(RangeError);
    expect(() => cropRects(10, 10, 2.5, 1, 1)).toThrow(RangeError);
    expect(() => cropRects(10, 10, 4, -1, 1)).toThrow(RangeError);
  });
});

describe('centerCrop', () => {
  it('centres the crop, putting an odd leftover pixel on the right/bottom', () => {
    expect(centerCrop(1280, 720, 256)).toEqual({ resizeTo: null, crops: [{ x: 512, y: 232, width: 256, height: 256 }] });
    expect(centerCrop(259, 256, 256).crops[0]).toEqual({ x: 1, y: 0, width: 256, height: 256 });
  });

  it('scales a too-small image first', () => {
    expect(centerCrop(320, 180, 256)).toEqual({ resizeTo: { width: 455, height: 256 }, crops: [{ x: 99, y: 0, width: 256, height: 256 }] });
  });
});
