/**
 * How converted video is encoded: the video encoder and its settings, the colour conversion back from RGB, and
 * per output container what happens to the source's audio and subtitle streams (copied bit for bit where the
 * container takes them, else transcoded or dropped, each with a notice for the user).
 *
 * Every codec offered here can travel in MPEG-TS, the segment format (see encode-segment). VP9/WebM cannot, and is
 * not offered yet.
 */
import { extname, basename } from 'node:path';
import type { EncodeOptions } from '@shared/convert';
import { StudioError } from '@shared/errors';
import { listEncoders, type ClipInfo, type ColorInfo } from '../video';

/** Video codecs a conversion can write ('vp9' is refused for now: it cannot travel in MPEG-TS segments). */
export type VideoCodec = EncodeOptions['codec'];

/** Output containers, chosen by the output file's extension. */
export type OutputContainer = 'mp4' | 'mov' | 'matroska';

/** The encoder a conversion runs, with any fallback notice. */
export interface VideoEncoding {
  codec: VideoCodec;
  /** ffmpeg output arguments for the video stream: encoder, clock, colour conversion and tags. */
  args: string[];
  notices: string[];
}

const CONTAINERS: Record<string, OutputContainer> = { '.mp4': 'mp4', '.m4v': 'mp4', '.mov': 'mov', '.mkv': 'matroska' };

