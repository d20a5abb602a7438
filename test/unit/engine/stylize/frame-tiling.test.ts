import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../../support/shared-assets';
import { createBuiltinCelEngine } from '../../../../src/main/engine/stylize/builtin-cel';
import { type RgbImage, stylizeFrames, stylizeImage, tilingDefaults } from '../../../../src/main/engine/stylize/frame-tiling';
import { DEFAULT_MAX_TILE_PIXELS, FEATHER_PIXELS, planTiles, type TilePlan, TilingError } from '../../../../src/main/engine/stylize/tile-plan';
import { rgbToUnit, unitToRgb } from '../../../../src/main/engine/stylize/pixels';
import { type StyleEngine } from '../../../../src/main/engine/stylize/style-engine';
import { boxBlur } from '../../../support/box-blur';
import { boxBlurEngine, constantPerCallEngine, identityEngine } from './test-engines';
import { absError, corpusPhoto, noiseAndShapes } from './test-images';
import { expectCoresCoverFrame } from './tile-checks';

/** Whether (x, y) is within `band` pixels of an inner core boundary of the plan: where a seam would show. */
const nearSeam = (plan: TilePlan, band: number) => (x: number, y: number): boolean =>
  plan.columns.bounds.slice(1, -1).some((b) => Math.abs(x + 0.5 - b) <= band) || plan.rows.bounds.slice(1, -1).some((b) => Math.abs(y + 0.5 - b) <= band);

/** The engine applied to the whole image in one call, no tiling (the reference a tiled result must match). */
async function untiled(engine: StyleEngine, image: RgbImage): Promise<RgbImage> {
  return stylizeImage(engine, image, { maxTilePixels: 1 << 24 });
}

/** Tiled vs untiled errors of an engine on an image, with the plan used; logs them for the record. */
async function seamErrors(engine: StyleEngine, image: RgbImage, maxTilePixels: number, overlap?: number) {
  const opts = { maxTilePixels, ...(overlap === undefined ? {} : { overlap }) };
  const plan = planTiles(image.width, image.height, engine.sizeMultiple, tilingDefaults(engine, opts));
  const [tiled, whole] = [await stylizeImage(engine, image, opts), await untiled(engine, image)];
  const seam = absError(tiled, whole, nearSeam(plan, plan.overlap + 2));
  const all = absError(tiled, whole);
  console.log(`${engine.label} ${image.width}x${image.height}, ${plan.tiles.length} tiles of ${plan.columns.length}x${plan.rows.length}, overlap ${plan.overlap}, context ${engine.contextPixels}: seam bands max ${seam.max}/255 mean ${seam.mean.toFixed(4)}/255 (${seam.count / 3} px), whole frame max ${all.max}/255`);
  return { plan, seam, all };
}

