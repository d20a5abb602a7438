/**
 * Finds letterbox (top/bottom) and pillarbox (left/right) bars: near-black, uniform lines at the picture's
 * edges in every sampled frame. A bar must hold in all frames because one dark scene (a night sky) looks like a
 * bar on its own; frames that are dark all over (a fade) say nothing about bars and are left out.
 */
import type { CropRect } from './frame-plan';
import { extractFrames, type DecodedFrame } from './extract-frames';
import type { ClipInfo } from './probe-clip';

/** A frame as packed RGB24 (width x height x 3 bytes): what bar detection reads of a decoded frame. */
export type RgbFrame = Pick<DecodedFrame, 'rgb' | 'width' | 'height'>;

// A bar line may have no pixel brighter than this luma (0..255) and a mean no brighter than BAR_MEAN_LUMA:
// black with compression noise passes, a dark but textured scene does not.
const BAR_MAX_LUMA = 40;
const BAR_MEAN_LUMA = 16;
// Thinner dark edges are encoder or scaler artefacts, not bars.
const MIN_BAR = 2;
// Content smaller than this share of a side is more likely a title card (text on black) than a film.
const MIN_CONTENT_SHARE = 0.4;

/** The picture inside the bars (even width and height), or null when the frames have no bars. */
export function detectBars(frames: readonly RgbFrame[]): CropRect | null {
  const first = frames[0];
  if (!first) return null;
  const { width: w, height: h } = first;
  if (frames.some((f) => f.width !== w || f.height !== h || f.rgb.length < w * h * 3)) {
    throw new RangeError('detectBars needs RGB24 frames of one size');
  }
  let top = h;
  let bottom = h;
  let left = w;
  let right = w;
  let usable = 0;
  for (const f of frames) {
    const rowIsBar = (y: number): boolean => isBarLine(f.rgb, y * w * 3, 3, w);
    const colIsBar = (x: number): boolean => isBarLine(f.rgb, x * 3, w * 3, h);
    const t = countWhile(h, rowIsBar);
    if (t === h) continue; // dark all over: a fade or a black frame
    usable++;
    top = Math.min(top, t);
    bottom = Math.min(bottom, countWhile(h, (i) => rowIsBar(h - 1 - i)));
    left = Math.min(left, countWhile(w, colIsBar));
    right = Math.min(right, countWhile(w, (i) => colIsBar(w - 1 - i)));
  }
  if (usable === 0) return null;
  [top, bottom] = [top, bottom].map((b) => (b < MIN_BAR ? 0 : b)) as [number, number];
  [left, right] = [left, right].map((b) => (b < MIN_BAR ? 0 : b)) as [number, number];
  if (top + bottom + left + right === 0) return null;
  let width = w - left - right;
  let height = h - top - bottom;
  if (width < w * MIN_CONTENT_SHARE || height < h * MIN_CONTENT_SHARE) return null;
  // Even sizes suit video encoders (4:2:0 chroma); the odd line dropped is on the content's far edge.
  width -= width % 2;
  height -= height % 2;
  return { x: left, y: top, width, height };
}

/**
 * `n` frames spread evenly over the clip (the first frame after each of (k + 0.5) x duration / n seconds),
 * each read by a short seek, so a feature film costs n seeks rather than a full decode.
 */
export async function sampleForBars(
  path: string,
  info: ClipInfo,
  n = 8,
  signal?: AbortSignal,
): Promise<DecodedFrame[]> {
  const out: DecodedFrame[] = [];
  if (info.durationSeconds <= 0) {
    for await (const f of extractFrames(path, { info, everySeconds: 1, maxFrames: n }, signal)) out.push(f);
    return out;
  }
  for (let k = 0; k < n; k++) {
    const at = ((k + 0.5) * info.durationSeconds) / n;
    for await (const f of extractFrames(path, { info, startAtSeconds: at, maxFrames: 1 }, signal)) out.push(f);
  }
  return out;
}

/** True when `count` pixels from `start`, `step` bytes apart, are near-black and uniform. */
function isBarLine(rgb: Buffer, start: number, step: number, count: number): boolean {
  let sum = 0;
  for (let i = 0, p = start; i < count; i++, p += step) {
    const luma = (77 * rgb[p]! + 150 * rgb[p + 1]! + 29 * rgb[p + 2]!) >> 8;
    if (luma > BAR_MAX_LUMA) return false;
    sum += luma;
  }
  return sum <= BAR_MEAN_LUMA * count;
}

function countWhile(limit: number, test: (i: number) => boolean): number {
  let i = 0;
  while (i < limit && test(i)) i++;
  return i;
}
