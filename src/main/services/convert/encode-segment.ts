/**
 * Encodes one segment of a conversion: decodes its frames (RGB24, display orientation, square pixels), stylizes
 * them in small batches, and pipes them to ffmpeg as Matroska with each frame's exact time (see mkv-raw-writer),
 * which encodes them to a segment file keeping those times (`-copyts`, passthrough, a fine encoder clock): MPEG-TS
 * or NUT, by codec (see segment-format).
 *
 * MPEG-TS because TS files with absolute timestamps join by plain byte concatenation (ffmpeg's concat protocol),
 * keeping every frame's time. Times are shifted by {@link SEGMENT_OFFSET_SECONDS} so that the decode timestamps an
 * encoder with B-frames puts before the first frame never go negative (TS cannot store them); the join shifts back.
 * NUT segments get the same shift (one timeline for both), and a `.start` file with the time of the first frame
 * fed, for the concat list.
 *
 * The file is written as `<name>.part` (`<name>.<tag>.part` with a `partTag`) and renamed when ffmpeg has finished
 * it, so a file with the final name is always whole: a later run (after a crash) reuses it as it is.
 */
import { stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { StudioError } from '@shared/errors';
import { stylizeFrames, type RgbImage } from '../../engine/stylize/frame-tiling';
import type { StyleEngine } from '../../engine/stylize/style-engine';
import { extractFrames, mkvFrameHeader, mkvRawHeader, type FfmpegProcess } from '../video';
import type { ConvertSegment, FramePlan } from './convert-plan';
import type { VideoEncoding } from './encoding';
import { runFfmpegToFile, writeToFfmpeg } from './ffmpeg-to-file';
import { segmentFormatOf, segmentStartFileName, type SegmentFormat } from './segment-format';

/** Segment timestamps are the clip's plus this, undone when the segments are joined. */
export const SEGMENT_OFFSET_SECONDS = 10;

/** Frames stylized per engine call. */
const DEFAULT_BATCH = 4;

/** What {@link encodeSegment} needs. */
export interface SegmentTask {
  plan: FramePlan;
  segment: ConvertSegment;
  engine: StyleEngine;
  encoding: VideoEncoding;
  /** Folder of the segment files, and this segment's file name in it. */
  workDir: string;
  fileName: string;
  /** Frames per engine call (default 4). */
  batch?: number;
  /**
   * Names this try's partial file apart (`<name>.<tag>.part`): two farm workers given the same segment (one thought
   * dead while it still ran) then never write into one file.
   */
  partTag?: string;
  signal?: AbortSignal;
  /** Awaited before each batch is stylized: resolves at once unless the job is paused (see ItemContext). */
  whilePaused?: () => Promise<void>;
  /** Called after each batch is handed to the encoder, with the frames done so far in this segment. */
  onFrames?: (done: number) => void;
  /** Told when the engine ran out of memory and the tiles were made smaller (a sentence for the job's notices). */
  onNotice?: (text: string) => void;
}

/** ffmpeg's output arguments for each segment format (MPEG-TS keeps the absolute times as they are). */
const MUXER_ARGS: Record<SegmentFormat, string[]> = {
  mpegts: ['-f', 'mpegts', '-mpegts_copyts', '1', '-mpegts_flags', '+initial_discontinuity'],
  nut: ['-f', 'nut'],
};

/**
 * Encodes the segment to `workDir/fileName`; returns its frame count, or null when a whole file from an earlier
 * run was already there (it is kept untouched). Aborting kills ffmpeg, removes the partial file and throws the
 * abort reason; a damaged input throws StudioError BAD_INPUT.
 */
export async function encodeSegment(task: SegmentTask): Promise<{ frames: number | null }> {
  const { plan, segment } = task;
  const format = segmentFormatOf(task.encoding.codec);
  const final = join(task.workDir, task.fileName);
  const startFile = format === 'nut' ? join(task.workDir, segmentStartFileName(task.fileName)) : null;
  if (await segmentWritten(task.workDir, task.fileName)) return { frames: null };
  const partial = `${final}${task.partTag ? `.${task.partTag}` : ''}.part`;
  const frames = await runFfmpegToFile({
    args: [
      ...['-loglevel', 'error', '-copyts', '-f', 'matroska', '-i', 'pipe:0', '-map', '0:v'],
      // passthrough: every frame keeps its time, none is duplicated or dropped to fit a constant rate; the
      // encoding's clock (-enc_time_base) keeps variable-rate times (else ffmpeg rounds them to a guessed rate).
      ...['-vsync', 'passthrough'],
      ...task.encoding.args,
      ...MUXER_ARGS[format],
      ...['-y', partial],
    ],
    partial,
    final,
    what: `encoding segment ${segment.n + 1} of ${basename(plan.info.path)}`,
    ...(task.signal ? { signal: task.signal } : {}),
    feed: async (ffmpeg) => {
      const fed = await feedFrames(task, ffmpeg);
      // Written before the segment is renamed into place, so a whole segment always has it.
      if (startFile) await writeFile(startFile, `${fed.firstTicks}\n`);
      return fed.frames;
    },
  });
  return { frames };
}

/** Decodes, stylizes and writes the segment's frames; returns how many, and the first one's time in µs as fed. */
async function feedFrames(task: SegmentTask, ffmpeg: FfmpegProcess): Promise<{ frames: number; firstTicks: number }> {
  const { plan, segment, signal } = task;
  const batchSize = Math.max(1, task.batch ?? DEFAULT_BATCH);
  await write(mkvRawHeader(plan.width, plan.height), ffmpeg);
  const frames = extractFrames(
    plan.info.path,
    {
      info: plan.info,
      // The planned size itself: fitting again to its long side could round the short side differently.
      exactSize: { width: plan.width, height: plan.height },
      // The batch is held while it is stylized, so the ring needs one buffer more than a batch.
      reuseBuffers: batchSize + 1,
      ...(segment.after !== null ? { startAtSeconds: segment.after } : {}),
    },
    signal,
  );
  let done = 0;
  let firstTicks = -1;
  let batch: { time: number; image: RgbImage }[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await task.whilePaused?.();
    signal?.throwIfAborted();
    const styled = await stylizeFrames(task.engine, batch.map((b) => b.image), task.onNotice ? { onNotice: task.onNotice } : {});
    signal?.throwIfAborted();
    for (let i = 0; i < styled.length; i++) {
      const s = styled[i]!;
      const ticks = Math.round((batch[i]!.time + SEGMENT_OFFSET_SECONDS) * 1e6);
      if (firstTicks < 0) firstTicks = ticks;
      const pixels = Buffer.from(s.data.buffer, s.data.byteOffset, plan.width * plan.height * 3);
      await write(mkvFrameHeader(ticks, pixels.length), ffmpeg);
      await write(pixels, ffmpeg);
    }
    done += batch.length;
    batch = [];
    task.onFrames?.(done);
  };
  for await (const f of frames) {
    // Past the segment's end: stopping the iteration ends this decode at once.
    if (segment.before !== null && f.timeSeconds >= segment.before) break;
    if (f.width !== plan.width || f.height !== plan.height) {
      throw new StudioError('INTERNAL', `decoded a ${f.width}x${f.height} frame, ${plan.width}x${plan.height} planned`);
    }
    batch.push({ time: f.timeSeconds, image: { width: f.width, height: f.height, data: f.rgb } });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  if (done === 0) {
    throw new StudioError('BAD_INPUT', `${basename(plan.info.path)}: no frame could be decoded for segment ${segment.n + 1}`);
  }
  return { frames: done, firstTicks };
}

/** Writes with backpressure; gives up (ffmpeg's exit then tells why) when ffmpeg ends before draining. */
async function write(chunk: Buffer, ffmpeg: FfmpegProcess): Promise<void> {
  if (!(await writeToFfmpeg(ffmpeg, chunk))) {
    throw new StudioError('IO', `ffmpeg stopped reading frames: ${ffmpeg.log.slice(-3).join(' / ')}`);
  }
}

/** Whether segment `fileName` is whole in `workDir`: the file (and a NUT segment's start file), not empty. */
export async function segmentWritten(workDir: string, fileName: string): Promise<boolean> {
  const files = [fileName, ...(fileName.endsWith('.nut') ? [segmentStartFileName(fileName)] : [])];
  return (await Promise.all(files.map((f) => isFile(join(workDir, f))))).every(Boolean);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile() && s.size > 0,
    () => false,
  );
}
