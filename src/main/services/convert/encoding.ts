/**
 * How converted video is encoded: the video encoder and its settings, its clock, and the colour conversion back
 * from RGB. (What happens to the source's sound and subtitles is stream-copy's; which file takes which codec,
 * output-container's.)
 *
 * H.264, H.265 and MPEG-4 Part 2 travel in MPEG-TS segments, VP9 and ProRes in NUT ones (see segment-format).
 */
import type { EncodeOptions, EncodePreset } from '@shared/convert';
import { StudioError } from '@shared/errors';
import { listEncoders, type ColorInfo } from '../video';

/** Video codecs a conversion can write. */
export type VideoCodec = EncodeOptions['codec'];

/** The encoder a conversion runs, with any fallback notice. */
export interface VideoEncoding {
  codec: VideoCodec;
  /** ffmpeg output arguments for the video stream: encoder, clock, colour conversion and tags. */
  args: string[];
  notices: string[];
}

let encoders: Promise<Set<string>> | undefined;

/** This ffmpeg's encoders, listed once; a failed or empty listing is not kept (the next conversion asks again). */
function availableEncoders(): Promise<Set<string>> {
  const listing = (encoders ??= listEncoders().then((names) => {
    if (names.size === 0) throw new StudioError('IO', 'ffmpeg could not list its encoders (ffmpeg -encoders printed none)');
    return names;
  }));
  listing.catch(() => {
    if (encoders === listing) encoders = undefined;
  });
  return listing;
}

/** Throws StudioError IO when this ffmpeg lacks one of `names`, which writing `output` needs for its sound. */
export async function requireEncoders(names: readonly string[], output: string): Promise<void> {
  const have = await availableEncoders();
  const missing = names.find((n) => !have.has(n));
  if (missing) {
    throw new StudioError('IO', `this ffmpeg has no ${missing} encoder, which ${output} needs for its sound: install an ffmpeg with it, or use .mkv`, 'output');
  }
}

/** ffmpeg's encoder for each codec. */
const ENCODERS: Record<VideoCodec, string> = {
  h264: 'libx264',
  h265: 'libx265',
  mpeg4: 'mpeg4',
  vp9: 'libvpx-vp9',
  prores: 'prores_ks',
};

/** What each codec's frames are stored as: ProRes 422 HQ is 10-bit 4:2:2, everything else 8-bit 4:2:0. */
const PIXEL_FORMATS: Record<VideoCodec, string> = {
  h264: 'yuv420p',
  h265: 'yuv420p',
  mpeg4: 'yuv420p',
  vp9: 'yuv420p',
  prores: 'yuv422p10le',
};

/**
 * Picks the encoder for `opts.codec`; `frameTimes` (seconds) are the times it will encode, which pick its clock
 * (see {@link encoderClock}). A missing libx264 or libx265 falls back to MPEG-4 Part 2 with a notice; a missing
 * libvpx-vp9 or prores_ks throws StudioError IO, since no other codec fits their containers and purposes.
 */
export async function videoEncoding(
  opts: EncodeOptions,
  color: ColorInfo,
  frameTimes: readonly number[] = [],
): Promise<VideoEncoding> {
  const have = await availableEncoders();
  const notices: string[] = [];
  let codec: VideoCodec = opts.codec;
  const wanted = ENCODERS[codec];
  if (!have.has(wanted)) {
    if (codec === 'vp9' || codec === 'prores') {
      const what = codec === 'vp9' ? 'VP9 (ffmpeg built with libvpx)' : 'ProRes (prores_ks)';
      throw new StudioError('IO', `this ffmpeg has no ${wanted} encoder: install an ffmpeg with ${what}, or choose another codec`, 'encode.codec');
    }
    notices.push(`this ffmpeg has no ${wanted} encoder: the video is written as MPEG-4 Part 2 instead (larger files)`);
    codec = 'mpeg4';
  }
  const format = PIXEL_FORMATS[codec];
  const args = ['-pix_fmt', format, ...colorArgs(color, format), '-enc_time_base:v', `1:${encoderClock(codec, frameTimes)}`];
  args.push('-c:v', ENCODERS[codec], ...encoderArgs(codec, opts));
  return { codec, args, notices };
}

