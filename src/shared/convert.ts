/**
 * Shapes of conversion: which style to apply (built-in, an ONNX file, a studio run), how to encode, what a clip
 * holds, and what a preview or a still returns.
 */
import { z } from 'zod';
import { Count, Seconds } from './schema-parts';
import { VIDEO_CODECS } from './output-formats';
import { AbsPath } from './paths';

const RunId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a run id');

/** The built-in cel-shading filter's knobs (no weights needed). */
export const BuiltinStyleOptions = z
  .object({
    /** Colour levels of the quantization. */
    levels: z.number().int().min(2).max(32).default(6),
    /** How dark the ink edges are, 0 (none) .. 1. */
    edgeStrength: z.number().min(0).max(1).default(0.9),
    /** Passes of edge-preserving smoothing. */
    smoothing: z.number().int().min(0).max(8).default(3),
  })
  .strict();
export type BuiltinStyleOptions = z.infer<typeof BuiltinStyleOptions>;

/** Which style a conversion applies. */
export const StyleChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('builtin'), options: BuiltinStyleOptions.default({ levels: 6, edgeStrength: 0.9, smoothing: 3 }) }).strict(),
  /** An ONNX generator file (imported: layout, value range and size multiple are detected). */
  z.object({ kind: z.literal('onnx'), path: AbsPath }).strict(),
  /** The generator of a studio training run, at its latest checkpoint. */
  z.object({ kind: z.literal('run'), runId: RunId }).strict(),
]);
export type StyleChoice = z.infer<typeof StyleChoice>;
export type StyleChoiceInput = z.input<typeof StyleChoice>;

/**
 * Video codecs of converted clips: H.264, H.265 and MPEG-4 Part 2 (.mp4, .m4v, .mov, .mkv), VP9 (.webm, .mkv) and
 * ProRes 422 HQ (.mov, .mkv); see output-formats for which file takes which.
 */
export const VideoCodec = z.enum(VIDEO_CODECS);
export type VideoCodec = z.infer<typeof VideoCodec>;
/** x264/x265's speed ladder, fastest first; slower gives a smaller file at the same quality. */
export const EncodePreset = z.enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow']);
export type EncodePreset = z.infer<typeof EncodePreset>;

/** How the converted video is encoded; audio and subtitles are copied when the container allows (see AudioHandling). */
export const EncodeOptions = z
  .object({
    codec: VideoCodec.default('h264'),
    /**
     * Constant rate factor: lower is better and bigger (x264: 18 is visually near-lossless). VP9 gets it
     * stretched onto its own 0-63 scale (18 -> 22); MPEG-4 Part 2 a constant quantiser; ProRes ignores it (its
     * profile fixes the quality).
     */
    crf: z.number().int().min(0).max(51).default(18),
    /** Speed against size: x264/x265 presets, VP9's cpu-used; MPEG-4 Part 2 and ProRes ignore it. */
    preset: EncodePreset.default('medium'),
  })
  .strict();
export type EncodeOptions = z.infer<typeof EncodeOptions>;

/**
 * What a conversion to MP4 or MOV does with the source's sound. 'compatible' (the default) copies only what
 * players and editing software read everywhere in those files (AAC, MP3, AC-3, E-AC-3, ALAC; standard PCM in MOV)
 * and re-encodes the rest (Opus, Vorbis, FLAC, MP2, DTS...) as AAC, with a notice; 'keep' copies every codec the
 * container can technically hold as it is. Matroska keeps all sound and WebM takes only Opus and Vorbis, either way.
 */
export const AudioHandling = z.enum(['compatible', 'keep']);
export type AudioHandling = z.infer<typeof AudioHandling>;
/** The default, also for conversions stored before the choice existed. */
export const DEFAULT_AUDIO_HANDLING: AudioHandling = 'compatible';

/** A stretch of a clip, in seconds from its start. */
export const TimeRange = z
  .object({ startSeconds: z.number().min(0), endSeconds: z.number().positive() })
  .strict()
  .refine((r) => r.endSeconds > r.startSeconds, 'the range ends before it starts');
export type TimeRange = z.infer<typeof TimeRange>;

/** A render farm's Redis server: `redis://[user:password@]host[:port][/db]` (or `rediss://` over TLS). */
export const FarmUrl = z
  .string()
  .trim()
  .regex(/^rediss?:\/\/[^\s/]+(\/\d+)?\/?$/, 'must be a Redis URL such as redis://farm.local:6379');
export type FarmUrl = z.infer<typeof FarmUrl>;

/**
 * Largest side of converted frames (scaled down, never up); null keeps the clip's size. Its description is the
 * setting's hover text in the app.
 */
export const MaxSize = z
  .number()
  .int()
  .min(16)
  .max(16_384)
  .nullable()
  .default(null)
  .describe("Longest side of the output in pixels; empty keeps the source's size (it never scales up)");

/** What a clip holds, for the convert page. */
export const ClipSummary = z.object({
  path: z.string(),
  container: z.string(),
  durationSeconds: Seconds,
  fps: z.number(),
  frameCount: Count.nullable(),
  variableFrameRate: z.boolean(),
  width: Count,
  height: Count,
  displayWidth: Count,
  displayHeight: Count,
  rotation: z.number().int(),
  codec: z.string(),
  audioStreams: Count,
  subtitleStreams: Count,
});
export type ClipSummary = z.infer<typeof ClipSummary>;

/** The engine a style ran on, and why it was chosen. */
export const EngineChoice = z.object({
  /** e.g. 'builtin', 'onnxruntime-cpu', 'tfjs-wasm'. */
  kind: z.string(),
  label: z.string(),
  /** Measured speed of the candidates when there was a choice, e.g. { 'onnxruntime-cpu': 120, 'tfjs-wasm': 900 }. */
  msPerMegapixel: z.record(z.string(), z.number()),
  /** The one input size of a model exported with fixed dims (frames are cut into tiles of it), else null. */
  fixedSize: z.object({ width: Count, height: Count }).nullable(),
});
export type EngineChoice = z.infer<typeof EngineChoice>;

/** One frame before and after, stored as preview images (see `mediaUrl(hash, 'preview')`). */
export const FramePreview = z.object({
  /** Time of the frame actually shown (the one at or just after the time asked for). */
  timeSeconds: Seconds,
  width: Count,
  height: Count,
  beforeHash: z.string(),
  afterHash: z.string(),
  engine: EngineChoice,
  /** Milliseconds spent stylizing this frame. */
  stylizeMs: z.number(),
});
export type FramePreview = z.infer<typeof FramePreview>;

/** A still that was written. */
export const StillResult = z.object({
  path: z.string(),
  width: Count,
  height: Count,
  format: z.enum(['png', 'jpeg']),
  engine: EngineChoice,
});
export type StillResult = z.infer<typeof StillResult>;

/** A run's generator written as an ONNX file. */
export const OnnxExportResult = z.object({
  path: z.string(),
  bytes: Count,
  model: z.string(),
  width: z.number(),
  step: Count,
  flopsPerPixel: z.number(),
});
export type OnnxExportResult = z.infer<typeof OnnxExportResult>;

/** A studio run whose generator can convert (it has a checkpoint). */
export const RunStyle = z.object({ runId: z.string(), name: z.string(), model: z.string(), step: Count });
export type RunStyle = z.infer<typeof RunStyle>;
