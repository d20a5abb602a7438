/**
 * The one module that starts ffmpeg and ffprobe, and the only one that imports fluent-ffmpeg. fluent-ffmpeg is
 * archived upstream, so its use stays behind this narrow API (probe a file; run ffmpeg on one input with its
 * output on stdout) and nothing of its types leaks out: a plain `child_process.spawn` can replace it here alone.
 * Runs that feed ffmpeg on stdin and write files ({@link startFfmpeg}), and the packet listing, already use spawn.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { PassThrough, type Readable, type Writable } from 'node:stream';
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
  /** Decoded pixel format, e.g. 'yuv420p', 'yuv444p10le'. */
  pixelFormat?: string;
  /** Bits per sample as the stream states it (bits_per_raw_sample), e.g. 10; absent when unstated. */
  bitsPerRawSample?: number;
  /** Colour description as ffprobe prints it ('tv', 'bt709', ...); absent when 'unknown'. */
  colorRange?: string;
  colorSpace?: string;
  colorPrimaries?: string;
  colorTransfer?: string;
  /** First presentation time of the stream, seconds. */
  startSeconds?: number;
  tags: Record<string, string>;
  /** Cover art (an image stored as a one-frame "video" stream in audio files). */
  attachedPicture: boolean;
}

/** What ffprobe says about a file. */
export interface ProbedMedia {
  /** ffprobe's format_name, e.g. 'matroska,webm'. */
  formatName: string;
  durationSeconds?: number;
  /** Earliest presentation time over the streams (ffprobe's format start_time), seconds. */
  startSeconds?: number;
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
      // Unpiped, stdout would sit paused on what ffmpeg wrote before it died, never end, and so hold back the
      // process's 'close' (and `exited`) for ever: a consumer stopping mid-stream would hang on its cleanup.
      proc?.stdout?.destroy();
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
    ...optionalFields(MEDIA_FIELDS, format),
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
    ...optionalFields(STREAM_FIELDS, s),
    tags,
    attachedPicture: Number(disposition.attached_pic) === 1,
  };
}

/**
 * How an ffprobe value becomes one of our optional fields: `number`, a finite number (ffprobe may print numbers
 * as text); `string`, a non-empty string other than 'N/A'; `colour`, such a string other than 'unknown' or
 * 'reserved', which ffprobe prints for an unstated colour property. A value that does not qualify leaves the
 * field out.
 */
type FieldKind = 'number' | 'string' | 'colour';

/** The optional keys of `T` whose values are of type `V`. */
type OptionalKeysOf<T, V> = { [K in keyof T]-?: object extends Pick<T, K> ? (T[K] extends V | undefined ? K : never) : never }[keyof T];

/** One optional field of `T`, read from ffprobe's key `from`; a number field cannot be read as text, nor the reverse. */
type FieldRule<T> =
  | readonly [key: OptionalKeysOf<T, number>, from: string, kind: 'number']
  | readonly [key: OptionalKeysOf<T, string>, from: string, kind: Exclude<FieldKind, 'number'>];

const MEDIA_FIELDS: readonly FieldRule<ProbedMedia>[] = [
  ['durationSeconds', 'duration', 'number'],
  ['startSeconds', 'start_time', 'number'],
];

const STREAM_FIELDS: readonly FieldRule<ProbedStream>[] = [
  ['width', 'width', 'number'],
  ['height', 'height', 'number'],
  ['sampleAspectRatio', 'sample_aspect_ratio', 'string'],
  ['avgFrameRate', 'avg_frame_rate', 'string'],
  ['rFrameRate', 'r_frame_rate', 'string'],
  ['frameCount', 'nb_frames', 'number'],
  ['durationSeconds', 'duration', 'number'],
  ['channels', 'channels', 'number'],
  ['sampleRate', 'sample_rate', 'number'],
  // fluent-ffmpeg parses ffprobe's text output and flattens the [SIDE_DATA] block into the stream's keys.
  ['displayRotation', 'rotation', 'number'],
  ['pixelFormat', 'pix_fmt', 'string'],
  ['bitsPerRawSample', 'bits_per_raw_sample', 'number'],
  ['colorRange', 'color_range', 'colour'],
  ['colorSpace', 'color_space', 'colour'],
  ['colorPrimaries', 'color_primaries', 'colour'],
  ['colorTransfer', 'color_transfer', 'colour'],
  ['startSeconds', 'start_time', 'number'],
];

/** The optional fields of `T` that `rules` find in ffprobe's `source`, each read as its {@link FieldKind} says. */
function optionalFields<T>(rules: readonly FieldRule<T>[], source: Record<string, unknown>): Partial<Pick<T, FieldRule<T>[0]>> {
  const fields: Partial<Record<FieldRule<T>[0], number | string>> = {};
  for (const [key, from, kind] of rules) {
    const value = kind === 'number' ? finiteNumber(source[from]) : statedString(source[from], kind === 'colour');
    if (value !== undefined) fields[key] = value;
  }
  return fields as Partial<Pick<T, FieldRule<T>[0]>>;
}

