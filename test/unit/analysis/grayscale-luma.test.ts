import { describe, expect, it } from 'vitest';
import { BRIGHT_MEAN_MIN, DARK_MEAN_MAX, FLAT_STD_MAX, classifyExposure, grayscale, lumaStats } from '../../../src/main/services/frames/analysis';
import { OPENCV_GRAY } from './fixtures/opencv-reference';
import { gradientNoiseGray } from './synthetic-images';

describe('grayscale', () => {
  it("matches OpenCV's cvtColor(RGB2GRAY) fixed-point rounding, including colours where float rounding is off by one", () => {
    const rgb = new Uint8Array(OPENCV_GRAY.flatMap(([r, g, b]) => [r, g, b]));
    expect(Array.from(grayscale(rgb, OPENCV_GRAY.length, 1))).toEqual(OPENCV_GRAY.map((row) => row[3]));
  });

  it('keeps pure channels at their weights and refuses a short buffer', () => {
    expect(Array.from(grayscale(new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255]), 3, 1))).toEqual([76, 150, 29]);
    expect(() => grayscale(new Uint8Array(5), 2, 1)).toThrow(RangeError);
  });
});

describe('lumaStats and classifyExposure', () => {
  const frame = (value: number): Uint8Array => new Uint8Array(64 * 36).fill(value);

  it('computes the population mean and std', () => {
    expect(lumaStats(new Uint8Array([0, 0, 10, 10]))).toEqual({ mean: 5, std: 5 });
    expect(lumaStats(new Uint8Array(0))).toEqual({ mean: 0, std: 0 });
  });

  it("flags a black frame as 'dark' and 'flat', a white one as 'bright' and 'flat', a flat grey as only 'flat'", () => {
    expect(classifyExposure(lumaStats(frame(0)))).toEqual(['dark', 'flat']);
    expect(classifyExposure(lumaStats(frame(255)))).toEqual(['bright', 'flat']);
    expect(classifyExposure(lumaStats(frame(128)))).toEqual(['flat']);
  });

  it('passes a photo-like gradient with noise', () => {
    const stats = lumaStats(gradientNoiseGray(320, 180, 20, 5));
    expect(stats.mean).toBeGreaterThan(100);
    expect(stats.std).toBeGreaterThan(30);
    expect(classifyExposure(stats)).toEqual([]);
  });

  it('puts each threshold at its documented edge, and lets callers override them', () => {
    expect(classifyExposure({ mean: DARK_MEAN_MAX - 0.01, std: 50 })).toEqual(['dark']);
    expect(classifyExposure({ mean: DARK_MEAN_MAX, std: 50 })).toEqual([]);
    expect(classifyExposure({ mean: BRIGHT_MEAN_MIN + 0.01, std: 50 })).toEqual(['bright']);
    expect(classifyExposure({ mean: 128, std: FLAT_STD_MAX - 0.01 })).toEqual(['flat']);
    expect(classifyExposure({ mean: 128, std: FLAT_STD_MAX })).toEqual([]);
    expect(classifyExposure({ mean: 128, std: 20 }, { flatStdMax: 25 })).toEqual(['flat']);
  });

  it('sees a fade to black go dark before it reaches black', () => {
    const scene = gradientNoiseGray(160, 90, 20, 9);
    const faded = scene.map((v) => Math.round(v * 0.1));
    expect(classifyExposure(lumaStats(faded))).toContain('dark');
  });
});
