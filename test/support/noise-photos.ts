/** Noise photos: distinct large JPEGs slow enough to decode that an import can be stopped midway, and small ones to convert. */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';

/** Writes `n` 1600x1200 noise JPEGs into `dir` and returns it. */
export async function makeNoisePhotos(dir: string, n: number): Promise<string> {
  for (let i = 0; i < n; i++) {
    const px = randomBytes(1600 * 1200 * 3);
    await sharp(px, { raw: { width: 1600, height: 1200, channels: 3 } })
      .jpeg({ quality: 90 })
      .toFile(join(dir, `noise-${String(i).padStart(3, '0')}.jpg`));
  }
  return dir;
}

/**
 * Makes `folder` (and the folders above it) holding a photo of fixed patterned noise for each relative name in
 * `photos`, of its [width, height]: PNG for a .png name, else JPEG. Returns `folder`.
 */
export async function noisePhotoFolder(folder: string, photos: Record<string, [number, number]>): Promise<string> {
  for (const [name, [width, height]] of Object.entries(photos)) {
    const path = join(folder, name);
    mkdirSync(dirname(path), { recursive: true });
    const data = Buffer.alloc(width * height * 3);
    for (let i = 0; i < data.length; i++) data[i] = (i * 37 + ((i / 300) | 0) * 11) % 251;
    const img = sharp(data, { raw: { width, height, channels: 3 } });
    await (path.endsWith('.png') ? img.png() : img.jpeg()).toFile(path);
  }
  return folder;
}