describe('stylizeImage: tiles blend without seams', () => {
  const synthetic = noiseAndShapes(300, 200, 7);

  it('box blur (context 2, multiple 8) tiled with the default overlap equals the untiled frame', async () => {
    const { plan, seam, all } = await seamErrors(boxBlurEngine(), synthetic, 96 * 96);
    expect(plan.tiles.length).toBeGreaterThanOrEqual(6);
    expect(seam.count).toBeGreaterThan(10_000);
    expect(seam.max).toBeLessThanOrEqual(1);
    expect(all.max).toBeLessThanOrEqual(1);
    expect(seam.mean).toBeLessThan(0.01);
  });

  it('box blur tiled with overlap 0 shows seams (the comparison can fail)', async () => {
    const { plan, seam } = await seamErrors(boxBlurEngine(), synthetic, 96 * 96, 0);
    expect(plan.tiles.length).toBeGreaterThanOrEqual(6);
    expect(seam.max).toBeGreaterThan(20);
    expect(seam.mean).toBeGreaterThan(0.5);
  });

  it('the built-in cel style (context = its receptive field) tiled equals the untiled frame', async () => {
    const engine = createBuiltinCelEngine();
    const { plan, seam, all } = await seamErrors(engine, synthetic, 128 * 128);
    expect(plan.tiles.length).toBeGreaterThanOrEqual(4);
    expect(seam.max).toBeLessThanOrEqual(1);
    expect(all.max).toBeLessThanOrEqual(1);
    // No overlap: the tiles disagree at the cuts.
    expect((await seamErrors(engine, synthetic, 128 * 128, 0)).seam.max).toBeGreaterThan(20);
  });

  it.skipIf(!sharedPath('corpus/photos/lomiri_friends_by_Aitzol_Berasategi.jpg'))('on a real photo (../shared corpus) both engines tile exactly', async () => {
    const photo = (await corpusPhoto('lomiri_friends_by_Aitzol_Berasategi.jpg', 300, 200))!;
    expect((await seamErrors(boxBlurEngine(), photo, 96 * 96)).all.max).toBeLessThanOrEqual(1);
    expect((await seamErrors(boxBlurEngine(), photo, 96 * 96, 0)).seam.max).toBeGreaterThan(20);
    expect((await seamErrors(createBuiltinCelEngine(), photo, 128 * 128)).all.max).toBeLessThanOrEqual(1);
  });

  it('cross-fades neighbouring tiles with a linear ramp centred on the core boundary', async () => {
    // Context 0, overlap 16: tiles read 16 + FEATHER_PIXELS = 24 px past their cores and the ramp spans all 48 of
    // them. Two tiles side by side, the first all -0.5 and the second +0.5.
    const engine = constantPerCallEngine([-0.5, 0.5]);
    const image = noiseAndShapes(200, 40, 1);
    const opts = { maxTilePixels: 160 * 40, overlap: 16 };
    const plan = planTiles(200, 40, 8, opts);
    expect([plan.tiles.length, plan.margin]).toEqual([2, 16 + FEATHER_PIXELS]);
    const out = await stylizeImage(engine, image, opts);
    const [b, h] = [plan.columns.bounds[1]!, plan.margin];
    const row = Array.from({ length: 200 }, (_, x) => out.data[(20 * 200 + x) * 3]!);
    // Weight of the second tile: 0 up to h px before the boundary, then rising linearly over 2h px to 1.
    const expected = row.map((_, x) => {
      const r = Math.min(1, Math.max(0, (x + 0.5 - (b - h)) / (2 * h)));
      return Math.round((-0.5 * (1 - r) + 0.5 * r + 1) * 127.5);
    });
    expect(row.every((v, x) => Math.abs(v - expected[x]!) <= 1)).toBe(true);
    expect(new Set(row.slice(b - h, b + h)).size).toBeGreaterThan(40);
  });

  it('still feathers (a ramp of 2 x FEATHER_PIXELS) when the context fills the whole overlap', async () => {
    const engine = { ...constantPerCallEngine([-0.5, 0.5]), contextPixels: 16 };
    const out = await stylizeImage(engine, noiseAndShapes(200, 40, 1), { maxTilePixels: 160 * 40 });
    const row = Array.from({ length: 200 }, (_, x) => out.data[(20 * 200 + x) * 3]!);
    const ramp = row.filter((v) => v > 64 && v < 191);
    expect(ramp.length).toBeGreaterThanOrEqual(2 * FEATHER_PIXELS - 2);
    expect(ramp.length).toBeLessThanOrEqual(2 * FEATHER_PIXELS);
  });

  it("caps the default tile at the engine's own maxPixels when it has one", () => {
    const engine = Object.assign(boxBlurEngine(), { maxPixels: 50_000 });
    expect(tilingDefaults(engine)).toEqual({ maxTilePixels: 50_000, overlap: 16 });
    expect(tilingDefaults(boxBlurEngine(), { overlap: 3 })).toEqual({ maxTilePixels: DEFAULT_MAX_TILE_PIXELS, overlap: 3 });
  });
});

describe('stylizeImage: padding to the size multiple', () => {
  const image = noiseAndShapes(333, 97, 3);

  /** The 5x5 box blur of the unpadded image, straight from its definition. */
  const reference = (): RgbImage => {
    const x = new Float32Array(333 * 97 * 3);
    rgbToUnit(image.data, x);
    const data = new Uint8Array(x.length);
    unitToRgb(boxBlur(x, 1, 97, 333), data);
    return { width: 333, height: 97, data };
  };

  it('returns 333x97 from an engine that takes only multiples of 8, and an identity engine returns the input', async () => {
    const engine = identityEngine(8);
    const out = await stylizeImage(engine, image);
    expect([out.width, out.height, out.data.length]).toEqual([333, 97, 333 * 97 * 3]);
    expect(engine.calls).toEqual([[1, 104, 336]]);
    expect(Buffer.from(out.data).equals(Buffer.from(image.data))).toBe(true);
  });

  it('pads by reflection, so nothing from the padding leaks: the result equals the unpadded box blur, whole or tiled', async () => {
    const ref = reference();
    expect(absError(await stylizeImage(boxBlurEngine(), image), ref).max).toBeLessThanOrEqual(1);
    const engine = boxBlurEngine();
    const tiled = await stylizeImage(engine, image, { maxTilePixels: 80 * 80 });
    expect(engine.calls.length).toBeGreaterThan(4);
    expect(absError(tiled, ref).max).toBeLessThanOrEqual(1);
    // A zero-padded border would darken the last rows and columns; reflection keeps them like their neighbours.
    expect(absError(tiled, ref, (x, y) => x >= 330 || y >= 94).max).toBeLessThanOrEqual(1);
  });

  it('handles frames smaller than the multiple and one pixel wide', async () => {
    for (const [w, h] of [[1, 1], [1, 9], [5, 3]] as const) {
      const img = noiseAndShapes(w, h, 5);
      const out = await stylizeImage(identityEngine(8), img);
      expect(Buffer.from(out.data).equals(Buffer.from(img.data))).toBe(true);
    }
  });
});

