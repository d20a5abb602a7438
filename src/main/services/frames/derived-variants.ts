/**
 * AnimeGAN's derived images of a stored image, made on first request and cached in the library's `derived/`
 * folder: `gray` (luma copied to three channels, as AnimeGANv2 feeds its discriminator) and `smooth` (the
 * edge-smoothed copy from AnimeGANv2's edge_smooth.py).
 */
import { existsSync } from 'node:fs';
import sharp from 'sharp';
import type { DerivedVariant } from '@shared/curation';
import type { FileStore } from '../library/file-store';
import { edgeSmooth, grayscale } from './analysis';

/**
 * Computes the variant of RGB24 pixels (width*height*3) and returns RGB24 pixels of the same size.
 */
export function deriveVariant(rgb: Uint8Array, width: number, height: number, variant: DerivedVariant): Uint8Array {
  if (variant === 'smooth') return edgeSmooth(rgb, width, height);
  const gray = grayscale(rgb, width, height);
  const out = new Uint8Array(width * height * 3);
  for (let i = 0; i < gray.length; i++) out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = gray[i]!;
  return out;
}

/** Decodes an encoded image to RGB24 with EXIF orientation applied. */
export async function decodeRgb(input: string | Buffer): Promise<{ rgb: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(input).rotate().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { rgb: data, width: info.width, height: info.height };
}

/** Path of the cached variant of `hash`, computing and storing it (PNG, lossless) the first time. */
export async function derivedPath(files: FileStore, hash: string, format: string, variant: DerivedVariant): Promise<string> {
  const cached = files.pathOf(hash, variant);
  if (existsSync(cached)) return cached;
  const { rgb, width, height } = await decodeRgb(files.pathOf(hash, 'original', format));
  const out = deriveVariant(rgb, width, height, variant);
  const png = await sharp(out, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer();
  return files.put(hash, variant, png);
}
