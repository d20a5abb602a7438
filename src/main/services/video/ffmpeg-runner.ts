/**
 * The one module that starts ffmpeg and ffprobe, and the only one that imports fluent-ffmpeg. fluent-ffmpeg is
 * archived upstream, so its use stays behind this narrow API (probe a file; run ffmpeg on one input with its
 * output on stdout) and nothing of its types leaks out: a plain `child_process.spawn` can replace it here alone.
 */
import type { ChildProcess } from 'node:child_process';
import { PassThrough, type Readable } from 'node:stream';
import ffmpeg from 'fluent-ffmpeg';
import { ffmpegBinaries } from './ffmpeg-binaries';

/** One stream as ffprobe describes it, reduced to the fields the studio reads. */
export interface ProbedStream {
  index: number;
  /** ffprobe's codec_type: 'video', 'audio', 'subtitle', 'data', 'attachment'. */
  type: string;
  codec: string;
  width?: number;
  height?: number;
  /** As ffprobe prints it, e.g. '4:3'; absent or '0:1' when unknown. */
  sampleAspectRatio?: string;
  /** Rationals as ffprobe prints them, e.g. '24000/1001'; '0/0' when unknown. */
  avgFrameRate?: string;
  rFrameRate?: string;
  /** Frame count stated by the container (nb_frames); absent when it states none. */
  frameCount?: number;
  durationSeconds?: number;
  channels?: number;
  sampleRate?: number;
  /** Display-matrix rotation from the stream's side data, degrees counterclockwise, as ffprobe prints it. */
  displayRotation?: number;
  tags: Record<string, string>;
  /** Cover art (an image stored as a one-frame "video" stream in audio files). */
  attachedPicture: boolean;
}

/** What ffprobe says about a file. */
export interface ProbedMedia {
  /** ffprobe's format_name, e.g. 'matroska,webm'. */
  formatName: string;
  durationSeconds?: number;
  streams: ProbedStream[];
}

/** ffmpeg or ffprobe could not be started, or ended with an error. `log` holds its error lines. */
export class FfmpegToolError extends Error {
  readonly tool: 'ffmpeg' | 'ffprobe';
  /** Set when the executable could not be started at all (errno code, e.g. ENOENT). */
  readonly startFailure?: string;
  readonly log: string[];

  constructor(tool: 'ffmpeg' | 'ffprobe', message: string, log: string[], startFailure?: string) {
    super(message);
    this.name = 'FfmpegToolError';
    this.tool = tool;
    this.log = log;
    if (startFailure !== undefined) this.startFailure = startFailure;
  }
}

/** Runs ffprobe on `path` (streams and format); rejects with {@link FfmpegToolError} when it cannot read it. */
export function probeMedia(path: string): Promise<ProbedMedia> {
  const bins = ffmpegBinaries();
  ffmpeg.setFfprobePath(bins.ffprobe);
  return new Promise((resolve, reject) => {
    let settled = false;
    ffmpeg.ffprobe(path, ['-hide_banner', '-loglevel', 'error'], (err: unknown, data: ffmpeg.FfprobeData) => {
      if (settled) return;
      settled = true;
      if (err) reject(toolError('ffprobe', err));
      else resolve(fromFluentProbe(data));
    });
  });
}

/** What to run: `ffmpeg [inputArgs] -i input [outputArgs] pipe:1`. Arguments are passed verbatim, no shell. */
export interface FfmpegSpec {
  input: string;
  inputArgs: string[];
  outputArgs: string[];
  /** Every line ffmpeg writes to stderr, as it arrives. */
  onLogLine?: (line: string) => void;
}

/** How a run ended. `code` is null when it was killed or never started. */
export interface FfmpegExit {
  code: number | null;
  /** True when {@link FfmpegRun.kill} ended it. */
  killed: boolean;
  /** Why it could not be started, when it was not. */
  startFailure?: string;
}

/** A running ffmpeg. */
export interface FfmpegRun {
  /** What ffmpeg writes to stdout; ffmpeg is held up (pipe backpressure) while this is not read. */
  readonly stdout: Readable;
  /** Settles, never rejects, once the process has exited (and so is reaped) and its stderr is drained. */
  readonly exited: Promise<FfmpegExit>;
  /** Ends ffmpeg at once (SIGKILL) and discards its output; safe before it has started and when repeated. */
  kill(): void;
}

