/**
 * Turns frame extraction options into ffmpeg arguments: which frames the `select` filter keeps, the filters that
 * shape them (square pixels, crop, downscale), and the exact size of each RGB24 frame that comes out.
 *
 * Timeline: `-copyts -start_at_zero` keep every frame's own timestamp, shifted only so the container starts at 0
 * (the times a player shows), also when `-ss` seeks ahead to resume. ffmpeg applies rotation itself (autorotate)
 * before these filters, so sizes and crops are in displayed orientation.
 */
import { basename } from 'node:path';
import { StudioError } from '@shared/errors';
import type { ClipInfo } from './probe-clip';

/** A rectangle inside a frame, in pixels of the displayed picture. */
export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Which frames to take and how to shape them; see {@link extractFrames}. */
export interface ExtractOptions {
  /** Take a frame every this many seconds: the first frame of each interval [k*s, (k+1)*s) of the timeline. */
  everySeconds?: number;
  /** Take a frame when ffmpeg's scene change score (0..1) exceeds this: `select='gt(scene,T)'`. */
  sceneThreshold?: number;
  /** Stop after this many frames. */
  maxFrames?: number;
  /**
   * Take only frames later than this time (seconds): resumes a run that stopped after the frame at this time,
   * yielding what the uninterrupted run would have yielded after it.
   */
  startAtSeconds?: number;
  /** Cut this rectangle out of each (displayed, square-pixel) frame before any downscale. */
  crop?: CropRect;
  /** Scale frames down to at most this width, keeping the aspect ratio; never up. */
  maxWidth?: number;
  /** Scale frames down so their longer side is at most this, keeping the aspect ratio; never up. */
  maxSize?: number;
  /** Round the frame size down to even numbers (what 4:2:0 video encoders need), scaling by at most 1 px. */
  evenSize?: boolean;
  /**
   * Scale frames to exactly this size (after any crop), overriding `maxWidth`, `maxSize` and `evenSize`: for a
   * caller that planned the size itself, since fitting again to the planned long side can round the short side
   * differently (853x480 fits 852x480, but 852 as a maximum gives 852x478).
   */
  exactSize?: { width: number; height: number };
  /**
   * Yield frames in a ring of this many preallocated buffers instead of a new buffer per frame: the buffer of
   * frame k is overwritten when frame k + reuseBuffers is read, so the consumer must be done with it by then.
   */
  reuseBuffers?: number;
  /** The clip's probe, when the caller already has it (saves running ffprobe again). */
  info?: ClipInfo;
}

/** ffmpeg arguments and the resulting frame size. */
export interface FramePlan {
  inputArgs: string[];
  outputArgs: string[];
  width: number;
  height: number;
}

// Seeking this much before `startAtSeconds` lets the scene score of the first frame after it compare with the
// frame before, as in an uninterrupted run.
const SCENE_PREROLL_SECONDS = 1;

/** Plans the ffmpeg run for `opts` on the probed clip; throws StudioError BAD_INPUT for invalid options. */
export function planFrames(info: ClipInfo, opts: ExtractOptions): FramePlan {
  validate(info, opts);
  const v = info.video;
  const filters: string[] = [];
  const select = selectExpression(opts);
  if (select) filters.push(`select='${select}'`);
  // Pins the size (a stream may change resolution midway) and makes pixels square; a no-op when nothing changes.
  filters.push(`scale=${v.displayWidth}:${v.displayHeight}`, 'setsar=1');
  let width = v.displayWidth;
  let height = v.displayHeight;
  if (opts.crop) {
    const c = opts.crop;
    filters.push(`crop=${c.width}:${c.height}:${c.x}:${c.y}`);
    width = c.width;
    height = c.height;
  }
  const fit = opts.exactSize ?? fitSize(width, height, opts);
  if (fit.width !== width || fit.height !== height) {
    width = fit.width;
    height = fit.height;
    filters.push(`scale=${width}:${height}:flags=area`);
  }
  filters.push('showinfo');

  const inputArgs = ['-loglevel', 'level+verbose', '-copyts', '-start_at_zero'];
  const seekTo = seekPoint(info, opts);
  if (seekTo > 0) inputArgs.push('-ss', ffmpegSeconds(seekTo));
  // passthrough: frames leave as they are, never duplicated or dropped to fit a constant rate.
  const outputArgs = ['-map', `0:${v.streamIndex}`, '-an', '-sn', '-dn', '-vsync', 'passthrough'];
  outputArgs.push('-vf', filters.join(','));
  if (opts.maxFrames !== undefined) outputArgs.push('-frames:v', String(opts.maxFrames));
  outputArgs.push('-f', 'rawvideo', '-pix_fmt', 'rgb24');
  return { inputArgs, outputArgs, width, height };
}

