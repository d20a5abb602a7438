/** Reading a photo to stylize: upright (EXIF orientation applied), sRGB, RGB24, optionally scaled down. */
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import sharp from 'sharp';
import { StudioError } from '@shared/errors';
import type { RgbImage } from '../../engine/stylize/frame-tiling';

/** Still images the studio reads directly; anything else is taken for a clip. */
export const PHOTO_EXTENSIONS: ReadonlySet<string> = new Set(['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.avif', '.gif']);

/** Pixels sharp may decode from one photo: 16k x 16k, its default guard against decompression bombs. */
export const MAX_PHOTO_PIXELS = 16384 * 16384;

/** Whether `path` names a still image by its extension. */
export function isPhotoPath(path: string): boolean {
  return PHOTO_EXTENSIONS.has(extname(path).toLowerCase());
}

/**
 * Decodes the photo at `path`, at most `maxSize` on its long side (never enlarged). BAD_INPUT naming the file
 * when it is missing, empty or not an image sharp can read.
 */
export async function readPhoto(path: string, maxSize: number | null = null): Promise<RgbImage> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new StudioError('BAD_INPUT', `${path} does not exist`, 'path');
  if (!info.isFile()) throw new StudioError('BAD_INPUT', `${path} is not a file`, 'path');
  if (info.size === 0) throw new StudioError('BAD_INPUT', `${basename(path)} is empty (0 bytes)`, 'path');
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
