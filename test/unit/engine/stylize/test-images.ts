/** Test pictures for the stylize tests: a synthetic one that needs nothing, and a real photo from ../shared when present. */
import sharp from 'sharp';
import { createRng } from '../../../../src/main/engine/models/layers/rng';
import { type RgbImage } from '../../../../src/main/engine/stylize/frame-tiling';
import { sharedPath } from '../../../support/shared-assets';

/** Deterministic pseudo-random numbers in [0, 1): the engine's own seeded generator (mulberry32). */
export const seededRandom = createRng;

/** A gradient with random rectangles and discs of random colours and ±12 noise: structure and texture at every scale. */
export function noiseAndShapes(width: number, height: number, seed: number): RgbImage {
  const random = seededRandom(seed);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([(x * 255) / width, (y * 255) / height, 128], (y * width + x) * 3);
  }
  for (let k = 0; k < 12; k++) {
    const colour = [random() * 255, random() * 255, random() * 255];
    const [cx, cy, r] = [random() * width, random() * height, 5 + random() * Math.min(width, height) * 0.3];
    const disc = random() < 0.5;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const inside = disc ? (x - cx) ** 2 + (y - cy) ** 2 <= r * r : Math.abs(x - cx) <= r && Math.abs(y - cy) <= r * 0.6;
        if (inside) data.set(colour, (y * width + x) * 3);
      }
    }
  }
  for (let i = 0; i < data.length; i++) data[i] = Math.min(255, Math.max(0, data[i]! + Math.round((random() - 0.5) * 24)));
  return { width, height, data };
}

/** A corpus photo scaled to cover width x height, or undefined (skipped, with a message) when ../shared is absent. */
export async function corpusPhoto(name: string, width: number, height: number): Promise<RgbImage | undefined> {
  const file = sharedPath(`corpus/photos/${name}`);
  if (!file) return undefined;
  const { data, info } = await sharp(file).rotate().resize(width, height, { fit: 'cover' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** How many different RGB colours the image holds. */
export function distinctColours(img: RgbImage): number {
  const seen = new Set<number>();
  for (let i = 0; i < img.data.length; i += 3) seen.add((img.data[i]! << 16) | (img.data[i + 1]! << 8) | img.data[i + 2]!);
  return seen.size;
}

/** Max and mean absolute difference (in 0..255 levels) of two same-size images over the pixels where `where(x, y)`. */
export function absError(a: RgbImage, b: RgbImage, where: (x: number, y: number) => boolean = () => true): { max: number; mean: number; count: number } {
  let max = 0;
  let sum = 0;
  let count = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      if (!where(x, y)) continue;
      for (let c = 0; c < 3; c++) {
        const i = (y * a.width + x) * 3 + c;
        const d = Math.abs(a.data[i]! - b.data[i]!);
        max = Math.max(max, d);
        sum += d;
        count++;
      }
    }
  }
  return { max, mean: count ? sum / count : 0, count };
}
