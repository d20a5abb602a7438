/**
 * The one contract between the UI and the Node services: every call (request -> response) and every event
 * stream, each with a zod schema. Both transports (Electron IPC and web mode) and the CLI are derived from this
 * table; nothing is written per call. Arguments are validated on the service side by {@link parseCallInput}.
 */
import { z } from 'zod';
import { Count, Id, Sha256Hex } from './schema-parts';
import { StudioError } from './errors';
import {
  AppInfo,
  ImagePage,
  JobSummary,
  LibraryInfo,
  SetKind,
  SetName,
  SetSummary,
} from './library';
import {
  ActionResult,
  ItemFilter,
  ItemQueryResult,
  ItemSortKey,
  ItemStatus,
  SetStats,
  TagName,
  VideoSampling,
} from './curation';
import {
  LossWeights,
  MetricPoint,
  ModelInfo,
  PresetInfo,
  PreviewSet,
  RunSummary,
  ImportedModel,
  ImportedModelName,
  TrainConfig,
  TrainEstimate,
  VggStatus,
  WeightChange,
} from './training';
import {
  AudioHandling,
  ClipSummary,
  DEFAULT_AUDIO_HANDLING,
  EncodeOptions,
  FarmUrl,
  FramePreview,
  MaxSize,
  OnnxExportResult,
  RunStyle,
  StillResult,
  StyleChoice,
  TimeRange,
} from './convert';
import { DevicePin, DeviceReport } from './devices';
import { AbsPath } from './paths';
import { BrowseRequest, FolderListing, type PickPathInput } from './browse';
import { CatalogListing, CatalogName } from './model-catalog';

const Empty = z.object({}).strict();
const JobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a job id');
const SetId = Id;
const ItemIds = z.array(Id).min(1, 'no items given').max(100_000);
/** Hamming distance between perceptual hashes under which two frames count as near-duplicates. */
export const DedupeDistance = z.number().int().min(0).max(32).default(6);
const RunId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a run id');

/** A run to start (or estimate): its two sets, an optional name, and its configuration. */
const TrainStartInput = z
  .object({
    styleSetId: SetId,
    contentSetId: SetId,
    name: z.string().trim().min(1).max(80).optional(),
    config: TrainConfig.default({
      model: 'animeganv2',
      preset: 'hayao',
      size: 256,
      steps: 20_000,
      width: 1,
      seed: 1,
      metricsEvery: 10,
      previewEvery: 200,
      checkpointEvery: 500,
    }),
  })
  .strict();

