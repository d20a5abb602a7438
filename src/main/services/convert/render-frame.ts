/**
 * Single pictures through a style: one frame of a clip at a time (previews before a conversion, stills), and
 * writing a stylized picture as PNG or JPEG at full resolution. Files are written under a temporary name and
 * renamed, so a failed write never leaves half a file.
 */
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import sharp from 'sharp';
import { StudioError } from '@shared/errors';
import { stylizeFrames, type RgbImage } from '../../engine/stylize/frame-tiling';
import type { StyleEngine } from '../../engine/stylize/style-engine';
import { extractFrames, probeClip, type ClipInfo } from '../video';

/** A frame of a clip before and after the style. */
export interface RenderedFrame {
  /** Presentation time of the frame that was decoded (seconds from the clip's start). */
  timeSeconds: number;
  original: RgbImage;
  stylized: RgbImage;
}

/**
 * Decodes the first frame at or after `timeSeconds` of the clip at `path` (display orientation, square pixels,
 * at most `maxSize` px on the long side when given) and stylizes it. Throws StudioError BAD_INPUT naming the clip
 * when it cannot be read or has no frame at that time.
 */
export async function renderFrameAt(
  path: string,
  timeSeconds: number,
  engine: StyleEngine,
  opts: { maxSize?: number; info?: ClipInfo; signal?: AbortSignal } = {},
): Promise<RenderedFrame> {
  if (!(Number.isFinite(timeSeconds) && timeSeconds >= 0)) {
    throw new StudioError('BAD_INPUT', `time ${timeSeconds} is not a number of seconds, 0 or more`, 'timeSeconds');
  }
  const info = opts.info ?? (await probeClip(path));
  // "Later than" a microsecond before t: the frame at exactly t is included.
  const start = timeSeconds > 1e-6 ? { startAtSeconds: timeSeconds - 1e-6 } : {};
  const size = opts.maxSize ? { maxSize: opts.maxSize } : {};
  for await (const f of extractFrames(path, { info, maxFrames: 1, ...start, ...size }, opts.signal)) {
    const original: RgbImage = { width: f.width, height: f.height, data: f.rgb };
    const [stylized] = await stylizeFrames(engine, [original]);
    return { timeSeconds: f.timeSeconds, original, stylized: stylized! };
  }
  const length = info.durationSeconds > 0 ? ` (it is ${info.durationSeconds.toFixed(2)} s long)` : '';
  throw new StudioError('BAD_INPUT', `${basename(info.path)} has no frame at ${timeSeconds.toFixed(2)} s${length}`, 'timeSeconds');
}

/** Encodings a still can be written in. */
export type StillFormat = 'png' | 'jpeg';

/** The format for a file name by its extension (.png, .jpg, .jpeg), or null for any other. */
export function stillFormatOf(path: string): StillFormat | null {
  const ext = extname(path).toLowerCase();
  return ext === '.png' ? 'png' : ext === '.jpg' || ext === '.jpeg' ? 'jpeg' : null;
}

/**
 * Writes `image` to `path` as PNG or JPEG (by `opts.format`, else the extension) at full resolution; JPEG
 * quality defaults to 92. The file appears only once complete.
 */
export async function writeStill(
  image: RgbImage,
  path: string,
  opts: { format?: StillFormat; quality?: number } = {},
): Promise<void> {
  const format = opts.format ?? stillFormatOf(path);
  if (!format) throw new StudioError('BAD_INPUT', `${basename(path)}: a still must end in .png, .jpg or .jpeg`, 'path');
  const raw = sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.width * image.height * 3), {
    raw: { width: image.width, height: image.height, channels: 3 },
  });
  const encoded = format === 'png' ? raw.png() : raw.jpeg({ quality: opts.quality ?? 92, chromaSubsampling: '4:4:4' });
  const partial = join(dirname(path), `.${basename(path)}.part`);
  try {
    await encoded.toFile(partial);
    await rename(partial, path);
  } catch (err) {
    await rm(partial, { force: true });
    if (err instanceof StudioError) throw err;
    throw stillWriteError(err as NodeJS.ErrnoException, path);
  }
}

/** libvips names the system error in its message only ("write error\nsystem error: No space left on device"). */
const DISK_FULL = /No space left on device|Disk quota exceeded/i;
const NO_PERMISSION = /Permission denied|Read-only file system/i;

/** Why writing the still `path` failed, in one line that names it and what to do. */
function stillWriteError(err: NodeJS.ErrnoException, path: string): StudioError {
  const name = basename(path);
  const folder = dirname(path);
  const text = err.message ?? '';
  if (err.code === 'ENOSPC' || err.code === 'EDQUOT' || DISK_FULL.test(text)) {
    return new StudioError('IO', `cannot write ${name}: the disk holding ${folder} is full; free some space and try again`, 'output');
  }
  if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS' || NO_PERMISSION.test(text)) {
    return new StudioError('IO', `cannot write ${name}: ${folder} is not writable; choose another folder or change its permissions`, 'output');
  }
  const first = text.split('\n')[0]?.replace(`${path}: `, '') ?? text;
  return new StudioError('IO', `cannot write ${name} in ${folder}: ${err.code ?? first}`, 'output');
}
