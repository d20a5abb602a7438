/**
 * A folder of small, real image files with known properties plus the bad inputs an import meets in the wild:
 * a text file, a text file named .jpg, an empty file, a truncated JPEG, a GIF, an exact duplicate, an
 * EXIF-rotated JPEG and a hidden folder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

/** Expected outcome of the fixture folder. */
export const FIXTURE_EXPECT = {
  imported: 5,
  duplicate: 1,
  skipped: ['anim.gif', 'empty.png', 'fake.jpg', 'notes.txt', 'truncated.jpg'],
};

function gradient(width: number, height: number, seed: number): ReturnType<typeof sharp> {
  const px = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      px[i] = (x * 255) / width;
      px[i + 1] = (y * 255) / height;
      px[i + 2] = (seed * 37) % 256;
    }
  }
  return sharp(px, { raw: { width, height, channels: 3 } });
}

/** Writes the fixture files into `dir` and returns it. */
export async function makePhotoFixtures(dir: string): Promise<string> {
  mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
  mkdirSync(join(dir, '.hidden'), { recursive: true });
  await gradient(64, 48, 1).jpeg().toFile(join(dir, 'a.jpg'));
  await gradient(40, 30, 2).png().toFile(join(dir, 'nested', 'b.png'));
  await gradient(50, 20, 3).webp().toFile(join(dir, 'nested', 'deeper', 'c.webp'));
  // Stored 64x32 with EXIF orientation 6 (rotate 90°): displayed 32x64.
  await gradient(64, 32, 4).jpeg().withMetadata({ orientation: 6 }).toFile(join(dir, 'rotated.jpg'));
  await gradient(30, 30, 5).jpeg().toFile(join(dir, 'UPPER.JPEG'));
  writeFileSync(join(dir, 'copy-of-a.jpg'), readFileSync(join(dir, 'a.jpg')));
  await gradient(20, 20, 6).jpeg().toFile(join(dir, '.hidden', 'secret.jpg'));
  writeFileSync(join(dir, 'notes.txt'), 'shot list for scene 4\n');
  writeFileSync(join(dir, 'fake.jpg'), 'this is not really a jpeg, it only has the name\n');
  writeFileSync(join(dir, 'empty.png'), '');
  const big = await gradient(256, 256, 7).jpeg({ quality: 95 }).toBuffer();
  writeFileSync(join(dir, 'truncated.jpg'), big.subarray(0, Math.floor(big.length / 2)));
  await gradient(16, 16, 8).gif().toFile(join(dir, 'anim.gif'));
  return dir;
}
