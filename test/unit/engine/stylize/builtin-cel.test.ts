import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../../support/shared-assets';
import { createBuiltinCelEngine } from '../../../../src/main/engine/stylize/builtin-cel';
import { type RgbImage, stylizeImage } from '../../../../src/main/engine/stylize/frame-tiling';
import { rgbToUnit } from '../../../../src/main/engine/stylize/pixels';
import { corpusPhoto, distinctColours, noiseAndShapes, seededRandom } from './test-images';

const luma = (img: RgbImage, x: number, y: number): number => {
  const i = (y * img.width + x) * 3;
  return 0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!;
};

/** 160x120: a flat light-blue ground with a flat brick-red rectangle [40, 110) x [30, 90). */
function rectangleImage(): RgbImage {
  const [width, height] = [160, 120];
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(x >= 40 && x < 110 && y >= 30 && y < 90 ? [170, 50, 40] : [170, 200, 230], (y * width + x) * 3);
  }
  return { width, height, data };
}

describe('createBuiltinCelEngine', () => {
  it('describes itself as the interface asks', () => {
    const engine = createBuiltinCelEngine();
    expect([engine.kind, engine.sizeMultiple]).toEqual(['builtin', 1]);
    expect(engine.contextPixels).toBeGreaterThan(0);
    expect(engine.flopsPerPixel).toBeGreaterThan(100);
    // Less smoothing reaches less far (with lines on, the lines' reach after the first iteration dominates).
    const unlined = (smoothing: number): number => createBuiltinCelEngine({ smoothing, edgeStrength: 0 }).contextPixels;
    expect(unlined(1)).toBeLessThan(unlined(3));
    // The lines' reach counts too: with them on, even one smoothing pass reaches further than without.
    expect(createBuiltinCelEngine({ smoothing: 1 }).contextPixels).toBeGreaterThan(unlined(1));
  });

  it('flattens colour: fewer distinct colours than the input, luma gathered in `levels` bands', async () => {
    const image = noiseAndShapes(200, 150, 11);
    const out = await stylizeImage(createBuiltinCelEngine({ levels: 3 }), image);
    console.log(`distinct colours: input ${distinctColours(image)}, 3 levels ${distinctColours(out)}`);
    expect(distinctColours(out)).toBeLessThan(distinctColours(image) / 2);
    // Band centres of 3 levels in 0..255. Between the darkest and the lightest centre luma is pulled to a centre
    // (below and above them it is kept, so blacks and whites are not crushed).
    const centres = [0, 1, 2].map((k) => ((k + 0.5) * 255) / 3);
    const nearBand = (img: RgbImage): number => {
      let near = 0;
      let between = 0;
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) {
          const l = luma(img, x, y);
          if (l < centres[0]! - 8 || l > centres[2]! + 8) continue;
          between++;
          near += centres.some((c) => Math.abs(l - c) <= 8) ? 1 : 0;
        }
      }
      return near / between;
    };
    const plain = await stylizeImage(createBuiltinCelEngine({ levels: 3, edgeStrength: 0 }), image);
    console.log(`pixels within 8 levels of a band centre: input ${nearBand(image).toFixed(2)}, output ${nearBand(plain).toFixed(2)}`);
    expect(nearBand(plain)).toBeGreaterThan(0.65); // the rest: soft steps between bands, and colours clipped at the RGB gamut
    expect(nearBand(image)).toBeLessThan(0.5);
  });

  it('inks outlines dark and leaves flat areas and hues alone', async () => {
    const image = rectangleImage();
    const inked = await stylizeImage(createBuiltinCelEngine({ edgeStrength: 1 }), image);
    const plain = await stylizeImage(createBuiltinCelEngine({ edgeStrength: 0 }), image);
    // Along every row of the left and right outlines and every column of the top and bottom ones, some pixel within
    // 3 px of the edge is darkened by at least 60% of its luma.
    const darkened = (x: number, y: number): boolean => luma(inked, x, y) < 0.4 * luma(plain, x, y);
    for (let y = 33; y < 87; y++) {
      expect([37, 38, 39, 40, 41, 42].some((x) => darkened(x, y))).toBe(true);
      expect([107, 108, 109, 110, 111, 112].some((x) => darkened(x, y))).toBe(true);
    }
    for (let x = 43; x < 107; x++) expect([27, 28, 29, 30, 31, 32, 87, 88, 89, 90, 91, 92].filter((y) => darkened(x, y)).length).toBeGreaterThanOrEqual(2);
    // Farther than the receptive field from any outline the two agree exactly: no ink in flat areas.
    const far = createBuiltinCelEngine().contextPixels;
    let flat = 0;
    for (let y = 0; y < 120; y++) {
      for (let x = 0; x < 160; x++) {
        const inside = x >= 40 && x < 110 && y >= 30 && y < 90;
        const nearEdge = inside ? Math.min(x - 40, 109 - x, y - 30, 89 - y) <= far : (x > 40 - far && x < 110 + far && y > 30 - far && y < 90 + far);
        if (nearEdge) continue;
        const i = (y * 160 + x) * 3;
        expect([inked.data[i], inked.data[i + 1], inked.data[i + 2]]).toEqual([plain.data[i], plain.data[i + 1], plain.data[i + 2]]);
        flat++;
      }
    }
    expect(flat).toBeGreaterThan(6000);
    // Hue survives: the rectangle stays red-dominant, the ground blue-dominant.
    const at = (x: number, y: number): number[] => Array.from(inked.data.subarray((y * 160 + x) * 3, (y * 160 + x) * 3 + 3));
    const [r, g, b] = at(75, 60);
    expect(r! > g! + 60 && r! > b! + 60).toBe(true);
    const [r2, g2, b2] = at(10, 10);
    expect(b2! > g2! && g2! > r2!).toBe(true);
  });

  it('keeps outputs in [-1, 1] for any input in range, and is deterministic', async () => {
    const random = seededRandom(3);
    const [n, h, w] = [2, 40, 50];
    const x = Float32Array.from({ length: n * h * w * 3 }, (_, i) => (i % 97 === 0 ? (i % 2 ? 1 : -1) : random() * 2 - 1));
    const engine = createBuiltinCelEngine();
    const y = await engine.stylize(x, n, h, w);
    expect(y.length).toBe(x.length);
    expect(y.every((v) => Number.isFinite(v) && v >= -1 && v <= 1)).toBe(true);
    expect(Buffer.from((await engine.stylize(x, n, h, w)).buffer).equals(Buffer.from(y.buffer))).toBe(true);
    expect(Buffer.from((await createBuiltinCelEngine().stylize(x, n, h, w)).buffer).equals(Buffer.from(y.buffer))).toBe(true);
    // The second image of a batch comes out as it would alone.
    const second = await engine.stylize(x.slice(h * w * 3), 1, h, w);
    expect(Buffer.from(second.buffer).equals(Buffer.from(y.slice(h * w * 3).buffer))).toBe(true);
  });

  it('depends on no pixel farther than contextPixels: its receptive field', async () => {
    const image = noiseAndShapes(72, 72, 4);
    const x = new Float32Array(72 * 72 * 3);
    rgbToUnit(image.data, x);
    const engine = createBuiltinCelEngine();
    const before = await engine.stylize(x, 1, 72, 72);
    for (const c of [0, 1, 2]) x[(36 * 72 + 36) * 3 + c] = c === 1 ? 1 : -1; // a bright green speck
    const after = await engine.stylize(x, 1, 72, 72);
    let reach = 0;
    for (let i = 0; i < before.length; i++) {
      if (before[i] === after[i]) continue;
      const p = Math.floor(i / 3);
      reach = Math.max(reach, Math.abs((p % 72) - 36), Math.abs(Math.floor(p / 72) - 36));
    }
    console.log(`one changed pixel changed outputs up to ${reach} px away; contextPixels ${engine.contextPixels}`);
    expect(reach).toBeGreaterThan(0);
    expect(reach).toBeLessThanOrEqual(engine.contextPixels);
  });

  it('rejects options out of range and use after dispose', async () => {
    expect(() => createBuiltinCelEngine({ levels: 1 })).toThrow(RangeError);
    expect(() => createBuiltinCelEngine({ edgeStrength: 2 })).toThrow(RangeError);
    expect(() => createBuiltinCelEngine({ smoothing: 1.5 })).toThrow(RangeError);
    const engine = createBuiltinCelEngine();
    await engine.dispose();
    await engine.dispose();
    await expect(engine.stylize(new Float32Array(3), 1, 1, 1)).rejects.toThrow(/dispose/);
  });

  it.skipIf(!sharedPath('corpus/photos/kpa_bar55.jpg'))('flattens a real photo (../shared corpus) to far fewer colours', async () => {
    const photo = (await corpusPhoto('kpa_bar55.jpg', 320, 180))!;
    const out = await stylizeImage(createBuiltinCelEngine(), photo);
    console.log(`photo distinct colours: ${distinctColours(photo)} -> ${distinctColours(out)}`);
    expect(distinctColours(out)).toBeLessThan(distinctColours(photo));
  });
});
