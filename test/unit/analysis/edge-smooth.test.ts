import { describe, expect, it } from 'vitest';
import { cannyEdges, edgeSmooth, grayscale } from '../../../src/main/services/frames/analysis';
import { scriptValue, withinTwoOf } from './reference-edge-smooth';

const W = 24;
const H = 16;

/** A vertical edge at column 2 (next to the left border) and a dark block in the bottom-right corner, in
 * colours that change from pixel to pixel, so blurred values differ from the originals. Returns RGB Uint8Array of W*H*3, row-major. */
function edgeImage(): Uint8Array {
  const rgb = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 3;
      const colour =
        x < 2 ? [20 + 5 * y, 30 + 3 * y, 60 + 7 * x] : y >= 12 && x >= 14 ? [20 + x, 30 + y, 10] : [230 - 2 * y, 180 + x, 150 + x];
      rgb.set(colour, i);
    }
  }
  return rgb;
}

describe('edgeSmooth', () => {
  const rgb = edgeImage();
  const edges = cannyEdges(grayscale(rgb, W, H), W, H, 100, 200);
  const out = edgeSmooth(rgb, W, H);
  const nearEdge = (x: number, y: number): boolean => withinTwoOf(edges, W, H, x, y);

  it('finds the edges the test relies on: column 1 (last before the step) and around the bottom-right block', () => {
    for (let y = 0; y < 12; y++) expect(edges[y * W + 1]).toBe(255);
    expect(edges.some((v, i) => v !== 0 && i % W >= 12 && Math.floor(i / W) >= 10)).toBe(true);
  });

  it('leaves every pixel farther than the dilation radius from an edge unchanged', () => {
    let far = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        if (nearEdge(x, y)) continue;
        far++;
        const i = (y * W + x) * 3;
        expect([out[i], out[i + 1], out[i + 2]]).toEqual([rgb[i], rgb[i + 1], rgb[i + 2]]);
      }
    }
    expect(far).toBeGreaterThan(50);
  });

  it('sets pixels near edges to the truncated reflect-padded Gaussian sum, including at the image border', () => {
    let near = 0;
    let truncatedDiffersFromRounded = 0;
    let atBorder = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        if (!nearEdge(x, y)) continue;
        near++;
        if (x === 0 || y === H - 1) atBorder++;
        for (let c = 0; c < 3; c++) {
          const { value, sum } = scriptValue(rgb, W, H, x, y, c);
          expect(out[(y * W + x) * 3 + c], `pixel ${x},${y} channel ${c}`).toBe(value);
          if (Math.round(sum) !== value) truncatedDiffersFromRounded++;
        }
      }
    }
    expect(near).toBeGreaterThan(50);
    // The border pixels prove the reflect padding, and the rounding cases prove truncation rather than rounding.
    expect(atBorder).toBeGreaterThan(10);
    expect(truncatedDiffersFromRounded).toBeGreaterThan(10);
  });

  it('returns a copy with no edges at all for a flat image', () => {
    const flat = new Uint8Array(10 * 8 * 3).fill(90);
    const smoothed = edgeSmooth(flat, 10, 8);
    expect(smoothed).toEqual(flat);
    expect(smoothed).not.toBe(flat);
  });
});