function finiteNumber(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function statedString(v: unknown, colour: boolean): string | undefined {
  if (typeof v !== 'string' || v === '' || v === 'N/A') return undefined;
  return colour && (v === 'unknown' || v === 'reserved') ? undefined : v;
}

/** What to run: `ffmpeg -nostdin? -hide_banner -nostats [args]`, arguments verbatim, no shell. */
export interface FfmpegProcessSpec {
  /** Every argument after the fixed leading ones: inputs (`-i pipe:0` to read stdin), options and outputs. */
  args: string[];
  /** Working folder, e.g. so a concat protocol list can name files without their folder. */
  cwd?: string;
  /** True to feed ffmpeg on {@link FfmpegProcess.stdin}; otherwise stdin is closed (`-nostdin`). */
  stdin?: boolean;
  /** Every line ffmpeg writes to stderr, as it arrives. */
  onLogLine?: (line: string) => void;
}

/** A running ffmpeg that writes its own output files. */
export interface FfmpegProcess {
  /** ffmpeg's standard input (a closed sink when the spec asked for none). Errors on it are swallowed: a kill or
   * an early exit surfaces through {@link FfmpegProcess.exited} instead. */
  readonly stdin: Writable;
  /** Settles, never rejects, once the process has exited and its stderr is drained. */
  readonly exited: Promise<FfmpegExit>;
  /** Every stderr line so far, for error messages (the last 200 are kept). */
  readonly log: readonly string[];
  /** Ends ffmpeg at once (SIGKILL); safe when repeated or after it has exited. */
  kill(): void;
}

const KEPT_LOG_LINES = 200;

/** Starts ffmpeg with `spec.args`, optionally reading stdin; it writes its outputs itself (files, not a pipe). */
export function startFfmpeg(spec: FfmpegProcessSpec): FfmpegProcess {
  const bins = ffmpegBinaries();
  const lead = spec.stdin ? ['-hide_banner', '-nostats'] : ['-nostdin', '-hide_banner', '-nostats'];
  const proc = spawn(bins.ffmpeg, [...lead, ...spec.args], {
    cwd: spec.cwd,
    stdio: [spec.stdin ? 'pipe' : 'ignore', 'ignore', 'pipe'],
    windowsHide: true,
  });
  const log: string[] = [];
  let killed = false;
  const stdin = proc.stdin ?? new PassThrough().end();
  // EPIPE when ffmpeg exits early (bad input, kill): the exit code tells what happened.
  stdin.on('error', () => undefined);
  const lines = createInterface({ input: proc.stderr! });
  lines.on('line', (line) => {
    log.push(line);
    if (log.length > KEPT_LOG_LINES) log.shift();
    spec.onLogLine?.(line);
  });
  const exited = new Promise<FfmpegExit>((resolve) => {
    proc.once('error', (err: NodeJS.ErrnoException) => {
      if (proc.pid === undefined) resolve({ code: null, killed, startFailure: err.code ?? err.message });
    });
    proc.once('close', (code) => resolve({ code: killed ? null : code, killed }));
  });
  return {
    stdin,
    exited,
    log,
    kill: () => {
      if (killed || proc.exitCode !== null) return;
      killed = true;
      proc.kill('SIGKILL');
    },
  };
}

/** Presentation times (seconds, as stored, in decode order) of every packet of stream `streamIndex`. */
export function probePacketTimes(path: string, streamIndex: number): Promise<number[]> {
  const bins = ffmpegBinaries();
  const args = ['-v', 'error', '-select_streams', String(streamIndex), '-show_entries', 'packet=pts_time,dts_time'];
  const proc = spawn(bins.ffprobe, [...args, '-of', 'csv=p=0', path], { stdio: ['ignore', 'pipe', 'pipe'] });
  const times: number[] = [];
  const errors: string[] = [];
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    // A packet without pts (some AVI, raw streams) falls back to its dts.
    const [pts, dts] = line.split(',');
    const t = pts && pts !== 'N/A' ? Number(pts) : dts && dts !== 'N/A' ? Number(dts) : NaN;
    if (Number.isFinite(t)) times.push(t);
  });
  createInterface({ input: proc.stderr! }).on('line', (line) => errors.push(line));
  return new Promise((resolve, reject) => {
    proc.once('error', (err: NodeJS.ErrnoException) =>
      reject(new FfmpegToolError('ffprobe', `ffprobe could not be started: ${err.code}`, [], err.code)),
    );
    proc.once('close', (code) => {
      if (code === 0) resolve(times);
      else reject(new FfmpegToolError('ffprobe', `ffprobe exited with code ${code}`, errors.slice(0, 20)));
    });
  });
}

/** Names of the encoders this ffmpeg has (`ffmpeg -encoders`), e.g. 'libx264', 'mpeg4'. */
export async function listEncoders(): Promise<Set<string>> {
  const names = new Set<string>();
  // `ffmpeg -encoders` prints to stdout, which startFfmpeg ignores.
  const bins = ffmpegBinaries();
  const proc = spawn(bins.ffmpeg, ['-hide_banner', '-encoders'], { stdio: ['ignore', 'pipe', 'ignore'] });
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    const m = /^\s[VAS][A-Z.]{5}\s+(\S+)/.exec(line);
    if (m?.[1]) names.add(m[1]);
  });
  await new Promise<void>((resolve) => {
    proc.once('close', () => resolve());
    proc.once('error', () => resolve());
  });
  return names;
}