/** Every call: its argument schema and its result schema. */
export const calls = {
  'app.info': { input: Empty, output: AppInfo },

  /** Opens (or with `create`, creates) the library folder at `path`; it becomes the current library. */
  'library.open': {
    input: z.object({ path: AbsPath, create: z.boolean().default(false) }).strict(),
    output: LibraryInfo,
  },
  'library.current': { input: Empty, output: LibraryInfo.nullable() },
  'library.close': { input: Empty, output: z.null() },

  /**
   * Lists one folder for web mode's path picker: its subfolders and the files of `kind`, sorted, at most
   * MAX_BROWSE_ENTRIES. Names and sizes only, never contents, and only under the home folder or the open library:
   * links and `..` are resolved first, and anything outside is FORBIDDEN. A file's path lists its folder with the
   * file selected; no path lists the home folder.
   */
  'fs.browse': { input: BrowseRequest, output: FolderListing },

  'sets.list': { input: Empty, output: z.array(SetSummary) },
  'sets.create': { input: z.object({ name: SetName, kind: SetKind }).strict(), output: SetSummary },

  /** A page of a set's images, oldest first. */
  'images.list': {
    input: z
      .object({
        setId: Id,
        offset: Count.default(0),
        limit: z.number().int().min(1).max(2000).default(200),
      })
      .strict(),
    output: ImagePage,
  },

  /**
   * Starts a job importing every JPEG/PNG/WebP under `folder` (recursively) into the set `setName`
   * (created as a content set if missing). Non-images are skipped and listed in the job.
   */
  'import.photos': {
    input: z.object({ folder: AbsPath, setName: SetName, kind: SetKind.default('content') }).strict(),
    output: JobSummary,
  },

  /**
   * Starts a job cutting frames out of each clip (by interval and/or scene change, bars removed) into the set
   * `setName` (created as a style set if missing), scoring each frame as it is stored.
   */
  'import.video': {
    input: z
      .object({
        clips: z.array(AbsPath).min(1, 'no clips given').max(500),
        setName: SetName,
        kind: SetKind.default('style'),
        sampling: VideoSampling.prefault({}),
      })
      .strict(),
    output: JobSummary,
  },

  /** Filters and sorts a set's items; returns every matching id in order and one page of items. */
  'items.query': {
    input: z
      .object({
        setId: SetId,
        filter: ItemFilter.default({}),
        sort: z
          .object({ by: ItemSortKey, dir: z.enum(['asc', 'desc']).default('asc') })
          .strict()
          .default({ by: 'added', dir: 'asc' }),
        dedupeDistance: DedupeDistance,
        offset: Count.default(0),
        limit: z.number().int().min(0).max(2000).default(300),
      })
      .strict(),
    output: ItemQueryResult,
  },
  /** Sets the status of items (accept, reject into the bin, or back to unreviewed); undoable. */
  'items.decide': {
    input: z.object({ setId: SetId, itemIds: ItemIds, status: ItemStatus }).strict(),
    output: ActionResult,
  },
  /** Adds or removes a tag on items; undoable. */
  'items.tag': {
    input: z.object({ setId: SetId, itemIds: ItemIds, tag: TagName, add: z.boolean() }).strict(),
    output: ActionResult,
  },
  /** Deterministic training-crop rectangles of one item, for the before/after preview. */
  'items.crops': {
    input: z
      .object({
        setId: SetId,
        itemId: Id,
        size: z.number().int().min(32).max(2048).default(256),
        count: z.number().int().min(1).max(64).default(4),
        seed: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({
      rects: z.array(z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() })),
    }),
  },
  /** Undoes the set's last curation action (decisions, tags, duplicate cleanup). */
  'curation.undo': { input: z.object({ setId: SetId }).strict(), output: ActionResult },
  /** Rejects every near-duplicate except the sharpest of its cluster; undoable. */
  'curation.rejectDuplicates': {
    input: z.object({ setId: SetId, dedupeDistance: DedupeDistance }).strict(),
    output: ActionResult,
  },
  /** Deletes the set's rejected items for good, and stored files no set uses any more. Not undoable. */
  'bin.empty': {
    input: z.object({ setId: SetId }).strict(),
    output: z.object({ removed: Count, filesDeleted: Count }),
  },
  'sets.stats': { input: z.object({ setId: SetId }).strict(), output: SetStats },
  /**
   * Exports a set to `folder` in AnimeGANv2's layout: `style/` and `smooth/` (style sets) or `train_photo/`
   * (content sets), plus `cel-studio-set.json` describing every file.
   */
  'sets.export': {
    input: z
      .object({
        setId: SetId,
        folder: AbsPath,
        statuses: z.array(ItemStatus).min(1).default(['accepted', 'unreviewed']),
        /** Also cut training crops of this size (null: export whole frames). */
        cropSize: z.number().int().min(32).max(2048).nullable().default(null).describe('Also cut square training crops of this size; empty exports whole frames'),
      })
      .strict(),
    output: JobSummary,
  },
  /** Imports a folder in that layout (with or without its manifest) as a set. */
  'sets.importFolder': {
    input: z.object({ folder: AbsPath, setName: SetName.optional() }).strict(),
    output: JobSummary,
  },

  /** Every trainable model with its losses, previews and parameter counts at full width. */
  'engine.models': { input: Empty, output: z.array(ModelInfo) },
  'engine.presets': { input: Empty, output: z.array(PresetInfo) },
  /** Starts a training run of a style set against a content set, in its own process. */
  'train.start': { input: TrainStartInput, output: RunSummary },
  /**
   * What the run `train.start` would start takes on this machine: a throwaway process times a step of each phase on
   * the device a run would get (seconds to minutes at full size); nothing is stored.
   */
  'train.estimate': { input: TrainStartInput, output: TrainEstimate },
  /** Pauses after the current step, writing a checkpoint. */
  'train.pause': { input: z.object({ runId: RunId }).strict(), output: RunSummary },
  /** Continues a paused run, or an interrupted / stopped one from its last checkpoint. */
  'train.resume': { input: z.object({ runId: RunId }).strict(), output: RunSummary },
  /** Stops for good after the current step, writing a final checkpoint. */
  'train.stop': { input: z.object({ runId: RunId }).strict(), output: RunSummary },
  /** Whether training can start: VGG19 found or not, and where a download would come from. */
  'train.vggStatus': { input: Empty, output: VggStatus },
  /**
   * Downloads VGG19 (the layers the losses read) into `<library>/models/vgg19` as a job: progress, cancel, resume.
   * `url` (a model.json) overrides the status's address.
   */
  'train.fetchVgg': { input: z.object({ url: z.string().url().optional() }).strict(), output: JobSummary },
  /**
   * Copies a VGG19 the user has (a TensorFlow.js layers folder) into `<library>/models/vgg19` instead of downloading
   * it; BAD_INPUT naming what the folder lacks.
   */
  'train.importVgg': { input: z.object({ path: AbsPath }).strict(), output: VggStatus },
  /** The library's imported generators. */
  'models.list': { input: Empty, output: z.array(ImportedModel) },
  /** The published models the studio can fetch (VGG19, generators), what this library has, the mirror and cache in use. */
  'models.catalog': { input: Empty, output: CatalogListing },
  /**
   * Fetches a catalog model as a job (progress, cancel, resume) through the per-user cache: a generator is imported
   * as `importAs` (default its catalog name), VGG19 goes where training reads it.
   */
  'models.fetch': { input: z.object({ name: CatalogName, importAs: ImportedModelName.optional() }).strict(), output: JobSummary },
  /**
   * Imports a generator file as `name`: an animegan2-pytorch state dict (.pt; trainable further, a style) or an ONNX
   * generator (a style).
   */
  'models.import': { input: z.object({ path: AbsPath, name: ImportedModelName }).strict(), output: ImportedModel },
  /** Changes loss weights of a running run; they apply at its next step and are recorded with that step. */
  'train.setWeights': {
    input: z.object({ runId: RunId, weights: LossWeights.partial() }).strict(),
    output: RunSummary,
  },
  'runs.list': { input: Empty, output: z.array(RunSummary) },
  'runs.get': { input: z.object({ runId: RunId }).strict(), output: RunSummary },
  /** A run's metrics, downsampled to at most `maxPoints` (min/max-preserving buckets), with its weight changes. */
  'runs.metrics': {
    input: z
      .object({
        runId: RunId,
        fromStep: z.number().int().min(0).default(0),
        maxPoints: z.number().int().min(10).max(100_000).default(2000),
      })
      .strict(),
    output: z.object({ total: Count, points: z.array(MetricPoint), weightChanges: z.array(WeightChange) }),
  },
  'runs.previews': { input: z.object({ runId: RunId }).strict(), output: z.array(PreviewSet) },
  /**
   * Writes the run's generator at its newest checkpoint as an ONNX file (NHWC float32 in [-1, 1]), for other tools
   * or another studio's ONNX import.
   */
  'runs.exportOnnx': {
    input: z
      .object({
        runId: RunId,
        output: AbsPath.refine((p) => /\.onnx$/i.test(p), 'must end in .onnx'),
        overwrite: z.boolean().default(false),
      })
      .strict(),
    output: OnnxExportResult,
  },

  /** What a clip holds (streams, frame rate, VFR, rotation), for the convert page. */
  'convert.probe': { input: z.object({ path: AbsPath }).strict(), output: ClipSummary },
  /** Runs that can convert (they have a checkpoint), newest first. */
  'convert.runStyles': { input: Empty, output: z.array(RunStyle) },
  /**
   * Decodes the frame of a clip (or an image) at `timeSeconds`, stylizes it, and stores both as preview images for
   * the before/after compare. `maxSize` bounds the preview's longest side.
   */
  'convert.preview': {
    input: z
      .object({
        path: AbsPath,
        timeSeconds: z.number().min(0).default(0),
        style: StyleChoice,
        maxSize: z.number().int().min(16).max(4096).default(960),
      })
      .strict(),
    output: FramePreview,
  },
  /**
   * Time of the frame after or before the one shown at `timeSeconds` (the first at or after it), read from the clip
   * itself: frame-by-frame stepping where frames are not evenly spaced. That frame's own time at either end.
   */
  'convert.frameTime': {
    input: z.object({ path: AbsPath, timeSeconds: z.number().min(0), direction: z.enum(['next', 'previous']) }).strict(),
    output: z.object({ timeSeconds: z.number() }),
  },
  /**
   * Writes one stylized frame at full resolution (or at most `maxSize` on its long side): a clip's frame at
   * `timeSeconds`, or a whole image. PNG or JPEG by the output's extension. The file appears complete or not at
   * all. A photo over 100 megapixels (at `maxSize`) is refused at once; `still.progress` reports how far it is.
   */
  'convert.still': {
    input: z
      .object({
        source: AbsPath,
        timeSeconds: z.number().min(0).default(0),
        output: AbsPath.refine((p) => /\.(png|jpe?g)$/i.test(p), 'must end in .png, .jpg or .jpeg'),
        style: StyleChoice,
        quality: z.number().int().min(1).max(100).default(92),
        overwrite: z.boolean().default(false),
        maxSize: MaxSize,
      })
      .strict(),
    output: StillResult,
  },
  /**
   * Starts a job converting a clip (or a range of it) frame by frame into `output`, with the original sound and
   * subtitles; resumable by segments after a crash.
   */
  'convert.clip': {
    input: z
      .object({
        input: AbsPath,
        /** Its extension picks the container, which must take the codec (see output-formats). */
        output: AbsPath.refine((p) => /\.(mp4|m4v|mkv|mov|webm)$/i.test(p), 'must end in .mp4, .m4v, .mkv, .mov or .webm'),
        style: StyleChoice,
        range: TimeRange.nullable().default(null),
        maxSize: MaxSize,
        encode: EncodeOptions.default({ codec: 'h264', crf: 18, preset: 'medium' }),
        /** The source's sound in MP4 and MOV: only what editors play everywhere ('compatible'), or as it is ('keep'). */
        audio: AudioHandling.default(DEFAULT_AUDIO_HANDLING),
        /** Frames per resumable segment: the most work a crash or cancel can lose. */
        segmentFrames: z.number().int().min(1).max(100_000).default(240),
        overwrite: z.boolean().default(false),
        /**
         * A Redis server whose render farm converts the segments (`cel-studio worker --farm <url>` on each machine);
         * this studio keeps the job and joins them. Omitted: converted here.
         */
        farm: FarmUrl.optional(),
      })
      .strict(),
    output: JobSummary,
  },
  /** Starts a job stylizing every image under `folder` into `outputFolder` (same relative names). */
  'convert.photos': {
    input: z
      .object({
        folder: AbsPath,
        outputFolder: AbsPath,
        style: StyleChoice,
        format: z.enum(['png', 'jpeg']).default('png'),
        maxSize: MaxSize,
      })
      .strict(),
    output: JobSummary,
  },

  /**
   * The device doctor: GPU adapters, TensorFlow.js backends, ONNX Runtime providers, and which device training and
   * conversion will use and why. The scan runs in its own short-lived process and is kept; `rescan` refreshes it.
   */
  'devices.report': { input: z.object({ rescan: z.boolean().default(false) }).strict(), output: DeviceReport },
  /**
   * Pins the device training and TensorFlow.js conversion use in the open library (null unpins: automatic choice).
   * A pinned device that is missing later falls back to the automatic choice with a notice.
   */
  'devices.pin': { input: z.object({ pin: DevicePin.nullable() }).strict(), output: DeviceReport },

  'jobs.list': { input: Empty, output: z.array(JobSummary) },
  'jobs.get': { input: z.object({ jobId: JobId }).strict(), output: JobSummary },
  'jobs.cancel': { input: z.object({ jobId: JobId }).strict(), output: JobSummary },
  /** Holds a running job between two steps; the jobs queued after it wait. CONFLICT unless it is running. */
  'jobs.pause': { input: z.object({ jobId: JobId }).strict(), output: JobSummary },
  /** Continues a paused job, or an interrupted or cancelled one with the items it had not finished. */
  'jobs.resume': { input: z.object({ jobId: JobId }).strict(), output: JobSummary },
  /**
   * Takes a finished, cancelled, failed or interrupted job off the list, deleting the work files it kept to resume
   * (never what it made). CONFLICT while it still runs.
   */
  'jobs.remove': { input: z.object({ jobId: JobId }).strict(), output: z.object({ jobId: z.string() }) },
} as const;

