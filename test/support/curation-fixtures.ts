/**
 * A folder of frames with known properties for curation tests: a detailed base picture, a re-encoded copy and
 * a blurred copy of it (near-duplicates of each other), a black frame, a flat grey frame, and an unrelated
 * picture.
 */
import { join } from 'node:path';
import sharp from 'sharp';

/** Deterministic "photo-like" pixels: gradients plus seeded texture. */
function picture(width: number, height: number, seed: number): Buffer {
  const px = Buffer.alloc(width * height * 3);
  let s = seed;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const n = (s >> 16) % 40;
      const i = (y * width + x) * 3;
      const stripes = ((x >> (3 + (seed % 3))) + (y >> 4)) % 2 === 0 ? 60 : 0;
      px[i] = (x * 200) / width + n;
      px[i + 1] = ((y * 200) / height + stripes + n) % 256;
      px[i + 2] = (((x + y) * seed) % 200) + n / 2;
    }
  }
  return px;
}

/** File names written by {@link makeCurationFrames}. */
export const CURATION_FILES = {
  base: '01-base.png',
  reencoded: '02-reencoded.jpg',
  blurred: '03-blurred.png',
  black: '04-black.png',
  flat: '05-flat.png',
  other: '06-other.png',
} as const;

/** Writes the frames into `dir` and returns it. */
export async function makeCurationFrames(dir: string): Promise<string> {
  const w = 320;
  const h = 180;
  const raw = { raw: { width: w, height: h, channels: 3 as const } };
  const base = picture(w, h, 7);
  await sharp(base, raw).png().toFile(join(dir, CURATION_FILES.base));
  await sharp(base, raw).jpeg({ quality: 80 }).toFile(join(dir, CURATION_FILES.reencoded));
  await sharp(base, raw).blur(2.5).png().toFile(join(dir, CURATION_FILES.blurred));
  await sharp(Buffer.alloc(w * h * 3, 3), raw).png().toFile(join(dir, CURATION_FILES.black));
  await sharp(Buffer.alloc(w * h * 3, 128), raw).png().toFile(join(dir, CURATION_FILES.flat));
  await sharp(picture(w, h, 23), raw).flip().png().toFile(join(dir, CURATION_FILES.other));
  return dir;
}
