/** ffprobe/ffmpeg read-backs for the conversion tests: decoded frame times, packet hashes, stream facts. */
import { execFileSync } from 'node:child_process';
import { ffmpegPath, ffprobePath } from '../../src/main/services/video';

function probe(args: string[], path: string): string {
  return execFileSync(ffprobePath(), ['-v', 'error', ...args, '-of', 'csv=p=0', path], { encoding: 'utf8' });
}

/** One time (s) per frame or packet of the first video stream: `entry` as ffprobe names it, those without one left out. */
function videoTimes(entry: string, path: string): number[] {
  return probe(['-select_streams', 'v:0', '-show_entries', entry], path)
    .split('\n')
    .map((l) => l.split(',')[0]!.trim())
    .filter((l) => l !== '' && l !== 'N/A')
    .map(Number);
}

/** Presentation times (s) of every decoded frame of the first video stream, as a player shows them. */
export function decodedFrameTimes(path: string): number[] {
  return videoTimes('frame=best_effort_timestamp_time', path);
}

/** Decode timestamps (s) of the video packets, in file order. */
export function videoPacketDts(path: string): number[] {
  return videoTimes('packet=dts_time', path);
}

/** Stream facts: codec_type, codec_name, width, height, and the display rotation when any. */
export function streams(path: string): { type: string; codec: string; width?: number; height?: number; rotation?: number }[] {
  const out = execFileSync(ffprobePath(), ['-v', 'error', '-show_streams', '-of', 'json', path], { encoding: 'utf8' });
  const parsed = JSON.parse(out) as { streams: Record<string, unknown>[] };
  return parsed.streams.map((s) => {
    const side = (s.side_data_list as { rotation?: number }[] | undefined)?.find((d) => d.rotation !== undefined);
    const tags = (s.tags as Record<string, string> | undefined) ?? {};
    const rotation = side?.rotation ?? (tags.rotate ? Number(tags.rotate) : undefined);
    return {
      type: String(s.codec_type),
      codec: String(s.codec_name),
      ...(s.width !== undefined ? { width: Number(s.width), height: Number(s.height) } : {}),
      ...(rotation !== undefined ? { rotation } : {}),
    };
  });
}

/** Where the first audio stream's sound ends: the last packet's time plus its length, in seconds. */
export function audioEnd(path: string): number {
  const [time, length] = probe(['-select_streams', 'a:0', '-show_entries', 'packet=pts_time,duration_time'], path)
    .trim()
    .split('\n')
    .pop()!
    .split(',')
    .map(Number);
  return time! + length!;
}

/**
 * When the first audio stream first gets loud (any sample over a quarter of full scale), in seconds on the file's
 * clock: the sound is decoded with silence put in for any time before its first sample, so a late start counts.
 */
export function audioOnset(path: string): number {
  const rate = 8000;
  const pcm = execFileSync(
    ffmpegPath(),
    ['-v', 'error', '-i', path, '-map', '0:a:0', '-af', 'aresample=async=1:first_pts=0', '-ac', '1', '-ar', String(rate), '-f', 's16le', '-'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const samples = new Int16Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.length / 2));
  const i = samples.findIndex((v) => Math.abs(v) > 8192);
  return i === -1 ? Number.NaN : i / rate;
}

/** Format start time in seconds: where the file's clock starts (its earliest stream, e.g. Opus pre-skip before 0). */
export function startTime(path: string): number {
  return Number(probe(['-show_entries', 'format=start_time'], path).trim());
}

/** Format duration in seconds. */
export function duration(path: string): number {
  return Number(probe(['-show_entries', 'format=duration'], path).trim());
}

/** The hash column of `ffmpeg -i path -map <map> -c copy|rawvideo -f framemd5 -` (timestamps left out). */
export function frameHashes(path: string, map: string, copy = true): string[] {
  const codec = copy ? ['-c', 'copy'] : ['-pix_fmt', 'rgb24'];
  const out = execFileSync(ffmpegPath(), ['-v', 'error', '-i', path, '-map', map, ...codec, '-f', 'framemd5', '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return out
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(',').pop()!.trim());
}

/**
 * The hash of each packet's data (the sixth column of framemd5), without the hash of its side data that
 * {@link frameHashes} ends with where a packet has some: Matroska puts Opus's end trimming on the last packet as side
 * data, where MP4 holds it in its edit list instead, so the very same packets hash differently there.
 */
export function packetDataHashes(path: string, map: string): string[] {
  const out = execFileSync(ffmpegPath(), ['-v', 'error', '-i', path, '-map', map, '-c', 'copy', '-f', 'framemd5', '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return out
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(',')[5]!.trim());
}

/** Runs ffmpeg quietly with `args` (for making test clips). */
export function ffmpeg(args: string[]): void {
  execFileSync(ffmpegPath(), ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}
