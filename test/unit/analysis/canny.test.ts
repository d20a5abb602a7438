import { describe, expect, it } from 'vitest';
import { cannyEdges, dilate } from '../../../src/main/services/frames/analysis';
import { stepEdgeGray } from './synthetic-images';

/** [row, column] of every non-zero pixel. mask: Uint8Array of width*height, row-major. */
const marked = (mask: Uint8Array, width: number): [number, number][] =>
  Array.from(mask.keys())
    .filter((i) => mask[i] !== 0)
    .map((i) => [Math.floor(i / width), i % width]);

const columnsOf = (mask: Uint8Array, width: number): number[] => [...new Set(marked(mask, width).map(([, x]) => x))];

describe('cannyEdges', () => {
  it('marks nothing on a flat image or a gentle ramp', () => {
    expect(marked(cannyEdges(new Uint8Array(40 * 30).fill(128), 40, 30), 40)).toEqual([]);
    const ramp = new Uint8Array(40 * 30).map((_, i) => (i % 40) * 6); // Sobel: 4 * 12 = 48 per pixel, below low
    expect(marked(cannyEdges(ramp, 40, 30), 40)).toEqual([]);
  });

  it('marks exactly the last column before a vertical step, in every row', () => {
    // Hand analysis: rows are identical, so dy = 0 everywhere (replicated border rows included). Sobel dx at column x is
    // 4 * (p[x+1] - p[x-1]): 4 * step at columns 9 and 10, 0 elsewhere. Both point sideways (|dy| < tan22.5 |dx|), and
    // OpenCV keeps a pixel that is > its left and >= its right neighbour: column 9 (0 < m, m >= m) but not column 10
    // (m > m fails). With step 60, m = 240 > high = 200, so column 9 is a strong edge in all 12 rows.
    const edges = cannyEdges(stepEdgeGray(20, 12, 10, 50, 110), 20, 12);
    expect(columnsOf(edges, 20)).toEqual([9]);
    expect(marked(edges, 20)).toHaveLength(12);
    // The darker side does not matter: the same column for a falling step.
    expect(columnsOf(cannyEdges(stepEdgeGray(20, 12, 10, 110, 50), 20, 12), 20)).toEqual([9]);
  });

  it('puts a horizontal step on the last row above it, by the same tie rule', () => {
    const gray = new Uint8Array(10 * 12).fill(200, 0, 10 * 5).fill(120, 10 * 5); // rows 0-4 bright, 5-11 dark
    const rows = [...new Set(marked(cannyEdges(gray, 10, 12), 10).map(([y]) => y))];
    expect(rows).toEqual([4]);
  });

  it('compares magnitude with the high threshold strictly: a step of 50 (m = 200) is dropped, 51 (m = 204) kept', () => {
    expect(marked(cannyEdges(stepEdgeGray(10, 6, 4, 80, 130), 10, 6), 10)).toEqual([]);
    expect(columnsOf(cannyEdges(stepEdgeGray(10, 6, 4, 80, 131), 10, 6), 10)).toEqual([3]);
    // A step between the thresholds (m = 4 * 30 = 120) is only a candidate, and with no strong edge to join it vanishes.
    expect(marked(cannyEdges(stepEdgeGray(10, 6, 4, 80, 110), 10, 6), 10)).toEqual([]);
    // OpenCV floors fractional thresholds (checked against cv2.Canny): high 199.5 acts as 199, so m = 200 is strong.
    expect(columnsOf(cannyEdges(stepEdgeGray(10, 6, 4, 80, 130), 10, 6, 100, 199.5), 10)).toEqual([3]);
    // Lowering both thresholds below it keeps it.
    expect(columnsOf(cannyEdges(stepEdgeGray(10, 6, 4, 80, 110), 10, 6, 50, 100), 10)).toEqual([3]);
  });

  it('finds a step at the first column (the replicated border reads column 0 as its own left neighbour)', () => {
    expect(columnsOf(cannyEdges(stepEdgeGray(8, 4, 1, 0, 255), 8, 4), 8)).toEqual([0]);
  });

  it('grows weak edges from strong ones through 8-connected candidates (hysteresis), as OpenCV 4.6 does', () => {
    // Columns >= 8 are 160 in rows 0-5 and 130 in rows 6-11; the rest 100. Column 7 is strong (m = 240) only in the top
    // half; in rows 7-11 its magnitude is 120, between the thresholds, so only hysteresis can mark it. The weak 160→130
    // step (m = 120) along row 5 joins through the strong corner at (5, 8). Coordinates recorded from cv2.Canny.
    const gray = new Uint8Array(16 * 12).fill(100);
    for (let y = 0; y < 12; y++) gray.fill(y < 6 ? 160 : 130, y * 16 + 8, (y + 1) * 16);
    const expected: [number, number][] = [
      ...[0, 1, 2, 3, 4].map((y): [number, number] => [y, 7]),
      ...[8, 9, 10, 11, 12, 13, 14, 15].map((x): [number, number] => [5, x]),
      [6, 8],
      ...[7, 8, 9, 10, 11].map((y): [number, number] => [y, 7]),
    ];
    expect(marked(cannyEdges(gray, 16, 12), 16)).toEqual(expected);
    // The bottom half's step alone has no strong pixel, so it disappears.
    expect(marked(cannyEdges(stepEdgeGray(16, 6, 8, 100, 130), 16, 6), 16)).toEqual([]);
  });

  it('swaps thresholds given in the wrong order and survives tiny images', () => {
    const gray = stepEdgeGray(20, 12, 10, 50, 110);
    expect(cannyEdges(gray, 20, 12, 200, 100)).toEqual(cannyEdges(gray, 20, 12, 100, 200));
    expect(Array.from(cannyEdges(new Uint8Array([0]), 1, 1))).toEqual([0]);
    expect(cannyEdges(new Uint8Array(0), 0, 0)).toHaveLength(0);
  });
});

describe('dilate', () => {
  it('grows each pixel into a size x size square clipped at the border', () => {
    const mask = new Uint8Array(9 * 7);
    mask[3 * 9 + 4] = 255; // centre
    mask[0] = 255; // corner
    const out = dilate(mask, 9, 7, 5);
    const expected = new Set<string>();
    for (let y = 1; y <= 5; y++) for (let x = 2; x <= 6; x++) expected.add(`${y},${x}`);
    for (let y = 0; y <= 2; y++) for (let x = 0; x <= 2; x++) expected.add(`${y},${x}`);
    expect(new Set(marked(out, 9).map(([y, x]) => `${y},${x}`))).toEqual(expected);
  });

  it('takes the maximum for grey levels and anchors an even size like OpenCV (one more pixel back than forward)', () => {
    expect(Array.from(dilate(new Uint8Array([0, 0, 7, 0, 3, 0, 0]), 7, 1, 3))).toEqual([0, 7, 7, 7, 3, 3, 0]);
    // size 4: the window at x spans x-2..x+1, so the pixel at 2 reaches outputs 1..4.
    expect(Array.from(dilate(new Uint8Array([0, 0, 9, 0, 0, 0]), 6, 1, 4))).toEqual([0, 9, 9, 9, 9, 0]);
    expect(() => dilate(new Uint8Array(4), 2, 2, 0)).toThrow(RangeError);
  });
});
