/**
 * Plans a clip conversion before any frame is decoded: the frame times (from packet timestamps, no decode), the
 * frame size, and the segments the clip is cut into. Segments are planned from the times alone, so a resumed job
 * cuts the clip exactly where the first run did.
 *
 * Segment ends are moved off places where the frame rate drops. Each segment is encoded on its own, and an
 * encoder with B-frames starts a segment's decode timestamps `d` frame intervals (d <= 4) before its first frame;
 * where the frames after a cut are much further apart than those before, that start would fall before the last
 * decode timestamp of the previous segment and the joined stream's DTS would go backwards.
 */
import { basename } from 'node:path';
import { StudioError } from '@shared/errors';
import { fitSize, probePacketTimes, type ClipInfo } from '../video';

/** One segment: frames [first, first + count) of the clip, found by time (see {@link ConvertSegment.after}). */
export interface ConvertSegment {
  /** 0-based segment number. */
  n: number;
  /** Index of its first frame in the clip and how many frames it holds (from packet times; a guide). */
  first: number;
  count: number;
  /** Decoding takes frames later than this time (seconds, clip timeline); null from the start. */
  after: number | null;
  /** ...and earlier than this one; null to the end. Both fall halfway between two frames. */
  before: number | null;
}

/** Which frames a conversion converts, at what size, in which segments (see ConversionPlan for the rest). */
export interface FramePlan {
  info: ClipInfo;
  /** Presentation times of the frames converted (seconds from the clip's start, as decoded), ascending. */
  frameTimes: number[];
  /** The stretch converted, or null for the whole clip; an end past the clip's end is moved to that end. */
  range: { startSeconds: number; endSeconds: number } | null;
  /** True when the frame times are not evenly spaced (more than 1 % apart). */
  variableFrameRate: boolean;
  /** Size of the converted frames: displayed orientation, square pixels, even, at most `maxSize` on the long side. */
  width: number;
  height: number;
  segments: ConvertSegment[];
}

/** Largest B-frame DTS delay, in frames, the segment cuts are made safe for (x264/x265 defaults use 1-3). */
const MAX_DTS_DELAY = 4;

/** Plans the conversion of the probed clip: frames of at most `maxSize` px, `segmentFrames` frames a segment. */
export async function planConversion(
  info: ClipInfo,
  opts: { maxSize?: number | null; segmentFrames: number; range?: { startSeconds: number; endSeconds: number } | null },
): Promise<FramePlan> {
  const name = basename(info.path);
  const raw = await probePacketTimes(info.path, info.video.streamIndex).catch(() => {
    throw new StudioError('BAD_INPUT', `${name} is damaged: its frame times cannot be read`);
  });
  const all = clipTimeline(raw, info.startSeconds);
  if (all.length === 0) throw new StudioError('BAD_INPUT', `${name} has a video stream without any frame`);
  const range = opts.range ? { ...opts.range, endSeconds: Math.min(opts.range.endSeconds, clipEnd(info, all)) } : null;
  const from = range ? all.findIndex((t) => t >= range.startSeconds) : 0;
  const to = range ? all.findIndex((t) => t >= range.endSeconds) : -1;
  const end = to < 0 ? all.length : to;
  if (from < 0 || end <= from) {
    throw new StudioError('BAD_INPUT', `${name} has no frame between ${range!.startSeconds} s and ${range!.endSeconds} s`, 'range');
  }
  const frameTimes = all.slice(from, end);
  const size = fitSize(info.video.displayWidth, info.video.displayHeight, {
    ...(opts.maxSize ? { maxSize: opts.maxSize } : {}),
    evenSize: true,
  });
  return {
    info,
    frameTimes,
    range,
    variableFrameRate: info.video.variableFrameRate || unevenlySpaced(frameTimes),
    ...size,
    segments: planSegments(all, opts.segmentFrames, from, end),
  };
}

/**
 * Where the clip ends on the decoding timeline: the end of its last frame (one frame interval after it), or the
 * container's duration when longer (sound may outlast the picture). A range reaching past it means "to the end".
 */
function clipEnd(info: ClipInfo, times: readonly number[]): number {
  const last = times[times.length - 1]!;
  const interval = times.length > 1 ? last - times[times.length - 2]! : info.video.fps > 0 ? 1 / info.video.fps : 0;
  return Math.max(info.durationSeconds, last + interval);
}

/** Packet times in display order on the decoding timeline (file start = 0), rounded to whole microseconds. */
export function clipTimeline(packetTimes: readonly number[], startSeconds: number): number[] {
  const times = packetTimes.map((t) => Math.round((t - startSeconds) * 1e6) / 1e6).sort((a, b) => a - b);
  // A repeated time is one frame split across packets (e.g. field pairs); the decoder outputs one frame.
  return times.filter((t, i) => i === 0 || t !== times[i - 1]);
}

/**
 * Cuts frames [from, to) of `times` into runs of about `perSegment` frames at places where the DTS of the next run
 * cannot overlap. Segment frame numbers count from `from`.
 */
export function planSegments(times: readonly number[], perSegment: number, from = 0, to = times.length): ConvertSegment[] {
  const cuts: number[] = [from];
  let at = from + perSegment;
  while (at < to) {
    const limit = Math.min(to - 1, at + Math.max(1, Math.floor(perSegment / 2)));
    let cut = at;
    while (cut < limit && !safeCut(times, cut)) cut++;
    // No safe place within half a segment: cut where planned (the encoder may then warn about DTS at this join).
    if (!safeCut(times, cut)) cut = at;
    cuts.push(cut);
    at = cut + perSegment;
  }
  return cuts.map((first, n) => {
    const end = cuts[n + 1] ?? to;
    return {
      n,
      first: first - from,
      count: end - first,
      after: first === 0 ? null : (times[first - 1]! + times[first]!) / 2,
      before: end >= times.length ? null : (times[end - 1]! + times[end]!) / 2,
    };
  });
}

/**
 * Whether a segment may start at frame `i`: for every delay d up to MAX_DTS_DELAY, the next segment's first DTS
 * (t[i] minus the span of its first d intervals) stays after the previous segment's last DTS (t[i - d - 1]).
 */
function safeCut(t: readonly number[], i: number): boolean {
  for (let d = 1; d <= MAX_DTS_DELAY; d++) {
    const before = t[i - d - 1];
    const after = t[i + d];
    if (before === undefined || after === undefined) continue;
    if (t[i]! - (after - t[i]!) <= before) return false;
  }
  return true;
}

function unevenlySpaced(times: readonly number[]): boolean {
  if (times.length < 3) return false;
  let min = Infinity;
  let max = 0;
  for (let i = 1; i < times.length; i++) {
    const d = times[i]! - times[i - 1]!;
    min = Math.min(min, d);
    max = Math.max(max, d);
  }
  return max - min > 0.01 * max + 2e-6;
}