/** Starts ffmpeg on one input, writing its single output to stdout. */
export function runFfmpeg(spec: FfmpegSpec): FfmpegRun {
  const bins = ffmpegBinaries();
  const out = new PassThrough();
  const command = ffmpeg(spec.input).setFfmpegPath(bins.ffmpeg);
  // The spread form keeps fluent-ffmpeg from splitting arguments that contain a space.
  command.inputOptions('-nostdin', '-hide_banner', '-nostats', ...spec.inputArgs);
  if (spec.outputArgs.length > 0) command.outputOptions(...spec.outputArgs);
  if (spec.onLogLine) command.on('stderr', spec.onLogLine);

  let proc: ChildProcess | undefined;
  let killed = false;
  let resolveExit!: (exit: FfmpegExit) => void;
  const exited = new Promise<FfmpegExit>((resolve) => (resolveExit = resolve));
  let stdoutEnded = false;
  let processExited = false;
  // stdout is ended only once ffmpeg has exited too: fluent-ffmpeg kills ffmpeg 20 ms after its output stream
  // closes, which could otherwise cut ffmpeg off while it still writes its final log lines.
  const maybeEnd = (): void => {
    if (stdoutEnded && processExited && !out.destroyed) out.end();
  };

  command.on('start', () => {
    proc = (command as unknown as { ffmpegProc?: ChildProcess }).ffmpegProc;
    if (!proc) return;
    if (killed) proc.kill('SIGKILL');
    proc.stdout?.once('end', () => {
      stdoutEnded = true;
      maybeEnd();
    });
    proc.once('exit', () => {
      processExited = true;
      maybeEnd();
    });
    proc.once('close', (code: number | null) => resolveExit({ code: killed ? null : code, killed }));
    proc.once('error', (err: NodeJS.ErrnoException) => {
      // A process that never started emits 'error' and no 'close'.
      if (proc?.pid === undefined) resolveExit({ code: null, killed, startFailure: err.code ?? err.message });
    });
  });
  command.on('error', (err: Error) => {
    // Before a process exists this is a start failure; afterwards the process's own events report the end.
    if (!proc) {
      out.end();
      resolveExit({ code: null, killed, startFailure: err.message });
    }
  });
  command.pipe(out, { end: false });

  return {
    stdout: out,
    exited,
    kill: () => {
      if (killed) return;
      killed = true;
      proc?.stdout?.unpipe(out);
      proc?.kill('SIGKILL');
      out.destroy();
    },
  };
}

function toolError(tool: 'ffmpeg' | 'ffprobe', err: unknown): FfmpegToolError {
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code === 'string') {
    return new FfmpegToolError(tool, `${tool} could not be started: ${e.code}`, [], e.code);
  }
  // fluent-ffmpeg's message is "ffprobe exited with code N" followed by ffprobe's stderr.
  const [first = String(err), ...rest] = (e?.message ?? String(err)).split('\n');
  return new FfmpegToolError(tool, first, rest.map((l) => l.trim()).filter((l) => l.length > 0));
}

function fromFluentProbe(data: ffmpeg.FfprobeData): ProbedMedia {
  const format = data.format as Record<string, unknown>;
  return {
    formatName: String(format.format_name ?? ''),
    ...optionalNumber('durationSeconds', format.duration),
    streams: data.streams.map((s) => fromFluentStream(s as unknown as Record<string, unknown>)),
  };
}

function fromFluentStream(s: Record<string, unknown>): ProbedStream {
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries((s.tags as Record<string, unknown> | undefined) ?? {})) tags[k] = String(v);
  const disposition = (s.disposition as Record<string, unknown> | undefined) ?? {};
  return {
    index: Number(s.index),
    type: String(s.codec_type ?? ''),
    codec: String(s.codec_name ?? ''),
    ...optionalNumber('width', s.width),
    ...optionalNumber('height', s.height),
    ...optionalString('sampleAspectRatio', s.sample_aspect_ratio),
    ...optionalString('avgFrameRate', s.avg_frame_rate),
    ...optionalString('rFrameRate', s.r_frame_rate),
    ...optionalNumber('frameCount', s.nb_frames),
    ...optionalNumber('durationSeconds', s.duration),
    ...optionalNumber('channels', s.channels),
    ...optionalNumber('sampleRate', s.sample_rate),
    // fluent-ffmpeg parses ffprobe's text output and flattens the [SIDE_DATA] block into the stream's keys.
    ...optionalNumber('displayRotation', s.rotation),
    tags,
    attachedPicture: Number(disposition.attached_pic) === 1,
  };
}

function optionalNumber<K extends string>(key: K, v: unknown): { [P in K]?: number } {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return (Number.isFinite(n) ? { [key]: n } : {}) as { [P in K]?: number };
}

function optionalString<K extends string>(key: K, v: unknown): { [P in K]?: string } {
  return (typeof v === 'string' && v !== '' && v !== 'N/A' ? { [key]: v } : {}) as { [P in K]?: string };
}
