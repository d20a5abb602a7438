/**
 * Data shapes that travel between the services and the UI, as zod schemas with their inferred types.
 * Nothing here imports Node, the DOM or Electron.
 */
import { z } from 'zod';
import { Count, Id, Seconds, Sha256Hex } from './schema-parts';

/** A studio library: a folder holding `library.sqlite` and content-addressed files. */
export const LibraryInfo = z.object({
  path: z.string(),
  name: z.string(),
  schemaVersion: z.number().int(),
  imageCount: Count,
  setCount: Count,
  /** Where outputs go unless the user picks another place: `<library>/exports`, made when the library opens. */
  exportsDir: z.string(),
  /** What crash recovery found on open (interrupted jobs, stray temp files); empty when the last close was clean. */
  recovery: z.array(z.string()),
});
export type LibraryInfo = z.infer<typeof LibraryInfo>;

/** Style sets teach the look; content sets are the photos/frames the look is applied to. */
export const SetKind = z.enum(['style', 'content']);
export type SetKind = z.infer<typeof SetKind>;

/** A user-visible set name: trimmed, 1..80 characters, no path separators or control characters. */
export const SetName = z
  .string()
  .trim()
  .min(1, 'set name is empty')
  .max(80, 'set name is longer than 80 characters')
  .refine(
    (name) => ![...name].some((ch) => ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20),
    'set name may not contain slashes or control characters',
  );

export const SetSummary = z.object({
  id: Id,
  name: z.string(),
  kind: SetKind,
  imageCount: Count,
  /** Of those, the rejected ones waiting in the set's bin: training and exports of usable items leave them out. */
  binCount: Count,
  createdAt: z.string(),
});
export type SetSummary = z.infer<typeof SetSummary>;

/** One image in a set. `hash` is the SHA-256 of the original file and names its stored copy and thumbnail. */
export const ImageItem = z.object({
  hash: Sha256Hex,
  /** Where it was imported from (absolute path at import time). */
  sourcePath: z.string(),
  /** Display size after EXIF orientation is applied. */
  width: Count,
  height: Count,
  format: z.string(),
  bytes: Count,
  addedAt: z.string(),
});
export type ImageItem = z.infer<typeof ImageItem>;

export const ImagePage = z.object({
  total: Count,
  items: z.array(ImageItem),
});
export type ImagePage = z.infer<typeof ImagePage>;

/** Jobs in the library's queue: imports, set exports, conversions and downloads. */
export const JobKind = z.enum(['import-photos', 'import-video', 'export-set', 'import-set', 'convert-clip', 'convert-photos', 'download-vgg19', 'download-model']);
export type JobKind = z.infer<typeof JobKind>;

/**
 * Job lifecycle. `paused` holds a running job between two steps (its process keeps it; the jobs queued after it
 * wait). `interrupted` means the process died or the studio closed while it ran (found on the next open); such a
 * job, like a `cancelled` one, resumes with the items it had not finished.
 */
export const JobState = z.enum(['queued', 'running', 'paused', 'cancelling', 'cancelled', 'done', 'failed', 'interrupted']);
export type JobState = z.infer<typeof JobState>;

export const JobProgress = z.object({
  done: Count,
  total: Count,
  /** Items per second over the recent window; 0 until measurable. */
  rate: z.number(),
  /** Seconds left at the current rate; null when unknown. */
  etaSeconds: Seconds.nullable(),
  /** How far the items in flight are (0..1), for jobs whose items are long (a clip); 0 otherwise. */
  fraction: z.number().min(0).max(1),
  /** What is being worked on now (a file name), or null. */
  current: z.string().nullable(),
  /**
   * The job's work in a finer unit than its items, for jobs whose items differ in size (a clip conversion: frames
   * of its segments), else null. `done` counts the part of the items in flight; `rate` is units per second while
   * it runs, and `etaSeconds` then comes from it.
   */
  work: z.object({ unit: z.string(), done: z.number(), total: z.number(), rate: z.number() }).nullable(),
});
export type JobProgress = z.infer<typeof JobProgress>;

/** An input the job passed over, with the reason (shown to the user, e.g. "not an image (text file)"). */
export const SkippedItem = z.object({ path: z.string(), reason: z.string() });
export type SkippedItem = z.infer<typeof SkippedItem>;

export const JobSummary = z.object({
  id: z.string(),
  kind: JobKind,
  title: z.string(),
  state: JobState,
  progress: JobProgress,
  /** Counts by outcome, e.g. { imported: 10, duplicate: 2, skipped: 1 }. */
  counts: z.record(z.string(), Count),
  skipped: z.array(SkippedItem),
  error: z.string().nullable(),
  /** The set the job fills or reads, when it has one. */
  setId: Id.nullable(),
  /** The file or folder the job writes, when it writes one outside the library (conversions). */
  output: z.string().nullable(),
  /** Things the user should know about how the job went (e.g. "the sound was re-encoded to AAC"). */
  notices: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JobSummary = z.infer<typeof JobSummary>;

/** Which machine-learning backend the engine runs on; `none` until the engine has started. */
export const EngineStatus = z.object({
  backend: z.string(),
  detail: z.string(),
});
export type EngineStatus = z.infer<typeof EngineStatus>;

export const AppInfo = z.object({
  version: z.string(),
  /** How this window talks to the services. */
  transport: z.enum(['ipc', 'web', 'cli']),
  engine: EngineStatus,
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;
