/**
 * Joins the encoded segments and muxes them with the source's sound and subtitles into the output file.
 *
 * MPEG-TS segments have absolute times, so they join as their bytes one after another and every frame keeps its
 * time; the segment cuts were planned so decode times keep increasing across them (see convert-plan). The bytes
 * are streamed to ffmpeg's stdin, not named on its command line: a long clip has thousands of segments, and a
 * `concat:a.ts|b.ts|...` argument outgrows what a command line can hold (32k characters on Windows, 128 KiB for one
 * argument on Linux); the `concatf:` list protocol would avoid that but needs ffmpeg 5.
 *
 * NUT segments (VP9, ProRes) go through ffmpeg's concat demuxer instead, from a list file in the work folder that
 * places each segment where its first frame lies (see concat-list).
 *
 * `-copyts` stops ffmpeg from moving each input to start at 0 on its own; instead each input is shifted explicitly
 * onto the source's timeline made to start at 0: the video back by the segment offset, the source (sound,
 * subtitles) back by its start time. That is the same shift a plain remux of the source makes, so sound and
 * picture stay in sync as they were.
 *
 * MPEG-TS stores no frame durations, so ffmpeg knows how long the last frame lasts only when it guesses a duration
 * from the frame rate it measured, and it does not always: ffmpeg 5.1 measures none on fewer than 4 frames, the
 * 2018 build of the npm ffmpeg-installer package never for these segments. MP4 and MOV end the video (their edit
 * list) where the last frame ends, so without its duration they end where it starts and players drop that frame.
 * For them the join gives each video packet without a duration one frame at the source's rate (the setts bitstream
 * filter, ffmpeg 5.0 and later). NUT segments do carry durations, but ones ffmpeg guessed from the rate it measured
 * in each segment's frames alone, so there every packet gets one frame at the source's rate, as in MPEG-TS (only the
 * last one's length counts in MP4 and MOV; the others last until the next frame). Matroska and WebM keep every
 * frame anyway, and are left alone: ffmpeg 5.1 writes their length from such durations without converting them to
 * its millisecond clock (0.1 s would read as 9 s).
 *
 * The output is written under a hidden temporary name beside it and renamed when complete.
 */
import { createReadStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AudioHandling } from '@shared/convert';
import { StudioError } from '@shared/errors';
import { ffmpegSeconds, startFfmpeg, type ClipInfo, type FfmpegProcess } from '../video';
import { writeConcatList } from './concat-list';
import { SEGMENT_OFFSET_SECONDS } from './encode-segment';
import type { VideoCodec } from './encoding';
import { runFfmpegToFile, writeToFfmpeg } from './ffmpeg-to-file';
import type { OutputContainer } from './output-container';
import { segmentFormatOf, type SegmentFormat } from './segment-format';
import { streamCopyArgs } from './stream-copy';

/** What {@link joinSegments} needs. */
export interface JoinTask {
  info: ClipInfo;
  /** Folder of the segment files, and their names in order. */
  workDir: string;
  files: string[];
  output: string;
  container: OutputContainer;
  codec: VideoCodec;
  /** Whether MP4 and MOV keep sound that not every editor or player reads there as it is (see stream-copy). */
  audio: AudioHandling;
  /** The stretch of the source converted (the output starts at its start), or null for all of it. */
  range: { startSeconds: number; endSeconds: number } | null;
  signal?: AbortSignal;
}

const MUXER: Record<OutputContainer, string> = { mp4: 'mp4', mov: 'mov', matroska: 'matroska', webm: 'webm' };

/** Writes `task.output` from the segments and the source's other streams; returns notices about streams. */
export async function joinSegments(task: JoinTask): Promise<{ notices: string[] }> {
  const { info, container } = task;
  task.signal?.throwIfAborted();
  const format = segmentFormatOf(task.codec);
  const streams = streamCopyArgs(info, container, task.codec, task.audio);
  const lastFrame = await lastFrameLength(info, container, format);
  const partial = joinPartialPath(task.output);
  const mp4Family = container === 'mp4' || container === 'mov';
  // A range puts every input on the source's own clock (ffmpeg's seek and trim count there) and shifts the whole
  // output back to the range start when muxing; a whole clip shifts each input onto the clip's clock from 0.
  const shift = task.range ? -info.startSeconds : 0;
  const video = format === 'nut' ? await concatInput(task, shift) : tsInput(shift);
  const args = [
    ...['-loglevel', 'error', '-copyts'],
    ...video,
    ...sourceInput(info, task.range),
    ...['-map', '0:v', '-c:v', 'copy', ...lastFrame.args],
    // Apple players want HEVC in MP4 tagged hvc1 (ffmpeg's default hev1 does not play there).
    ...(task.codec === 'h265' && mp4Family ? ['-tag:v', 'hvc1'] : []),
    ...streams.args,
    ...['-map_metadata', '1', '-map_chapters', '1'],
    ...(task.range ? rangeOutput(info, task.range) : []),
    // MP4 keeps a sound packet that starts before 0 (a range cut mid-packet, AAC priming) in an edit list; by
    // default ffmpeg would instead push every stream later by that much, the picture included.
    ...(mp4Family ? ['-movflags', '+faststart', '-avoid_negative_ts', 'disabled'] : []),
    ...['-f', MUXER[container], '-y', partial],
  ];
  await runFfmpegToFile({
    args,
    partial,
    final: task.output,
    what: `writing ${basename(task.output)}`,
    ...(task.signal ? { signal: task.signal } : {}),
    ...(format === 'mpegts' ? { feed: (ffmpeg: FfmpegProcess) => feedSegments(task, ffmpeg) } : {}),
  });
  return { notices: [...streams.notices, ...lastFrame.notices] };
}

