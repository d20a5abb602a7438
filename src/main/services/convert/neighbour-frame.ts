/**
 * The exact time of the frame next to the one shown, for frame-by-frame stepping through a clip whose frames are
 * not evenly spaced (variable frame rate: phone videos, screen recordings), where "one frame is 1/fps" is wrong.
 * The frame shown at a time is the first at or after it (as previews decode it); frames are decoded small, since
 * only their times are read.
 */
import { extractFrames, probeClip, type ClipInfo } from '../video';

/** Which neighbour of the frame shown at a time. */
export type FrameDirection = 'next' | 'previous';

/** Frames within this of a time count as at it (the preview's tolerance). */
const TOLERANCE_SECONDS = 1e-6;
/** Decoding size: the pictures are thrown away. */
const PROBE_SIZE = 32;

/**
 * Time (seconds from the clip's start) of the frame after or before the one shown at `timeSeconds`; that frame's
 * own time at either end of the clip. Throws StudioError BAD_INPUT naming the clip when it cannot be read.
 */
export async function neighbourFrameTime(
  path: string,
  timeSeconds: number,
  direction: FrameDirection,
  opts: { info?: ClipInfo; signal?: AbortSignal } = {},
): Promise<number> {
  const info = opts.info ?? (await probeClip(path));
  const t = Math.max(0, timeSeconds);
  return direction === 'next' ? nextTime(info, t, opts.signal) : previousTime(info, t, opts.signal);
}

async function nextTime(info: ClipInfo, t: number, signal: AbortSignal | undefined): Promise<number> {
  const times = await frameTimes(info, t - TOLERANCE_SECONDS, 2, signal);
  return times[1] ?? times[0] ?? t;
}

async function previousTime(info: ClipInfo, t: number, signal: AbortSignal | undefined): Promise<number> {
  const shown = (await frameTimes(info, t - TOLERANCE_SECONDS, 1, signal))[0] ?? t;
  // Look back over a window that grows until a frame is found before the shown one, or the clip's start is reached.
  let window = Math.max(1, 4 / (info.video.fps > 0 ? info.video.fps : 25));
  for (;;) {
    const from = Math.max(0, shown - window);
    const before = (await frameTimes(info, from, Infinity, signal, shown - TOLERANCE_SECONDS)).at(-1);
    if (before !== undefined) return before;
    if (from === 0) return shown;
    window *= 4;
  }
}

/** Times of up to `max` frames later than `from` (all from the start when it is 0), stopping before `until`. */
async function frameTimes(info: ClipInfo, from: number, max: number, signal: AbortSignal | undefined, until = Infinity): Promise<number[]> {
  const times: number[] = [];
  const start = from > 0 ? { startAtSeconds: from } : {};
  const limit = Number.isFinite(max) ? { maxFrames: max } : {};
  for await (const f of extractFrames(info.path, { info, maxSize: PROBE_SIZE, ...start, ...limit }, signal)) {
    if (f.timeSeconds >= until) break;
    times.push(f.timeSeconds);
  }
  return times;
}
