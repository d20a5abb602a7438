/**
 * The files a conversion's segments are written as, by codec.
 *
 * H.264, H.265 and MPEG-4 Part 2 go into MPEG-TS with absolute timestamps, which joins by plain byte
 * concatenation (see join-segments). MPEG-TS cannot carry VP9 or ProRes, so those go into NUT, which stores any
 * codec on the encoder's own clock (a Matroska file would round every time to its millisecond), and are joined
 * with ffmpeg's concat demuxer (see concat-list). The concat demuxer moves each file to start where the previous
 * one's `duration` ends, counting from the file's first timestamp, so the join must know where each segment's
 * first frame lies: the encoder writes it beside the segment, in a `.start` file, before the segment gets its
 * final name.
 */
import type { VideoCodec } from './encoding';

/** How a segment is stored. */
export type SegmentFormat = 'mpegts' | 'nut';

const EXTENSIONS: Record<SegmentFormat, string> = { mpegts: 'ts', nut: 'nut' };

/** The segment format for `codec`. */
export function segmentFormatOf(codec: VideoCodec): SegmentFormat {
  return codec === 'vp9' || codec === 'prores' ? 'nut' : 'mpegts';
}

/** The segment file name for segment `n`, e.g. `segment-00003.ts`. */
export function segmentFileName(n: number, format: SegmentFormat = 'mpegts'): string {
  return `segment-${String(n).padStart(5, '0')}.${EXTENSIONS[format]}`;
}

/** The file beside a NUT segment that holds its first frame's time, e.g. `segment-00003.start`. */
export function segmentStartFileName(segmentFile: string): string {
  return segmentFile.replace(/\.[^.]+$/, '.start');
}