/** The encoder's quality and speed settings for `codec`. */
function encoderArgs(codec: VideoCodec, opts: EncodeOptions): string[] {
  switch (codec) {
    case 'h264':
      // No lookahead thread (x264 starts one whenever it runs frame threads): its frame-type and MB-tree decisions
      // near the end of the stream depend on how far it got when the input ended, so a segment fed with pauses
      // (the style engine, a paused job, a loaded machine) could encode its last frames differently. Decided in
      // the encoding thread, the same frames always give the same file; frame threads stay.
      return ['-preset', opts.preset, '-crf', String(opts.crf), '-x264-params', 'sync-lookahead=0'];
    case 'h265':
      return ['-preset', opts.preset, '-crf', String(opts.crf), '-x265-params', 'log-level=error'];
    case 'mpeg4':
      // mpeg4 has no CRF; its constant quantiser 2..31 is the closest (CRF 18 ~ q 3).
      return ['-q:v', String(Math.min(31, Math.max(2, Math.round((opts.crf - 9) / 3))))];
    case 'vp9':
      // Constant quality (-b:v 0 lifts the bitrate cap). VP9's scale is 0..63: the 0..51 CRF is stretched onto
      // it, so 18 (near-lossless for x264) gives 22 and 51 gives VP9's lowest quality.
      return [
        ...['-crf', String(Math.round((opts.crf * 63) / 51)), '-b:v', '0'],
        ...['-deadline', 'good', '-cpu-used', String(VP9_CPU_USED[opts.preset]), '-row-mt', '1'],
      ];
    case 'prores':
      // Profile 3 is 422 HQ; its quality is fixed by the profile, so CRF and preset do not apply. The apl0 vendor
      // tag is what Apple's own encoder writes, which some editing software checks.
      return ['-profile:v', '3', '-vendor', 'apl0'];
  }
}

/** libvpx's speed (0 slowest and best .. 5 fastest for `-deadline good`) for each x264-style preset. */
const VP9_CPU_USED: Record<EncodePreset, number> = {
  ultrafast: 5,
  superfast: 5,
  veryfast: 4,
  faster: 4,
  fast: 3,
  medium: 2,
  slow: 1,
  slower: 1,
  veryslow: 0,
};

/**
 * Ticks per second of the encoder's clock (`-enc_time_base`), on which every frame time is encoded. H.264 and
 * H.265 take MPEG-TS's own 90 kHz. The others get the first of these that holds every one of `frameTimes`
 * (seconds) exactly: 60 kHz (24, 25, 30, 50, 60, 29.97 and 59.94 fps, millisecond times), 48 kHz (23.976 and
 * 47.952 fps). Else ffmpeg's MPEG-4 Part 2 encoder, which refuses clocks above 65535 Hz (the standard's 16-bit
 * time increment resolution), gets 60 kHz, which puts each time within 8.3 µs of its own; VP9 and ProRes, whose
 * NUT segments keep any clock, get 90 kHz (within 5.6 µs), as MPEG-TS would. A clock that holds the times
 * also gives a ProRes MOV evenly long frames, which editing software expects of a constant-rate clip.
 */
export function encoderClock(codec: VideoCodec, frameTimes: readonly number[]): number {
  if (codec === 'h264' || codec === 'h265') return 90_000;
  return [60_000, 48_000].find((clock) => holdsAll(clock, frameTimes)) ?? (codec === 'mpeg4' ? 60_000 : 90_000);
}

/** Whether every time lands on a tick of a `clock` Hz clock, within the microsecond the times are rounded to. */
function holdsAll(clock: number, times: readonly number[]): boolean {
  return times.every((t) => Math.abs(t * clock - Math.round(t * clock)) <= clock * 0.5e-6 + 1e-9);
}

const MATRIX: Record<string, string> = {
  bt709: 'bt709',
  smpte170m: 'bt601',
  bt470bg: 'bt601',
  fcc: 'fcc',
  smpte240m: 'smpte240m',
  bt2020nc: 'bt2020',
  bt2020c: 'bt2020',
};

/**
 * RGB -> YUV (`format`, e.g. yuv420p) with the source's matrix and range, and the source's colour tags, so the
 * output decodes to the colours the input decoded to (the decode side converts with the same matrix). An
 * untagged source stays untagged and both sides use ffmpeg's default (BT.601, limited range).
 */
export function colorArgs(color: ColorInfo, format = 'yuv420p'): string[] {
  const matrix = color.space ? MATRIX[color.space] : undefined;
  const range = color.range === 'pc' ? 'pc' : 'tv';
  const scale = [`out_range=${range}`, ...(matrix ? [`out_color_matrix=${matrix}`] : [])].join(':');
  // The explicit format makes this scale do the RGB -> YUV step, not one ffmpeg would insert with defaults.
  const args = ['-vf', `scale=${scale},format=${format}`];
  if (color.range) args.push('-color_range', color.range === 'pc' ? 'pc' : 'tv');
  if (color.space && matrix) args.push('-colorspace', color.space);
  if (color.primaries) args.push('-color_primaries', color.primaries);
  if (color.transfer) args.push('-color_trc', color.transfer);
  return args;
}
