/** One frame of a clip, or a whole photo, and its styled copy: what previews and stills are made of. */
import { stylizeImage, type RgbImage } from '../../engine/stylize/frame-tiling';
import type { StyleEngine } from '../../engine/stylize/style-engine';
import { decodePhoto, isPhotoPath, MAX_STILL_PIXELS } from '../convert/decode-photo';
import { renderFrameAt } from '../convert/render-frame';
import type { ClipProbes } from '../video';

/** A frame before and after its style, and where it sits in the clip (0 for a photo). */
export interface StylizedFrame {
  timeSeconds: number;
  original: RgbImage;
  stylized: RgbImage;
}

/**
 * The frame at `timeSeconds` of a clip (probed through `clips`) or the whole image, at most `maxSize` on its long
 * side, and its styled copy; a photo over {@link MAX_STILL_PIXELS} at that size is refused before it is decoded.
 */
export async function stylizedFrame(
  clips: ClipProbes,
  path: string,
  timeSeconds: number,
  engine: StyleEngine,
  maxSize: number | null,
  onProgress?: (fraction: number) => void,
): Promise<StylizedFrame> {
  if (!isPhotoPath(path)) {
    return renderFrameAt(path, timeSeconds, engine, { ...(maxSize ? { maxSize } : {}), info: await clips.probe(path) });
  }
  const original = await decodePhoto(path, maxSize, MAX_STILL_PIXELS);
  return { timeSeconds: 0, original, stylized: await stylizeImage(engine, original, onProgress ? { onProgress } : {}) };
}