describe('stylizeFrames: batching', () => {
  const frames = [1, 2, 3].map((seed) => noiseAndShapes(120, 80, seed));

  it('runs 3 small frames in one engine call and gives what 3 stylizeImage calls give', async () => {
    const engine = boxBlurEngine();
    const batched = await stylizeFrames(engine, frames);
    expect(engine.calls).toEqual([[3, 80, 120]]);
    const single = boxBlurEngine();
    for (let k = 0; k < 3; k++) expect(Buffer.from(batched[k]!.data).equals(Buffer.from((await stylizeImage(single, frames[k]!)).data))).toBe(true);
    expect(single.calls).toEqual([[1, 80, 120], [1, 80, 120], [1, 80, 120]]);
  });

  it('keeps each call under maxTilePixels: 2 + 1 frames, or tiles when one frame is too big', async () => {
    const engine = boxBlurEngine();
    const two = await stylizeFrames(engine, frames, { maxTilePixels: 2 * 120 * 80 });
    expect(engine.calls.map(([n]) => n)).toEqual([2, 1]);
    const tiledEngine = boxBlurEngine();
    const tiled = await stylizeFrames(tiledEngine, frames, { maxTilePixels: 64 * 64 });
    for (const [n, h, w] of tiledEngine.calls) expect(n * h * w).toBeLessThanOrEqual(64 * 64);
    for (let k = 0; k < 3; k++) {
      expect(Buffer.from(two[k]!.data).equals(Buffer.from((await stylizeImage(boxBlurEngine(), frames[k]!)).data))).toBe(true);
      expect(absError(tiled[k]!, two[k]!).max).toBeLessThanOrEqual(1);
    }
  });

  it('refuses frames of different sizes and returns [] for none', async () => {
    await expect(stylizeFrames(boxBlurEngine(), [frames[0]!, noiseAndShapes(10, 10, 1)])).rejects.toThrow(TilingError);
    expect(await stylizeFrames(boxBlurEngine(), [])).toEqual([]);
  });
});

describe('planTiles', () => {
  const cases: [number, number, number, number, number][] = [
    [1920, 1080, 8, 1 << 18, 16],
    [3840, 2160, 32, 1 << 20, 40],
    [333, 97, 8, 80 * 80, 16],
    [4000, 3000, 1, DEFAULT_MAX_TILE_PIXELS, 12],
    [1000, 10, 4, 40 * 12, 8],
  ];

  it.each(cases)('%ix%i multiple %i, max %i px, overlap %i: aligned equal tiles whose cores cover the frame', (w, h, m, maxTilePixels, overlap) => {
    const plan = planTiles(w, h, m, { maxTilePixels, overlap });
    const { paddedWidth: pw, paddedHeight: ph } = plan;
    expect([pw % m, ph % m, pw - w < m, ph - h < m]).toEqual([0, 0, true, true]);
    expect(plan.tiles.length).toBeGreaterThan(1);
    expect(plan.tilesPerBatch * plan.columns.length * plan.rows.length).toBeLessThanOrEqual(maxTilePixels);
    for (const t of plan.tiles) expect([t.x % m, t.y % m, t.width % m, t.height % m]).toEqual([0, 0, 0, 0]);
    // Each core has >= overlap of context inside its tile on every side, or all there is up to the frame border.
    expectCoresCoverFrame(plan, overlap);
  });

  it('keeps a frame that fits whole and counts how many fit a batch', () => {
    const plan = planTiles(1280, 720, 8, { maxTilePixels: DEFAULT_MAX_TILE_PIXELS, overlap: 16 });
    expect(plan.tiles).toEqual([{ x: 0, y: 0, width: 1280, height: 720, core: { x0: 0, y0: 0, x1: 1280, y1: 720 } }]);
    expect(plan.framesPerBatch).toBe(2);
    expect(planTiles(1920, 1080, 32, { maxTilePixels: DEFAULT_MAX_TILE_PIXELS, overlap: 16 }).tiles).toHaveLength(1);
  });

  it('says when maxTilePixels cannot hold a tile with its overlap', () => {
    expect(() => planTiles(500, 500, 8, { maxTilePixels: 30 * 30, overlap: 16 })).toThrow(/too small/);
    expect(() => planTiles(0, 5, 8, { maxTilePixels: 100, overlap: 0 })).toThrow(TilingError);
  });
});
