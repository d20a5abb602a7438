/** Distinct large noise JPEGs: slow enough to decode that an import can be stopped midway. */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
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
