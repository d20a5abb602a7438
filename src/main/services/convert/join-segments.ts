/**
 * Joins the encoded segments and muxes them with the source's sound and subtitles into the output file.
 *
 * The segments are MPEG-TS with absolute times, so they join with ffmpeg's concat protocol (the bytes one after
 * another) and every frame keeps its time; the segment cuts were planned so decode times keep increasing across
 * them (see convert-plan). `-copyts` stops ffmpeg from moving each input to start at 0 on its own; instead each
 * input is shifted explicitly onto the source's timeline made to start at 0: the video back by the segment offset,
 * the source (sound, subtitles) back by its start time. That is the same shift a plain remux of the source makes,
 * so sound and picture stay in sync as they were.
 *
 * The output is written under a hidden temporary name beside it and renamed when complete.
 */
import { basename, dirname, join } from 'node:path';
import { ffmpegSeconds, type ClipInfo } from '../video';
import { SEGMENT_OFFSET_SECONDS } from './encode-segment';
import { streamCopyArgs, type OutputContainer, type VideoCodec } from './encoding';
import { runFfmpegToFile } from './ffmpeg-to-file';

/** What {@link joinSegments} needs. */
export interface JoinTask {
  info: ClipInfo;
  /** Folder of the segment files, and their names in order. */
  workDir: string;
  files: string[];
  output: string;
  container: OutputContainer;
  codec: VideoCodec;
  /** The stretch of the source converted (the output starts at its start), or null for all of it. */
  range: { startSeconds: number; endSeconds: number } | null;
  signal?: AbortSignal;
}

const MUXER: Record<OutputContainer, string> = { mp4: 'mp4', mov: 'mov', matroska: 'matroska' };

/** Writes `task.output` from the segments and the source's other streams; returns notices about streams. */
export async function joinSegments(task: JoinTask): Promise<{ notices: string[] }> {
  const { info, container } = task;
  task.signal?.throwIfAborted();
  const streams = streamCopyArgs(info, container);
  const partial = join(dirname(task.output), `.${basename(task.output)}.part`);
  // File names without folders (ffmpeg runs in workDir): a '|' in a folder name would split the list.
  const concat = `concat:${task.files.join('|')}`;
  const mp4Family = container === 'mp4' || container === 'mov';
  const start = task.range?.startSeconds ?? 0;
  const args = [
    ...['-loglevel', 'error', '-copyts'],
    ...['-itsoffset', ffmpegSeconds(-(SEGMENT_OFFSET_SECONDS + start)), '-f', 'mpegts', '-i', concat],
    ...sourceInput(info, task.range),
    ...['-map', '0:v', '-c:v', 'copy'],
    // Apple players want HEVC in MP4 tagged hvc1 (ffmpeg's default hev1 does not play there).
    ...(task.codec === 'h265' && mp4Family ? ['-tag:v', 'hvc1'] : []),
    ...streams.args,
    ...['-map_metadata', '1', '-map_chapters', '1'],
    // On the output's timeline (input offsets applied): ends the sound and subtitles with the range.
    ...(task.range ? ['-t', ffmpegSeconds(task.range.endSeconds - task.range.startSeconds)] : []),
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
    cwd: task.workDir,
    ...(task.signal ? { signal: task.signal } : {}),
  });
  return { notices: streams.notices };
}

/**
 * The source as the final mux's second input, shifted (with -copyts, seeks do not shift) so its time `start` of
 * the range lands on 0; a range also seeks there (the output's `-t` ends it), cutting sound at packet edges.
 */
function sourceInput(info: ClipInfo, range: JoinTask['range']): string[] {
  if (!range) return ['-itsoffset', ffmpegSeconds(-info.startSeconds), '-i', info.path];
  const shift = ffmpegSeconds(-(info.startSeconds + range.startSeconds));
  return ['-ss', ffmpegSeconds(range.startSeconds), '-itsoffset', shift, '-i', info.path];
}
