/**
 * Reads what a video clip holds (size, frame rate, rotation, audio and subtitle streams) with ffprobe, and turns
 * every way a file can fail to be a usable clip into a StudioError BAD_INPUT whose message names the file.
 */
import { access, constants, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { StudioError } from '@shared/errors';
import { FfmpegToolError, probeMedia, type ProbedMedia, type ProbedStream } from './ffmpeg-runner';
import { HEIF_IMAGE, sniffContainer } from './sniff-container';

/** The video stream the studio reads frames from (the first one that is not cover art). */
export interface VideoInfo {
  /** Index of the stream in the file, as ffmpeg numbers them. */
  streamIndex: number;
  codec: string;
  /** Stored picture size in pixels, before rotation and sample aspect ratio are applied. */
  width: number;
  height: number;
  /** Frames per second (average rate when known, else the stream's base rate); 0 when ffprobe knows neither. */
  fps: number;
  /** Frames in the stream: as the container states it, else estimated as duration x fps; null when unknown. */
  frameCount: number | null;
  frameCountFromContainer: boolean;
  /** Degrees (0, 90, 180 or 270) a player turns the stored picture clockwise to show it. */
  rotation: 0 | 90 | 180 | 270;
  /** Width of one stored pixel over its height (1 for square pixels). */
  sampleAspectRatio: number;
  /** Size of the picture as shown: sample aspect ratio applied to the width (rounded to even), then rotation. */
  displayWidth: number;
  displayHeight: number;
  /** Decoded pixel format, e.g. 'yuv420p' or 'yuv444p10le'; '' when ffprobe names none. */
  pixelFormat: string;
  /** Bits per colour sample (8 for most clips, 10 for HDR and some camera footage). */
  bitDepth: number;
  /** True when the stream's base rate and average rate disagree: frames are not evenly spaced. */
  variableFrameRate: boolean;
  /** The stream's colour description, each field absent when the file leaves it unstated. */
  color: ColorInfo;
}

/** Colour description of a video stream, in ffmpeg's names (e.g. range 'tv', space 'bt709'). */
export interface ColorInfo {
  range?: string;
  space?: string;
  primaries?: string;
  transfer?: string;
}

/** An audio stream of the clip. */
export interface AudioInfo {
  /** Index of the stream in the file. */
  streamIndex: number;
  codec: string;
  channels: number;
  /** Samples per second. */
  sampleRate: number;
}

/** What a clip holds. Durations are in seconds. */
export interface ClipInfo {
  /** Absolute path of the file. */
  path: string;
  /** Length of the clip; 0 when the container states none (e.g. a WebM recorded live and never finalised). */
  durationSeconds: number;
  /** ffprobe's name for the container, e.g. 'matroska,webm' or 'mov,mp4,m4a,3gp,3g2,mj2'. */
  container: string;
  video: VideoInfo;
  audio: AudioInfo[];
  /** Number of subtitle streams. */
  subtitles: number;
  /** The subtitle streams, with their codecs (e.g. 'subrip', 'ass', 'webvtt', 'hdmv_pgs_subtitle'). */
  subtitleStreams: { streamIndex: number; codec: string }[];
  /** Earliest presentation time in the file (seconds); frame times are counted from here. */
  startSeconds: number;
}

/** Probes the clip at `path`; throws StudioError BAD_INPUT (missing, empty, not media, no video, damaged). */
export async function probeClip(path: string): Promise<ClipInfo> {
  const full = resolve(path);
  const name = basename(full);
  await assertReadableFile(full, name);
  let probed: ProbedMedia;
  try {
    probed = await probeMedia(full);
  } catch (err) {
    throw await probeFailure(err, full, name);
  }
  const videoStream = probed.streams.find((s) => s.type === 'video' && !s.attachedPicture);
  if (!videoStream) {
    const hasAudio = probed.streams.some((s) => s.type === 'audio');
    throw new StudioError('BAD_INPUT', `${name} has no video stream${hasAudio ? ' (it holds only audio)' : ''}`);
  }
  if (!videoStream.width || !videoStream.height) {
    throw new StudioError('BAD_INPUT', `${name} is damaged: its video stream has no picture size`);
  }
  const durationSeconds = probed.durationSeconds ?? videoStream.durationSeconds ?? 0;
  return {
    path: full,
    durationSeconds,
    container: probed.formatName,
    video: videoInfo(videoStream, durationSeconds),
    audio: probed.streams
      .filter((s) => s.type === 'audio')
      .map((s) => ({ streamIndex: s.index, codec: s.codec, channels: s.channels ?? 0, sampleRate: s.sampleRate ?? 0 })),
    subtitles: probed.streams.filter((s) => s.type === 'subtitle').length,
    subtitleStreams: probed.streams
      .filter((s) => s.type === 'subtitle')
      .map((s) => ({ streamIndex: s.index, codec: s.codec })),
    startSeconds: probed.startSeconds ?? 0,
  };
}

async function assertReadableFile(full: string, name: string): Promise<void> {
  const info = await stat(full).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') {
      throw new StudioError('BAD_INPUT', `${name} does not exist (looked in ${dirname(full)})`);
    }
    throw new StudioError('IO', `cannot read ${name}: ${err.code ?? err.message}`);
  });
  if (info.isDirectory()) throw new StudioError('BAD_INPUT', `${name} is a folder, not a video file`);
  if (!info.isFile()) {
    throw new StudioError('BAD_INPUT', `${name} is not a regular file (a pipe, socket or device): give the path of a video file`);
  }
  if (info.size === 0) throw new StudioError('BAD_INPUT', `${name} is empty (0 bytes)`);
  await access(full, constants.R_OK).catch((err: NodeJS.ErrnoException) => {
    throw new StudioError('IO', `cannot read ${name}: ${err.code ?? err.message}`);
  });
}

