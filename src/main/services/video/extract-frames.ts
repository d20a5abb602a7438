/**
 * Streams decoded frames of a clip as RGB24 over ffmpeg's stdout, one frame at a time: ffmpeg waits (pipe
 * backpressure) while the consumer works, so a whole film never sits in memory. Each frame's timestamp comes
 * from the `showinfo` filter, the last filter before output, whose stderr line for the n-th frame written is
 * paired with the n-th frame read from the pipe (and its reported size checked against the frame's).
 *
 * A truncated or damaged file: ffmpeg decodes what it can, logs an error from the demuxer (e.g. "File ended
 * prematurely" for Matroska, "partial file" for MP4) or "corrupt input packet", and exits 0 as if the clip
 * had ended. The frames read are yielded; then a StudioError BAD_INPUT says how far the clip could be read.
 */
import { basename, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { StudioError } from '@shared/errors';
import { DecodeLog } from './decode-log';
import { runFfmpeg, type FfmpegExit } from './ffmpeg-runner';
import { planFrames, seekPoint, type ExtractOptions } from './frame-plan';
import { probeClip, type ClipInfo } from './probe-clip';

/** One decoded frame. */
export interface DecodedFrame {
  /** 0-based position among the frames this extraction yields. */
  index: number;
  /** Presentation time of the frame in the source, in seconds from the start of the clip. */
  timeSeconds: number;
  width: number;
  height: number;
  /** Packed RGB24 pixels, row by row: width x height x 3 bytes. */
  rgb: Buffer;
}

/**
 * Yields the frames of the clip at `path` that `opts` selects (every frame when neither `everySeconds` nor
 * `sceneThreshold` is given). Stopping the iteration or aborting `signal` ends ffmpeg at once; the iterator
 * settles only after the process has exited. Aborting makes it throw `signal.reason`.
 */
export async function* extractFrames(
  path: string,
  opts: ExtractOptions = {},
  signal?: AbortSignal,
): AsyncGenerator<DecodedFrame, void, undefined> {
  signal?.throwIfAborted();
  const info = opts.info ?? (await probeClip(path));
  const file = resolve(path);
  const plan = planFrames(info, opts);
  signal?.throwIfAborted();
  const log = new DecodeLog(info.container, info.video.streamIndex, file);
  const run = runFfmpeg({ input: file, inputArgs: plan.inputArgs, outputArgs: plan.outputArgs, onLogLine: log.push });
  const stop = (): void => run.kill();
  signal?.addEventListener('abort', stop, { once: true });
  let index = 0;
  let lastTime: number | null = null;
  try {
    for await (const rgb of fixedChunks(run.stdout, plan.width * plan.height * 3, opts.reuseBuffers)) {
      // The two pipes are read independently, so the frame's bytes may arrive before its log line.
      if (!log.frame(index)) await Promise.race([log.whenFrame(index), run.exited]);
      const shown = log.frame(index);
      if (!shown) throw internal(`ffmpeg sent frame ${index} of ${basename(file)} without its timestamp`);
      if (shown.width !== plan.width || shown.height !== plan.height) {
        throw internal(`ffmpeg sent a ${shown.width}x${shown.height} frame, ${plan.width}x${plan.height} expected`);
      }
      lastTime = shown.timeSeconds;
      yield { index, timeSeconds: shown.timeSeconds, width: plan.width, height: plan.height, rgb };
      index++;
      // ffmpeg stops by itself at -frames:v; returning here spares waiting for it to flush and exit.
      if (opts.maxFrames !== undefined && index >= opts.maxFrames) return;
    }
    signal?.throwIfAborted();
    const exit = await run.exited;
    signal?.throwIfAborted();
    const failure = endFailure(exit, log, info, opts, lastTime);
    if (failure) throw failure;
  } catch (err) {
    // A kill by abort surfaces as a closed stream; report the abort instead.
    signal?.throwIfAborted();
    throw err;
  } finally {
    signal?.removeEventListener('abort', stop);
    run.kill();
    await run.exited;
  }
}

/**
 * Splits a byte stream into buffers of exactly `size` bytes (a trailing partial one is dropped): new ones, or
 * taken in turn from a ring of `ring` buffers allocated once.
 */
async function* fixedChunks(stream: Readable, size: number, ring?: number): AsyncGenerator<Buffer, void, undefined> {
  const pool = ring ? Array.from({ length: ring }, () => Buffer.allocUnsafe(size)) : null;
  let taken = 0;
  const next = (): Buffer => (pool ? pool[taken++ % pool.length]! : Buffer.allocUnsafe(size));
  let frame = next();
  let filled = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let offset = 0;
    while (offset < chunk.length) {
      const n = Math.min(size - filled, chunk.length - offset);
      chunk.copy(frame, filled, offset, offset + n);
      filled += n;
      offset += n;
      if (filled === size) {
        yield frame;
        frame = next();
        filled = 0;
      }
    }
  }
}

/** The error to throw once ffmpeg has ended, or null when the clip was read to its end. */
function endFailure(
  exit: FfmpegExit,
  log: DecodeLog,
  info: ClipInfo,
  opts: ExtractOptions,
  lastTime: number | null,
): StudioError | null {
  const name = basename(info.path);
  if (exit.startFailure) return new StudioError('IO', `ffmpeg could not be started (${exit.startFailure})`);
  const reached = howFar(log, info, opts, lastTime);
  if (exit.code !== 0) {
    const why = log.damage[0] ?? `ffmpeg exited with code ${exit.code}`;
    return new StudioError('BAD_INPUT', `${name} could not be decoded (${why})${reached}`);
  }
  const short = shortfall(log, info, opts);
  const why = log.damage[0] ?? short;
  if (why === undefined) return null;
  return new StudioError('BAD_INPUT', `${name} is truncated or damaged (${why})${reached}`);
}

/**
 * A container that states its frame count (AVI, MP4) but decoded clearly fewer frames: some ffmpeg builds log
 * nothing at error level for a truncated AVI. Only a whole run from the start can be compared.
 */
function shortfall(log: DecodeLog, info: ClipInfo, opts: ExtractOptions): string | undefined {
  const stated = info.video.frameCount;
  const decoded = log.decodedFrames;
  if (!info.video.frameCountFromContainer || stated === null || decoded === null) return undefined;
  if (opts.startAtSeconds !== undefined || opts.maxFrames !== undefined) return undefined;
  const slack = Math.max(2, Math.ceil(stated * 0.02));
  return decoded < stated - slack ? `only ${decoded} of its ${stated} frames could be decoded` : undefined;
}

/** ": frames could be read up to about 7.8 s of 17.5 s", from ffmpeg's decoded count or the last frame yielded. */
function howFar(log: DecodeLog, info: ClipInfo, opts: ExtractOptions, lastTime: number | null): string {
  const decoded = log.decodedFrames;
  const fps = info.video.fps;
  const byCount = decoded !== null && fps > 0 ? seekPoint(info, opts) + decoded / fps : null;
  const candidates = [byCount, lastTime].filter((t): t is number => t !== null && Number.isFinite(t));
  if (candidates.length === 0) return ': no frame could be read';
  const duration = info.durationSeconds;
  const reached = Math.min(Math.max(...candidates), duration > 0 ? duration : Infinity);
  const of = duration > 0 ? ` of ${duration.toFixed(1)} s` : '';
  return `: frames could be read up to about ${reached.toFixed(1)} s${of}`;
}

function internal(message: string): StudioError {
  return new StudioError('INTERNAL', message);
}
