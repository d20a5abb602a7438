/**
 * Reads one file as a photo: sniffs its type, hashes it, decodes its header with sharp and makes the thumbnail.
 * Anything that is not a usable JPEG/PNG/WebP comes back as a reason to skip it, never as a thrown error.
 */
import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import sharp from 'sharp';

/** Formats the studio imports as photos. */
export const PHOTO_FORMATS = ['jpeg', 'png', 'webp'] as const;
export type PhotoFormat = (typeof PHOTO_FORMATS)[number];

/** Larger files are skipped before they are read into memory. */
export const MAX_PHOTO_BYTES = 512 * 1024 * 1024;
/** Decoding limit: 16384 x 16384 pixels, sharp's own default, stated here so the message can name it. */
export const MAX_PHOTO_PIXELS = 16384 * 16384;
/** Long edge of a thumbnail, in pixels. */
export const THUMB_SIZE = 256;

/** A decoded photo ready to store. `width`/`height` are after EXIF orientation. */
export interface Photo {
  hash: string;
  format: PhotoFormat;
  width: number;
  height: number;
  bytes: number;
  data: Buffer;
  thumb: Buffer;
}

export type PhotoResult = { ok: true; photo: Photo } | { ok: false; reason: string };

const SIGNATURES: { format: string; test: (b: Buffer) => boolean }[] = [
  { format: 'jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { format: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { format: 'webp', test: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP' },
  { format: 'gif', test: (b) => b.toString('latin1', 0, 4) === 'GIF8' },
  { format: 'tiff', test: (b) => ['II*\0', 'MM\0*'].includes(b.toString('latin1', 0, 4)) },
  { format: 'bmp', test: (b) => b.toString('latin1', 0, 2) === 'BM' },
  { format: 'heic/avif', test: (b) => b.toString('latin1', 4, 8) === 'ftyp' },
];

/** Identifies a file by its first bytes (names lie: a text file called photo.jpg is still text). */
export async function sniffFormat(path: string): Promise<{ format: string | null; size: number }> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(16);
    const { bytesRead } = await fh.read(head, 0, 16, 0);
    const b = head.subarray(0, bytesRead);
    return { format: SIGNATURES.find((s) => b.length >= 12 && s.test(b))?.format ?? null, size };
  } finally {
    await fh.close();
  }
}

/** Reads, checks and thumbnails the photo at `path`. */
export async function readPhoto(path: string): Promise<PhotoResult> {
  let sniffed;
  try {
    sniffed = await sniffFormat(path);
  } catch (err) {
    return { ok: false, reason: `cannot read file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
  if (sniffed.size === 0) return { ok: false, reason: 'empty file (0 bytes)' };
  if (sniffed.format === null) return { ok: false, reason: 'not an image (unrecognised content)' };
  if (!(PHOTO_FORMATS as readonly string[]).includes(sniffed.format)) {
    return { ok: false, reason: `${sniffed.format.toUpperCase()} image: only JPEG, PNG and WebP are imported` };
  }
  if (sniffed.size > MAX_PHOTO_BYTES) {
    return { ok: false, reason: `file too large (${Math.round(sniffed.size / 2 ** 20)} MiB; the limit is 512 MiB)` };
  }
  const data = await readFile(path);
  try {
    const meta = await sharp(data).metadata();
    const w = meta.width ?? 0;
    const h = meta.height ?? 0;
    if (w * h > MAX_PHOTO_PIXELS) {
      return {
        ok: false,
        reason: `image too large (${w} x ${h} = ${Math.round((w * h) / 1e6)} megapixels; the limit is ${Math.round(MAX_PHOTO_PIXELS / 1e6)})`,
      };
    }
    const rotated = (meta.orientation ?? 1) >= 5;
    const thumb = await sharp(data, { failOn: 'truncated', limitInputPixels: MAX_PHOTO_PIXELS })
      .rotate()
      .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer();
    return {
      ok: true,
      photo: {
        hash: createHash('sha256').update(data).digest('hex'),
        format: sniffed.format as PhotoFormat,
        width: rotated ? h : w,
        height: rotated ? w : h,
        bytes: data.length,
        data,
        thumb,
      },
    };
  } catch (err) {
    return { ok: false, reason: `unreadable ${sniffed.format.toUpperCase()} (${firstLine((err as Error).message)})` };
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