/** The container for `output` by its extension; throws BAD_INPUT naming the file for any other. */
export function outputContainer(output: string): OutputContainer {
  const c = CONTAINERS[extname(output).toLowerCase()];
  if (extname(output).toLowerCase() === '.webm') {
    throw new StudioError('BAD_INPUT', `${basename(output)}: WebM (VP9) output is not supported yet; use .mp4, .mov or .mkv`, 'output');
  }
  if (!c) {
    throw new StudioError('BAD_INPUT', `${basename(output)}: the output must end in .mp4, .m4v, .mov or .mkv`, 'output');
  }
  return c;
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

/**
 * Picks the encoder for `opts.codec` (libx264, libx265, mpeg4), falling back to mpeg4 with a notice when missing;
 * `frameTimes` (seconds) are the times it will encode, which pick its clock (see {@link encoderClock}).
 */
export async function videoEncoding(
  opts: EncodeOptions,
  color: ColorInfo,
  frameTimes: readonly number[] = [],
): Promise<VideoEncoding> {
  const codec = opts.codec;
  const have = await availableEncoders();
  const notices: string[] = [];
  let chosen: VideoCodec = codec;
  const lib = { h264: 'libx264', h265: 'libx265', mpeg4: 'mpeg4' }[codec];
  if (!have.has(lib)) {
    notices.push(`this ffmpeg has no ${lib} encoder: the video is written as MPEG-4 Part 2 instead (larger files)`);
    chosen = 'mpeg4';
  }
  const args = ['-pix_fmt', 'yuv420p', ...colorArgs(color), '-enc_time_base:v', `1:${encoderClock(chosen, frameTimes)}`];
  if (chosen === 'h264') args.push('-c:v', 'libx264', '-preset', opts.preset, '-crf', String(opts.crf));
  else if (chosen === 'h265') {
    args.push('-c:v', 'libx265', '-preset', opts.preset, '-crf', String(opts.crf), '-x265-params', 'log-level=error');
  } else {
    // mpeg4 has no CRF; its constant quantiser 2..31 is the closest (CRF 18 ~ q 3).
    const q = Math.min(31, Math.max(2, Math.round((opts.crf - 9) / 3)));
    args.push('-c:v', 'mpeg4', '-q:v', String(q));
  }
  return { codec: chosen, args, notices };
}

/**
 * Ticks per second of the encoder's clock (`-enc_time_base`), on which every frame time is encoded. H.264 and
 * H.265 take MPEG-TS's own 90 kHz. ffmpeg's MPEG-4 Part 2 encoder refuses clocks above 65535 Hz (the standard's
 * 16-bit time increment resolution), so it gets the first of these that holds every one of `frameTimes`
 * (seconds) exactly: 60 kHz (24, 25, 30, 50, 60, 29.97 and 59.94 fps, millisecond times), 48 kHz (23.976 and
 * 47.952 fps); else 60 kHz, which puts each time within 8.3 µs of its own.
 */
export function encoderClock(codec: VideoCodec, frameTimes: readonly number[]): number {
  if (codec !== 'mpeg4') return 90_000;
  return [60_000, 48_000].find((clock) => holdsAll(clock, frameTimes)) ?? 60_000;
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
 * RGB -> YUV with the source's matrix and range, and the source's colour tags, so the output decodes to the
 * colours the input decoded to (the decode side converts with the same matrix). An untagged source stays
 * untagged and both sides use ffmpeg's default (BT.601, limited range).
 */
export function colorArgs(color: ColorInfo): string[] {
  const matrix = color.space ? MATRIX[color.space] : undefined;
  const range = color.range === 'pc' ? 'pc' : 'tv';
  const scale = [`out_range=${range}`, ...(matrix ? [`out_color_matrix=${matrix}`] : [])].join(':');
  // The explicit format makes this scale do the RGB -> YUV step, not one ffmpeg would insert with defaults.
  const args = ['-vf', `scale=${scale},format=yuv420p`];
  if (color.range) args.push('-color_range', color.range === 'pc' ? 'pc' : 'tv');
  if (color.space && matrix) args.push('-colorspace', color.space);
  if (color.primaries) args.push('-color_primaries', color.primaries);
  if (color.transfer) args.push('-color_trc', color.transfer);
  return args;
}

/** Output arguments for the source's audio and subtitle streams (input #1 of the final mux), and notices. */
export function streamCopyArgs(info: ClipInfo, container: OutputContainer): { args: string[]; notices: string[] } {
  const args: string[] = [];
  const notices: string[] = [];
  info.audio.forEach((a, i) => {
    args.push('-map', `1:${a.streamIndex}`);
    if (container === 'matroska' || MP4_AUDIO.has(a.codec)) args.push(`-c:a:${i}`, 'copy');
    else {
      args.push(`-c:a:${i}`, 'aac', `-b:a:${i}`, '192k');
      notices.push(`audio stream ${i + 1} (${a.codec}) cannot go into ${container.toUpperCase()}: re-encoded as AAC`);
    }
  });
  let s = 0;
  for (const sub of info.subtitleStreams) {
    if (container === 'matroska') {
      args.push('-map', `1:${sub.streamIndex}`, `-c:s:${s++}`, 'copy');
    } else if (sub.codec === 'mov_text') {
      args.push('-map', `1:${sub.streamIndex}`, `-c:s:${s++}`, 'copy');
    } else if (TEXT_SUBTITLES.has(sub.codec)) {
      args.push('-map', `1:${sub.streamIndex}`, `-c:s:${s++}`, 'mov_text');
      notices.push(`subtitles (${sub.codec}) converted to MP4 timed text (mov_text); styling is lost`);
    } else {
      notices.push(`picture subtitles (${sub.codec}) cannot go into ${container.toUpperCase()} and were left out; use .mkv to keep them`);
    }
  }
  // Fonts attached for styled subtitles travel with them.
  if (container === 'matroska') args.push('-map', '1:t?', '-c:t', 'copy');
  return { args, notices };
}

/** Audio codecs ffmpeg's MP4/MOV muxer takes as they are (Opus, FLAC and Vorbis in MP4 since ffmpeg 4.3/5). */
const MP4_AUDIO = new Set(['aac', 'mp3', 'mp2', 'ac3', 'eac3', 'alac', 'opus', 'flac', 'vorbis']);
/** Text subtitle codecs ffmpeg can turn into mov_text. */
const TEXT_SUBTITLES = new Set(['subrip', 'srt', 'ass', 'ssa', 'webvtt', 'text', 'mov_text']);
