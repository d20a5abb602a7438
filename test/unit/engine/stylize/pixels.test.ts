import { describe, expect, it } from 'vitest';
import { reflect101, rgbToUnit, rgbWindowToUnit, unitToByte, unitToRgb } from '../../../../src/main/engine/stylize/pixels';

describe('pixels', () => {
  it('maps bytes to [-1, 1] and back exactly for all 256 values', () => {
    const bytes = Uint8Array.from({ length: 256 * 3 }, (_, i) => i % 256);
    const unit = new Float32Array(bytes.length + 6);
    rgbToUnit(bytes, unit, 3);
    expect([unit[3], unit[3 + 255]]).toEqual([-1, 1]);
    const back = new Uint8Array(bytes.length);
    unitToRgb(unit, back, 0, 3, 256);
    expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
  });

  it('clamps out-of-range floats and turns NaN black', () => {
    expect([unitToByte(-3), unitToByte(2), unitToByte(NaN), unitToByte(0)]).toEqual([0, 255, 0, 128]);
  });

  it('refuses buffers that are too small instead of writing past them', () => {
    expect(() => rgbToUnit(new Uint8Array(6), new Float32Array(3))).toThrow(RangeError);
    expect(() => unitToRgb(new Float32Array(6), new Uint8Array(5))).toThrow(RangeError);
  });

  it('reflects indices without repeating the edge, at any distance', () => {
    expect([-1, -2, 0, 4, 5, 6, 9, 10].map((i) => reflect101(i, 5))).toEqual([1, 2, 0, 4, 3, 2, 1, 2]);
    expect(reflect101(-7, 1)).toBe(0);
  });

  it('reads a window hanging over the edges by reflection, inside a larger virtual frame', () => {
    // A 3x2 image; bytes encode (x, y) as 10x + y in the red channel.
    const rgb = new Uint8Array(3 * 2 * 3);
    for (let y = 0; y < 2; y++) for (let x = 0; x < 3; x++) rgb[(y * 3 + x) * 3] = 10 * x + y;
    const dst = new Float32Array(5 * 3 * 3);
    rgbWindowToUnit(rgb, 3, 2, -1, 0, 5, 3, dst);
    const red = Array.from({ length: 15 }, (_, i) => Math.round((dst[i * 3]! + 1) * 127.5));
    // Columns -1..3 -> 1,0,1,2,1; rows 0..2 -> 0,1,0.
    expect(red).toEqual([10, 0, 10, 20, 10, 11, 1, 11, 21, 11, 10, 0, 10, 20, 10]);
    // Inside a virtual 4-wide frame, column 4 folds to 2 there (then stays 2), not to 0 as the image alone would give.
    const one = new Float32Array(3);
    rgbWindowToUnit(rgb, 3, 2, 4, 0, 1, 1, one, 0, 4, 2);
    expect(Math.round((one[0]! + 1) * 127.5)).toBe(20);
  });
});
