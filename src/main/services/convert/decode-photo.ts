/** Reading a photo to stylize: upright (EXIF orientation applied), sRGB, RGB24, optionally scaled down. */
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import sharp from 'sharp';
import { StudioError } from '@shared/errors';
import { FILE_KIND_EXTENSIONS } from '@shared/file-kinds';
import type { RgbImage } from '../../engine/stylize/frame-tiling';

/** Still images the studio reads directly; anything else is taken for a clip. The pickers filter by the same list. */
export const PHOTO_EXTENSIONS: ReadonlySet<string> = new Set(FILE_KIND_EXTENSIONS.image);

/** Pixels sharp may decode from one photo: 16k x 16k, its default guard against decompression bombs. */
export const MAX_PHOTO_PIXELS = 16384 * 16384;

/**
 * Most pixels a photo is stylized at in one piece (a still, a photo of a folder conversion): 100 megapixels, about
 * 2 GB of memory while it is styled (the image, a float accumulator and the result). Larger photos are refused at
 * once, from their header, with the size to scale them down to, rather than decoded for minutes.
 */
export const MAX_STILL_PIXELS = 100_000_000;

/** Whether `path` names a still image by its extension. */
export function isPhotoPath(path: string): boolean {
  return PHOTO_EXTENSIONS.has(extname(path).toLowerCase());
}

/**
 * Decodes the photo at `path`, at most `maxSize` on its long side (never enlarged). BAD_INPUT naming the file
 * when it is missing, empty or not an image sharp can read, or when it would be more than `maxPixels` after
 * scaling (checked from its header, before decoding).
 */
export async function decodePhoto(path: string, maxSize: number | null = null, maxPixels = Infinity): Promise<RgbImage> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new StudioError('BAD_INPUT', `${path} does not exist`, 'path');
  if (!info.isFile()) throw new StudioError('BAD_INPUT', `${path} is not a file`, 'path');
  if (info.size === 0) throw new StudioError('BAD_INPUT', `${basename(path)} is empty (0 bytes)`, 'path');
  if (Number.isFinite(maxPixels)) await refuseTooLarge(path, maxSize, maxPixels);
  try {
    let pipeline = sharp(path, { failOn: 'truncated', limitInputPixels: MAX_PHOTO_PIXELS }).rotate();
    if (maxSize) pipeline = pipeline.resize(maxSize, maxSize, { fit: 'inside', withoutEnlargement: true });
    const { data, info: out } = await pipeline.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    return { width: out.width, height: out.height, data };
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new StudioError('BAD_INPUT', `${basename(path)} is not an image that can be read (${why})`, 'path');
  }
}

/** Refuses a photo that would be over `maxPixels` at `maxSize`, naming its size and the size that would do. */
async function refuseTooLarge(path: string, maxSize: number | null, maxPixels: number): Promise<void> {
  // A header it cannot read is left to the decoder, whose error says why.
  const meta = await sharp(path, { limitInputPixels: false }).metadata().catch(() => null);
  if (!meta?.width || !meta.height) return;
  const { width, height } = meta;
  const long = Math.max(width, height);
  const scale = maxSize && long > maxSize ? maxSize / long : 1;
  const pixels = Math.round(width * scale) * Math.round(height * scale);
  if (pixels <= maxPixels) return;
  const fits = Math.floor(long * Math.sqrt(maxPixels / (width * height)));
  const mp = (n: number) => `${Math.round(n / 1e6)} megapixels`;
  throw new StudioError(
    'BAD_INPUT',
    `${basename(path)} is ${width}x${height} (${mp(width * height)}), more than the ${mp(maxPixels)} a photo is styled at: ` +
      `scale it down to at most ${fits} px on its long side (max size ${fits})`,
    'path',
  );
}