async function probeFailure(err: unknown, full: string, name: string): Promise<StudioError> {
  if (!(err instanceof FfmpegToolError)) {
    return new StudioError('IO', `cannot probe ${name}: ${(err as Error).message}`);
  }
  if (err.startFailure) return new StudioError('IO', `ffprobe could not be started (${err.startFailure})`);
  const container = await sniffContainer(full).catch(() => null);
  if (container === null) return new StudioError('BAD_INPUT', `${name} is not a video file ffprobe can read`);
  if (container === HEIF_IMAGE) {
    return new StudioError('BAD_INPUT', `${name} is a HEIC/HEIF image, which this build cannot decode: convert it to JPEG or PNG first`);
  }
  const reason = err.log.map((l) => cleanLogLine(l, full)).find((l) => l.length > 0) ?? err.message;
  return new StudioError('BAD_INPUT', `${name} looks like ${container} but is damaged or truncated (${reason})`);
}

/** Drops ffmpeg's "[demuxer @ 0x...]" prefix and the file path from a log line. */
function cleanLogLine(line: string, full: string): string {
  return line
    .replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/i, '')
    .replace(`${full}: `, '')
    .trim();
}

function videoInfo(s: ProbedStream, durationSeconds: number): VideoInfo {
  const width = s.width ?? 0;
  const height = s.height ?? 0;
  const fps = firstPositive(rational(s.avgFrameRate), rational(s.rFrameRate)) ?? 0;
  const sar = firstPositive(rational(s.sampleAspectRatio?.replace(':', '/'))) ?? 1;
  const rotation = clockwise(s);
  const shownWidth = sar === 1 ? width : Math.max(2, 2 * Math.round((width * sar) / 2));
  const turned = rotation === 90 || rotation === 270;
  const stated = s.frameCount !== undefined && s.frameCount > 0 ? s.frameCount : undefined;
  const duration = s.durationSeconds ?? durationSeconds;
  const estimate = duration > 0 && fps > 0 ? Math.round(duration * fps) : null;
  return {
    streamIndex: s.index,
    codec: s.codec,
    width,
    height,
    fps,
    frameCount: stated ?? estimate,
    frameCountFromContainer: stated !== undefined,
    rotation,
    sampleAspectRatio: sar,
    displayWidth: turned ? height : shownWidth,
    displayHeight: turned ? shownWidth : height,
    pixelFormat: s.pixelFormat ?? '',
    bitDepth: bitDepth(s),
    variableFrameRate: isVariableRate(s),
    color: {
      ...(s.colorRange ? { range: s.colorRange } : {}),
      ...(s.colorSpace ? { space: s.colorSpace } : {}),
      ...(s.colorPrimaries ? { primaries: s.colorPrimaries } : {}),
      ...(s.colorTransfer ? { transfer: s.colorTransfer } : {}),
    },
  };
}

/** Bits per sample: stated by the stream, else read from the pixel format's name ('yuv420p10le' -> 10). */
function bitDepth(s: ProbedStream): number {
  if (s.bitsPerRawSample && s.bitsPerRawSample > 0) return s.bitsPerRawSample;
  const m = /p(9|10|12|14|16)(le|be)?$/.exec(s.pixelFormat ?? '');
  return m ? Number(m[1]) : 8;
}

/**
 * The base rate (r_frame_rate, the finest common spacing) and the average rate differ for variable-rate streams.
 * Matroska and WebM state a nominal rate for both, so a rate probe can miss VFR there; the conversion also
 * checks the packet times (see frame-times).
 */
function isVariableRate(s: ProbedStream): boolean {
  const r = rational(s.rFrameRate);
  const avg = rational(s.avgFrameRate);
  if (!r || !avg || r <= 0 || avg <= 0) return false;
  return Math.abs(r - avg) / r > 0.01;
}

/** Clockwise display rotation: the display matrix counts counterclockwise; the legacy `rotate` tag clockwise. */
function clockwise(s: ProbedStream): 0 | 90 | 180 | 270 {
  const tag = Number(s.tags.rotate);
  const degrees = s.displayRotation !== undefined ? -s.displayRotation : Number.isFinite(tag) ? tag : 0;
  const quarter = ((Math.round(degrees / 90) % 4) + 4) % 4;
  return ([0, 90, 180, 270] as const)[quarter]!;
}

function rational(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const [num, den = '1'] = text.split('/');
  const v = Number(num) / Number(den);
  return Number.isFinite(v) ? v : undefined;
}

function firstPositive(...values: (number | undefined)[]): number | undefined {
  return values.find((v) => v !== undefined && v > 0);
}