/** Every event stream and its payload schema. */
export const events = {
  /** A job changed state or made progress (throttled to a few per second). */
  'job.updated': JobSummary,
  /** A job was taken off the list. */
  'job.removed': z.object({ jobId: z.string() }),
  /** The current library changed (opened, closed, images added). */
  'library.changed': LibraryInfo.nullable(),
  /** A training run changed state, step, weights or pace (throttled). */
  'run.updated': RunSummary,
  /** New metric points of a run, as they are recorded. */
  'run.metrics': z.object({ runId: z.string(), points: z.array(MetricPoint) }),
  /** A new set of preview images of a run. */
  'run.preview': z.object({ runId: z.string(), preview: PreviewSet }),
  /** How far the still being written to `output` is (0..1), after each engine call on it. */
  'still.progress': z.object({ output: z.string(), fraction: z.number().min(0).max(1) }),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type EventName = keyof typeof events;
/** What a caller passes (defaults may be omitted). */
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
/** What a handler receives after validation (defaults filled in). */
export type CallArg<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

/** Which transport a call came through. */
export interface CallContext {
  transport: 'ipc' | 'web' | 'cli';
}

/** The service side: one handler per call. */
export type CallHandlers = { [K in CallName]: (arg: CallArg<K>, ctx: CallContext) => Promise<CallOutput<K>> };

/** Thumbnail (small WebP), the original stored file, or a derived variant (AnimeGAN's grayscale / edge-smoothed). */
export const MEDIA_VARIANTS = ['thumb', 'original', 'gray', 'smooth', 'preview'] as const;
export type MediaVariant = (typeof MEDIA_VARIANTS)[number];

/**
 * What the renderer sees as `window.studio` (Electron) or builds over WebSocket (web mode): two verbs, `call`
 * and `on`, in the style of VS Code's channels, plus the URL of a stored image.
 */
export interface StudioApi {
  call<K extends CallName>(method: K, arg: CallInput<K>): Promise<CallOutput<K>>;
  /** Subscribes to an event stream; returns the unsubscribe function. */
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
  /** URL the page can put in an <img> for a stored image. */
  mediaUrl(hash: string, variant: MediaVariant): string;
  /**
   * The desktop app only: the system's open or save dialog for a path of `request.kind`; resolves to the chosen
   * path, or null when the user cancels. Web mode has none and browses with `fs.browse` instead.
   */
  pickPath?(request: PickPathInput): Promise<string | null>;
}

/** Type guard for method names arriving over a transport. */
export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

/** Type guard for event names. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** Validates a media request's hash so transports never build paths from raw input. */
export function isMediaHash(hash: string): boolean {
  return Sha256Hex.safeParse(hash).success;
}

/**
 * Validates a call's raw argument. Throws a VALIDATION {@link StudioError} whose message and `field` name the
 * first offending field, e.g. `import.photos: folder: path is empty`.
 */
export function parseCallInput<K extends CallName>(method: K, raw: unknown): CallArg<K> {
  return parseArgument(calls[method].input, method, raw) as CallArg<K>;
}

/**
 * Validates `raw` against `schema` (absent means `{}`), for calls and for the few requests outside the call table
 * (the desktop app's native dialogs). A VALIDATION {@link StudioError} names `what` and the first offending field.
 */
export function parseArgument<T extends z.ZodType>(schema: T, what: string, raw: unknown): z.output<T> {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const keys = issue && issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = issue ? [...issue.path, ...keys.slice(0, 1)] : [];
  const field = path.length > 0 ? path.join('.') : '(argument)';
  const message = issue ? issue.message : 'invalid argument';
  throw new StudioError('VALIDATION', `${what}: ${field}: ${message}`, field);
}
