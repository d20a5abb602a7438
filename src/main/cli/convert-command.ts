/**
 * `cel-studio convert` and `cel-studio still`: the convert page's jobs, headless. A conversion is a persisted job
 * in a library (the one given, else the CLI's own), so running the same command again after a crash or Ctrl-C
 * resumes it by segments instead of starting over.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { calls, parseCallInput } from '@shared/contract';
import { StudioError } from '@shared/errors';
import type { EncodeOptions, StyleChoiceInput, TimeRange } from '@shared/convert';
import { DEFAULT_AUDIO_HANDLING, EncodeOptions as EncodeOptionsSchema, EncodePreset, VideoCodec } from '@shared/convert';
import { codecForExtension, extensionOf } from '@shared/output-formats';
import { StudioHost } from '../host/studio-host';
import { importedGeneratorOnnx } from '../services/models/generator-store';
import { flag, numberFlag, onlyFlags, type ParsedArgs } from './args';
import { followJob, type CliIo } from './commands';

/** The library a CLI conversion keeps its job in when no `--library` is given. */
export function defaultCliLibrary(): string {
  const fromEnv = process.env.CEL_STUDIO_LIBRARY;
  return fromEnv && fromEnv.trim() !== '' ? resolve(fromEnv) : join(homedir(), '.cel-studio', 'library');
}

/** `--model builtin|<file.onnx>|<run id>` as a style choice. */
export function parseModelFlag(text: string | undefined, library?: string): StyleChoiceInput {
  if (text === undefined || text === 'builtin') return { kind: 'builtin' };
  if (/\.onnx$/i.test(text)) {
    const path = resolve(text);
    if (!existsSync(path)) throw new StudioError('BAD_INPUT', `--model: ${text} does not exist`, 'model');
    return { kind: 'onnx', path };
  }
  // A generator imported into the library (`cel-studio models import`) runs as the ONNX file it was stored as.
  const imported = library ? importedGeneratorOnnx(resolve(library), text) : undefined;
  if (imported) return { kind: 'onnx', path: imported };
  if (/^[A-Za-z0-9_-]{1,64}$/.test(text)) return { kind: 'run', runId: text };
  throw new StudioError('BAD_INPUT', `--model must be builtin, a .onnx file, an imported model's name or a run id, not "${text}"`, 'model');
}

/** Seconds from `12.5`, `1:02.5` or `0:01:02.5`; undefined when `text` is none of these. */
export function parseTime(text: string): number | undefined {
  if (!/^\d+(:\d{1,2}){0,2}(\.\d+)?$/.test(text)) return undefined;
  return text.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}

/**
 * `--codec`, `--preset` and `--crf`. Without `--codec` the output's extension picks it: VP9 for .webm, else the
 * default H.264; a codec given that the output cannot hold is refused by the conversion, naming what to use.
 */
function encodeOptions(args: ParsedArgs, output: string): Partial<EncodeOptions> {
  const out: Partial<EncodeOptions> = {};
  const codec = flag(args, 'codec');
  if (codec !== undefined) {
    const parsed = VideoCodec.safeParse(codec);
    if (!parsed.success) throw new StudioError('BAD_INPUT', `--codec must be one of ${VideoCodec.options.join(', ')}`, 'codec');
    out.codec = parsed.data;
  } else if (codecForExtension('h264', extensionOf(output)) !== 'h264') {
    out.codec = codecForExtension('h264', extensionOf(output));
  }
  const preset = flag(args, 'preset');
  if (preset !== undefined) {
    const parsed = EncodePreset.safeParse(preset);
    if (!parsed.success) throw new StudioError('BAD_INPUT', `--preset must be one of ${EncodePreset.options.join(', ')}`, 'preset');
    out.preset = parsed.data;
  }
  const crf = numberFlag(args, 'crf', EncodeOptionsSchema.shape.crf);
  if (crf !== undefined) out.crf = crf;
  return out;
}

function timeRange(args: ParsedArgs): TimeRange | null {
  const start = flag(args, 'start');
  const end = flag(args, 'end');
  if (start === undefined && end === undefined) return null;
  const s = start === undefined ? 0 : parseTime(start);
  const e = end === undefined ? Number.MAX_SAFE_INTEGER : parseTime(end);
  if (s === undefined) throw new StudioError('BAD_INPUT', `--start must be seconds or [h:]m:s, not "${start}"`, 'start');
  if (e === undefined) throw new StudioError('BAD_INPUT', `--end must be seconds or [h:]m:s, not "${end}"`, 'end');
  return { startSeconds: s, endSeconds: e };
}

/**
 * `cel-studio convert <in> -o <out> [--model builtin|<file.onnx>|<run id>] [--max-size N] [--codec C] [--crf N]
 * [--preset P] [--start T] [--end T] [--segment-frames N] [--keep-audio] [--overwrite] [--library DIR] [--farm URL]`; the codec
 * must fit the output (h264/h265/mpeg4: .mp4 .m4v .mov .mkv; vp9: .webm .mkv; prores: .mov .mkv). `--keep-audio`
 * copies sound into MP4/MOV as it is even where many editors cannot play it (Opus, Vorbis, FLAC...), instead of AAC.
 */