/** The size frames of `width` x `height` come out at under `maxWidth`, `maxSize` and `evenSize`. */
export function fitSize(width: number, height: number, opts: ExtractOptions): { width: number; height: number } {
  let w = width;
  let h = height;
  if (opts.maxWidth !== undefined && w > opts.maxWidth) {
    h = Math.max(1, Math.round((h * opts.maxWidth) / w));
    w = opts.maxWidth;
  }
  if (opts.maxSize !== undefined && Math.max(w, h) > opts.maxSize) {
    const k = opts.maxSize / Math.max(w, h);
    [w, h] = w >= h ? [opts.maxSize, Math.max(1, Math.round(h * k))] : [Math.max(1, Math.round(w * k)), opts.maxSize];
  }
  if (opts.evenSize) {
    w = Math.max(2, w - (w % 2));
    h = Math.max(2, h - (h % 2));
  }
  return { width: w, height: h };
}

/**
 * A time as an ffmpeg option value (`-ss`, `-t`, `-itsoffset`): fixed-point to the microsecond, since ffmpeg's
 * duration syntax has no exponent and `String(1e-7)` is "1e-7".
 */
export function ffmpegSeconds(seconds: number): string {
  const s = seconds.toFixed(6);
  // -0.000000 reads as 0 to ffmpeg too, but a minus sign on nothing is confusing in a logged command line.
  return /^-0\.0+$/.test(s) ? s.slice(1) : s;
}

/** Where `-ss` starts decoding (seconds), 0 for the beginning. */
export function seekPoint(info: ClipInfo, opts: ExtractOptions): number {
  const start = opts.startAtSeconds ?? 0;
  const preroll = opts.sceneThreshold !== undefined ? Math.max(SCENE_PREROLL_SECONDS, 2 / (info.video.fps || 1)) : 0;
  return Math.max(0, start - preroll);
}

/** The `select` expression for the options, or null when every frame is taken. */
export function selectExpression(opts: ExtractOptions): string | null {
  const rules: string[] = [];
  const start = opts.startAtSeconds;
  // The first frame is always taken, except when resuming: then only the rules decide, as they would have.
  if (start === undefined) rules.push('isnan(prev_selected_t)');
  if (opts.everySeconds !== undefined) {
    const e = opts.everySeconds;
    // Interval k of the timeline is taken once; the epsilon keeps a frame exactly on a boundary from landing
    // in the interval before through rounding. Resuming counts the interval of `start` as already taken.
    const prev = `if(isnan(prev_selected_t),${start ?? -e},prev_selected_t)`;
    rules.push(`gt(floor(t/${e}+1e-6),floor(${prev}/${e}+1e-6))`);
  }
  if (opts.sceneThreshold !== undefined) rules.push(`gt(scene,${opts.sceneThreshold})`);
  const pick = opts.everySeconds === undefined && opts.sceneThreshold === undefined ? null : `gt(${rules.join('+')},0)`;
  if (start === undefined) return pick;
  return pick === null ? `gt(t,${start})` : `gt(t,${start})*${pick}`;
}

function validate(info: ClipInfo, o: ExtractOptions): void {
  const name = basename(info.path);
  const bad = (field: string, why: string): never => {
    throw new StudioError('BAD_INPUT', `${field} ${why} (extracting frames from ${name})`, field);
  };
  if (o.everySeconds !== undefined && !(Number.isFinite(o.everySeconds) && o.everySeconds >= 0.001)) {
    bad('everySeconds', 'must be a number of seconds, at least 0.001');
  }
  if (o.sceneThreshold !== undefined && !(o.sceneThreshold >= 0 && o.sceneThreshold <= 1)) {
    bad('sceneThreshold', 'must be between 0 and 1');
  }
  if (o.maxFrames !== undefined && !(Number.isInteger(o.maxFrames) && o.maxFrames >= 1)) {
    bad('maxFrames', 'must be a whole number, at least 1');
  }
  if (o.startAtSeconds !== undefined && !(Number.isFinite(o.startAtSeconds) && o.startAtSeconds >= 0)) {
    bad('startAtSeconds', 'must be a number of seconds, 0 or more');
  }
  if (o.maxWidth !== undefined && !(Number.isInteger(o.maxWidth) && o.maxWidth >= 2)) {
    bad('maxWidth', 'must be a whole number of pixels, at least 2');
  }
  if (o.exactSize !== undefined) {
    const { width, height } = o.exactSize;
    if (!(Number.isInteger(width) && Number.isInteger(height) && width >= 1 && height >= 1)) {
      bad('exactSize', `${width}x${height} must be whole numbers of pixels, at least 1`);
    }
  }
  if (o.crop) {
    const { x, y, width, height } = o.crop;
    const whole = [x, y, width, height].every((n) => Number.isInteger(n));
    const fits = x >= 0 && y >= 0 && width >= 1 && height >= 1;
    const { displayWidth: w, displayHeight: h } = info.video;
    if (!whole || !fits || x + width > w || y + height > h) {
      bad('crop', `${width}x${height} at ${x},${y} does not fit inside the ${w}x${h} frame`);
    }
  }
}