/**
 * The MPEG-TS segments as input #0: their bytes on stdin (see feedSegments), shifted back by the segment offset and
 * then by `shift` more.
 */
function tsInput(shift: number): string[] {
  return ['-itsoffset', ffmpegSeconds(-(SEGMENT_OFFSET_SECONDS + shift)), '-f', 'mpegts', '-i', 'pipe:0'];
}

/**
 * The NUT segments as input #0, through a concat list written into the work folder. The demuxer starts the
 * first frame at 0; the offset puts it at its own time on the output's timeline.
 */
async function concatInput(task: JoinTask, shift: number): Promise<string[]> {
  const list = await writeConcatList(task.workDir, task.files);
  return ['-itsoffset', ffmpegSeconds(list.firstSeconds - SEGMENT_OFFSET_SECONDS - shift), '-f', 'concat', '-i', list.path];
}

/**
 * The source as the final mux's second input. A whole clip is shifted back by its start time. A range is read
 * from its start for its length (`-ss`, `-t`) on the source's own clock: with -copyts ffmpeg seeks there and trims
 * decoded sound there, so shifting this input as well would trim twice (a range from 2.5 s lost its first 2.5 s
 * of sound); the output is shifted instead (see rangeOutput).
 */
function sourceInput(info: ClipInfo, range: JoinTask['range']): string[] {
  if (!range) return ['-itsoffset', ffmpegSeconds(-info.startSeconds), '-i', info.path];
  return ['-ss', ffmpegSeconds(range.startSeconds), '-t', ffmpegSeconds(range.endSeconds - range.startSeconds), '-i', info.path];
}

/**
 * A range's output options: every stream shifted back so the range start is 0, and copied sound packets from
 * before it dropped. A seek lands on the packet its container can seek to, which in WebM may be seconds earlier;
 * copied as they were, those packets made Matroska and WebM push the whole picture later by as much.
 */
function rangeOutput(info: ClipInfo, range: NonNullable<JoinTask['range']>): string[] {
  return ['-output_ts_offset', ffmpegSeconds(-(info.startSeconds + range.startSeconds)), '-copypriorss', '0'];
}

/** The hidden file the join writes before renaming it to `output`. */
export function joinPartialPath(output: string): string {
  return join(dirname(output), `.${basename(output)}.part`);
}

/**
 * Streams the segment files to ffmpeg's stdin one after another, as fast as it reads them. Stops quietly when
 * ffmpeg exits early (its exit code then says why); throws StudioError IO naming a segment that cannot be read.
 */
async function feedSegments(task: JoinTask, ffmpeg: FfmpegProcess): Promise<void> {
  for (const name of task.files) {
    const file = createReadStream(join(task.workDir, name), { highWaterMark: 1 << 20, signal: task.signal });
    try {
      for await (const chunk of file as AsyncIterable<Buffer>) {
        if (!(await writeToFfmpeg(ffmpeg, chunk))) return;
      }
    } catch (err) {
      // writeToFfmpeg never throws: this is the read failing, or the abort ending it.
      task.signal?.throwIfAborted();
      const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new StudioError('IO', `cannot read ${name} in ${task.workDir} (${why}): start the conversion again`);
    }
  }
}

/**
 * Output arguments that give an MP4 or MOV video's last frame its length (see the file comment), or a notice when
 * this ffmpeg cannot, so that players may drop that frame.
 */
async function lastFrameLength(
  info: ClipInfo,
  container: OutputContainer,
  format: SegmentFormat,
): Promise<{ args: string[]; notices: string[] }> {
  // Matroska keeps the frame; with no rate to go by (ffprobe knew none), ffmpeg's own guess is all there is.
  if (container === 'matroska' || container === 'webm' || !(info.video.fps > 0)) return { args: [], notices: [] };
  const seconds = 1 / info.video.fps;
  if (await canSetDurations()) return { args: ['-bsf:v', format === 'nut' ? durationsFilter(seconds) : durationFilter(seconds)], notices: [] };
  const notice =
    `this ffmpeg (older than 5.0, or built without the setts filter) cannot give the last frame its length: ` +
    `${container.toUpperCase()} players may drop that frame (use .mkv, or ffmpeg 5 or later)`;
  return { args: [], notices: [notice] };
}

/**
 * The setts filter that gives packets without a duration `seconds`. pts and dts are spelled out: ffmpeg 5's setts
 * otherwise sets both to the dts. No commas: -bsf splits its list of filters on them.
 */
function durationFilter(seconds: number): string {
  return `setts=pts=PTS:dts=DTS:duration=DURATION+not(DURATION)*${ffmpegSeconds(seconds)}/TB`;
}

/** The setts filter that gives every packet `seconds` (see {@link durationFilter}). */
function durationsFilter(seconds: number): string {
  return `setts=pts=PTS:dts=DTS:duration=${ffmpegSeconds(seconds)}/TB`;
}

let settsCheck: Promise<boolean> | undefined;

/**
 * Whether this ffmpeg takes {@link durationFilter} (setts with `duration`: ffmpeg 5.0 and later), tried once on a
 * generated picture; an ffmpeg that would not start is asked again next time.
 */
function canSetDurations(): Promise<boolean> {
  const check = (settsCheck ??= startFfmpeg({
    args: [
      ...['-loglevel', 'error', '-f', 'lavfi', '-i', 'nullsrc=s=16x16:d=0.1'],
      ...['-map', '0:v', '-c:v', 'copy', '-bsf:v', durationFilter(0.04), '-f', 'null', '-'],
    ],
  }).exited.then((exit) => {
    if (exit.startFailure !== undefined && settsCheck === check) settsCheck = undefined;
    return exit.code === 0;
  }));
  return check;
}
