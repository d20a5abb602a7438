/**
 * The measures on real photographs from ../shared/corpus/photos (skipped with a message when it is absent; CI=true
 * makes that a failure). Synthetic images prove exactness; these prove the thresholds and distances are sensible on
 * real content.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cannyEdges,
  classifyExposure,
  edgeSmooth,
  grayscale,
  hammingDistance,
  laplacianVariance,
  lumaStats,
  mulberry32,
  pHash,
} from '../../../src/main/services/frames/analysis';
import { sharedPath } from '../../support/shared-assets';
import { fromRgb, jpegRoundTrip, toRgb, type RawRgb } from './image-io';
import { scriptValue, withinTwoOf } from './reference-edge-smooth';

const photos = sharedPath('corpus/photos');
const hashOf = (image: RawRgb): bigint => pHash(grayscale(image.rgb, image.width, image.height), image.width, image.height);
const sharpness = (image: RawRgb): number => laplacianVariance(grayscale(image.rgb, image.width, image.height), image.width, image.height);

describe.skipIf(!photos)('real photos', () => {
  const load = (name: string): Promise<RawRgb> => toRgb(join(photos!, name));

  it('flags none of the corpus photos as dark, bright or flat', async () => {
    const names = readdirSync(photos!).filter((f) => /\.jpe?g$/i.test(f));
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      const image = await toRgb(fromRgb(await load(name)).resize(320, 320, { fit: 'inside' }));
      const stats = lumaStats(grayscale(image.rgb, image.width, image.height));
      expect(classifyExposure(stats), `${name}: mean ${stats.mean.toFixed(1)}, std ${stats.std.toFixed(1)}`).toEqual([]);
    }
  });

  it('scores a blurred copy of a photo far less sharp', async () => {
    const photo = await load('kpa_bar55.jpg');
    const blurred = await toRgb(fromRgb(photo).blur(2));
    expect(sharpness(blurred)).toBeLessThan(sharpness(photo) / 10);
  });

  it('keeps re-encodes and brightness changes of a photo near, and other photos far', async () => {
    const photo = await load('kpa_bar55.jpg');
    const h = hashOf(photo);
    expect(hammingDistance(h, hashOf(await jpegRoundTrip(photo, 60)))).toBeLessThanOrEqual(4);
    expect(hammingDistance(h, hashOf(await toRgb(fromRgb(photo).modulate({ brightness: 1.1 }))))).toBeLessThanOrEqual(4);
    expect(hammingDistance(h, hashOf(await toRgb(fromRgb(photo).resize(400, 300))))).toBeLessThanOrEqual(4);
    for (const other of ['kpa_snow.jpg', 'kpa_donna.jpg', 'kpa_grand_canyon_1.jpg']) {
      expect(hammingDistance(h, hashOf(await load(other))), other).toBeGreaterThan(20);
    }
  });

  it("edge-smooths a photo the way AnimeGANv2's script does", async () => {
    const { rgb, width, height } = await toRgb(fromRgb(await load('kpa_donna.jpg')).resize(256, 256, { fit: 'fill' }));
    const edges = cannyEdges(grayscale(rgb, width, height), width, height);
    const density = edges.filter((v) => v !== 0).length / edges.length;
    expect(density).toBeGreaterThan(0.01);
    expect(density).toBeLessThan(0.5);
    const out = edgeSmooth(rgb, width, height);
    // Every pixel: unchanged when no edge is within two pixels, else the script's truncated Gaussian sum (checked on a
    // seeded sample of 3000 pixels: the reference sum is slow).
    const random = mulberry32(5);
    for (let p = 0; p < width * height; p++) {
      const x = p % width;
      const y = Math.floor(p / width);
      const near = withinTwoOf(edges, width, height, x, y);
      if (!near) {
        expect(out.subarray(p * 3, p * 3 + 3)).toEqual(rgb.subarray(p * 3, p * 3 + 3));
      } else if (random() < 3000 / (width * height)) {
        for (let c = 0; c < 3; c++) expect(out[p * 3 + c], `pixel ${x},${y}`).toBe(scriptValue(rgb, width, height, x, y, c).value);
      }
    }
  });
});