export async function convertCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyFlags(args, ['output', 'model', 'max-size', 'codec', 'crf', 'preset', 'start', 'end', 'segment-frames', 'keep-audio', 'overwrite', 'library', 'farm']);
  if (args.flags.has('keep-audio') && args.flags.get('keep-audio') !== true) {
    throw new StudioError('BAD_INPUT', '--keep-audio takes no value', 'keep-audio');
  }
  const inputText = args.positionals[1];
  if (!inputText) throw new StudioError('BAD_INPUT', 'usage: cel-studio convert <clip> -o <out.mp4> [--model builtin|<file.onnx>|<run id>]');
  const input = resolve(inputText);
  const output = resolve(flag(args, 'output', true));
  const clipShape = calls['convert.clip'].input.shape;
  const maxSize = numberFlag(args, 'max-size', clipShape.maxSize);
  const segmentFrames = numberFlag(args, 'segment-frames', clipShape.segmentFrames);
  const arg = {
    input,
    output,
    style: parseModelFlag(flag(args, 'model'), flag(args, 'library') ?? defaultCliLibrary()),
    range: timeRange(args),
    maxSize: maxSize ?? null,
    encode: encodeOptions(args, output),
    ...(segmentFrames === undefined ? {} : { segmentFrames }),
    audio: args.flags.has('keep-audio') ? ('keep' as const) : DEFAULT_AUDIO_HANDLING,
    overwrite: args.flags.has('overwrite'),
    ...(flag(args, 'farm') ? { farm: flag(args, 'farm') } : {}),
  };
  const host = new StudioHost({ version: io.version, log: (l) => io.stderr.write(`${l}\n`) });
  try {
    // Validated as any transport's request is, and checked before the library is opened: a refused request does
    // no work at all.
    const checked = await host.conversions.checkClip(parseCallInput('convert.clip', arg));
    await host.openLibrary(flag(args, 'library') ?? defaultCliLibrary(), true);
    // Run again after a crash or Ctrl-C, the same conversion resumes by its segments.
    const { job, resumed, leftAsIs } = await host.conversions.resumeOrStartClip(checked);
    if (resumed) io.stderr.write(`resuming unfinished conversion ${job.id}\n`);
    else if (leftAsIs) io.stderr.write(`an unfinished conversion to ${output} with other settings (job ${leftAsIs.id}) is left as it is\n`);
    return await followJob(host, job.id, io);
  } finally {
    await host.dispose();
  }
}

/** `clip.mp4@12.5` -> the clip and the time; a path that exists as given is taken whole. */
export function parseStillSource(text: string): { source: string; timeSeconds: number } {
  const whole = resolve(text);
  const at = text.lastIndexOf('@');
  if (existsSync(whole) || at <= 0) return { source: whole, timeSeconds: 0 };
  const time = parseTime(text.slice(at + 1));
  if (time === undefined) throw new StudioError('BAD_INPUT', `"${text.slice(at + 1)}" is not a time (seconds or [h:]m:s)`, 'source');
  return { source: resolve(text.slice(0, at)), timeSeconds: time };
}

/**
 * `cel-studio still <image|clip@time> -o <out.png|.jpg> [--model ...] [--quality N] [--max-size N] [--overwrite]
 * [--library DIR]`. A still that takes more than a second prints how far it is on stderr.
 */
export async function stillCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyFlags(args, ['output', 'model', 'quality', 'max-size', 'overwrite', 'library']);
  const sourceText = args.positionals[1];
  if (!sourceText) throw new StudioError('BAD_INPUT', 'usage: cel-studio still <image|clip@time> -o <out.png> [--model ...]');
  const { source, timeSeconds } = parseStillSource(sourceText);
  const stillShape = calls['convert.still'].input.shape;
  const quality = numberFlag(args, 'quality', stillShape.quality);
  const maxSize = numberFlag(args, 'max-size', stillShape.maxSize);
  const output = resolve(flag(args, 'output', true));
  const overwrite = args.flags.has('overwrite');
  const host = new StudioHost({ version: io.version, log: (l) => io.stderr.write(`${l}\n`) });
  try {
    const style = parseModelFlag(flag(args, 'model'), flag(args, 'library') ?? defaultCliLibrary());
    // Validated as any transport's request is, and its output checked before a library is opened for a run's style.
    const request = parseCallInput('convert.still', {
      source,
      timeSeconds,
      output,
      style,
      ...(quality === undefined ? {} : { quality }),
      ...(maxSize === undefined ? {} : { maxSize }),
      overwrite,
    });
    const checked = await host.stills.checkStill(request);
    if (style.kind === 'run') await host.openLibrary(flag(args, 'library') ?? defaultCliLibrary(), false);
    const started = Date.now();
    let printed = 0;
    host.onEvent((event, payload) => {
      if (event !== 'still.progress') return;
      const { fraction } = payload as { fraction: number };
      // Quick stills print nothing; a long one a line a second at most.
      if (Date.now() - started < 1000 || Date.now() - printed < 1000) return;
      printed = Date.now();
      io.stderr.write(`${basename(output)}: ${Math.round(fraction * 100)}% styled\n`);
    });
    const still = await host.stills.writeStill(checked);
    io.stdout.write(`${still.path}: ${still.width}x${still.height} ${still.format} (${still.engine.label}, ${still.engine.kind})\n`);
    return 0;
  } finally {
    await host.dispose();
  }
}
