/**
 * Engines that take one input size only (ONNX files exported with fixed H and W): the tiler cuts bigger frames into
 * tiles of exactly that size, the last one flush with the far edge, pads smaller ones up by reflection, and what
 * comes back is the same size as the frame and equal to the engine run on the whole frame.
 */
import { describe, expect, it } from 'vitest';
import { type RgbImage, stylizeImage, tilingDefaults } from '../../../../src/main/engine/stylize/frame-tiling';
import { FEATHER_PIXELS, planTiles, TilingError } from '../../../../src/main/engine/stylize/tile-plan';
import { rgbToUnit, unitToRgb } from '../../../../src/main/engine/stylize/pixels';
import { boxBlur } from '../../../support/box-blur';
import { fixedSizeBoxBlurEngine } from './test-engines';
import { absError, noiseAndShapes } from './test-images';
import { expectCoresCoverFrame } from './tile-checks';

/** The 5x5 box blur of the whole image (reflect-101 at its borders), straight from its definition. */
function blurred(image: RgbImage): RgbImage {
  const x = new Float32Array(image.width * image.height * 3);
  rgbToUnit(image.data, x);
  const data = new Uint8Array(x.length);
  unitToRgb(boxBlur(x, 1, image.height, image.width), data);
  return { width: image.width, height: image.height, data };
}

describe('planTiles with a fixed tile size', () => {
  // [width, height, multiple, tile width, tile height, overlap]
  const cases: [number, number, number, number, number, number][] = [
    [150, 97, 1, 64, 64, 16],
    [150, 97, 8, 64, 64, 2],
    [1920, 1080, 16, 512, 512, 64],
    [333, 97, 8, 128, 64, 16],
    [3840, 2160, 4, 256, 256, 32],
  ];

  it.each(cases)('%ix%i multiple %i in %ix%i tiles, overlap %i: exact tiles, last flush, cores cover the frame', (w, h, m, tw, th, overlap) => {
    const plan = planTiles(w, h, m, { maxTilePixels: 1 << 20, overlap, tileSize: { width: tw, height: th } });
    const { paddedWidth: pw, paddedHeight: ph, margin } = plan;
    expect([pw, ph]).toEqual([Math.max(Math.ceil(w / m) * m, tw), Math.max(Math.ceil(h / m) * m, th)]);
    expect([plan.columns.length, plan.rows.length]).toEqual([tw, th]);
    expect(margin).toBe(Math.ceil((overlap + FEATHER_PIXELS) / m) * m);
    // The first tile starts at the frame's edge and the last ends at the other: none hangs past the padded frame.
    for (const [axis, size] of [[plan.columns, pw], [plan.rows, ph]] as const) {
      expect(axis.starts[0]).toBe(0);
      expect(axis.starts.at(-1)! + axis.length).toBe(size);
    }
    for (const t of plan.tiles) {
      expect([t.width, t.height]).toEqual([tw, th]);
      expect([t.x % m, t.y % m, t.core.x0 % m, t.core.y0 % m]).toEqual([0, 0, 0, 0]);
    }
    // Each core has >= margin of its own tile past every inner side.
    expectCoresCoverFrame(plan, margin);
    // The fewest tiles: n - 1 tiles overlapping by 2 x margin would not reach across the frame.
    for (const [axis, size, t] of [[plan.columns, pw, tw], [plan.rows, ph, th]] as const) {
      const n = axis.starts.length;
      if (n > 1) expect((n - 1) * (t - 2 * margin) + 2 * margin).toBeLessThan(size);
    }
    expect(plan.tilesPerBatch).toBe(Math.min(plan.tiles.length, Math.max(1, Math.floor((1 << 20) / (tw * th)))));
  });

  it('pads a frame smaller than the tile up to it (in one axis or both) and batches such frames', () => {
    const small = planTiles(40, 30, 8, { maxTilePixels: 4 * 64 * 64, overlap: 16, tileSize: { width: 64, height: 64 } });
    expect(small.tiles).toEqual([{ x: 0, y: 0, width: 64, height: 64, core: { x0: 0, y0: 0, x1: 64, y1: 64 } }]);
    expect([small.paddedWidth, small.paddedHeight, small.margin, small.framesPerBatch]).toEqual([64, 64, 0, 4]);
    const wide = planTiles(150, 30, 8, { maxTilePixels: 1 << 20, overlap: 16, tileSize: { width: 64, height: 64 } });
    expect(wide.paddedHeight).toBe(64);
    expect(wide.rows.starts).toEqual([0]);
    expect(wide.columns.starts.length).toBeGreaterThan(1);
  });

  it('runs a tile bigger than maxTilePixels anyway, one per call: the engine takes no other size', () => {
    const plan = planTiles(1200, 700, 16, { maxTilePixels: 1 << 18, overlap: 64, tileSize: { width: 1024, height: 1024 } });
    expect(plan.tiles.every((t) => t.width === 1024 && t.height === 1024)).toBe(true);
    expect(plan.tilesPerBatch).toBe(1);
  });

  it('shrinks the margin to leave a core in a small tile, and refuses a tile that is not on the size multiple', () => {
    const plan = planTiles(300, 300, 16, { maxTilePixels: 1 << 20, overlap: 64, tileSize: { width: 64, height: 64 } });
    expect(plan.margin).toBe(16);
    expect(plan.tiles.every((t) => t.width === 64 && t.height === 64)).toBe(true);
    expect(() => planTiles(300, 300, 16, { maxTilePixels: 1 << 20, overlap: 16, tileSize: { width: 72, height: 64 } })).toThrow(TilingError);
  });

  it("takes the tile size from the engine's fixedSize", () => {
    const engine = fixedSizeBoxBlurEngine({ width: 96, height: 64 });
    expect(tilingDefaults(engine)).toMatchObject({ tileSize: { width: 96, height: 64 }, overlap: 16 });
  });
});

describe('stylizeImage on a fixed-size engine', () => {
  it('cuts a 150x97 frame into 64x64 tiles and gives what the engine gives on the whole frame', async () => {
    const engine = fixedSizeBoxBlurEngine({ width: 64, height: 64 });
    const image = noiseAndShapes(150, 97, 11);
    const out = await stylizeImage(engine, image);
    expect([out.width, out.height, out.data.length]).toEqual([150, 97, 150 * 97 * 3]);
    expect(engine.calls.length).toBeGreaterThan(0);
    expect(engine.calls.every(([, h, w]) => h === 64 && w === 64)).toBe(true);
    expect(absError(out, blurred(image)).max).toBeLessThanOrEqual(1);
  });

  it('pads frames smaller than the tile, in both axes or one, and crops back to the same result', async () => {
    for (const [w, h] of [[40, 30], [150, 30], [30, 150], [1, 1]] as const) {
      const engine = fixedSizeBoxBlurEngine({ width: 64, height: 64 });
      const image = noiseAndShapes(w, h, 4);
      const out = await stylizeImage(engine, image);
      expect([out.width, out.height]).toEqual([w, h]);
      expect(engine.calls.every(([, ch, cw]) => ch === 64 && cw === 64)).toBe(true);
      expect(absError(out, blurred(image)).max, `${w}x${h}`).toBeLessThanOrEqual(1);
    }
  });
});
