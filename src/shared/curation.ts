/**
 * Shapes of dataset curation: items of a set with their scores and decisions, queries, statistics, and the
 * options of a video import. Scores are stored per image, decisions per set membership.
 */
import { z } from 'zod';
import { Count, Id, Sha256Hex } from './schema-parts';

/** A decision on an item of a set. `rejected` items sit in the set's bin until it is emptied. */
export const ItemStatus = z.enum(['unreviewed', 'accepted', 'rejected']);
export type ItemStatus = z.infer<typeof ItemStatus>;

/** Per-image measures (null until scored). */
export const ImageScores = z.object({
  /** Variance of the Laplacian of the luma; higher is sharper. */
  sharpness: z.number().nullable(),
  /** Mean luma, 0..255. */
  brightness: z.number().nullable(),
  /** Standard deviation of luma, 0..255. */
  contrast: z.number().nullable(),
  /** 64-bit perceptual hash, 16 hex digits. */
  phash: z.string().nullable(),
});
export type ImageScores = z.infer<typeof ImageScores>;

/** One member of a set, as the curation grid shows it. */
export const SetItem = z.object({
  /** Id of the membership (stable within the set). */
  id: Id,
  hash: Sha256Hex,
  sourceKind: z.enum(['photo', 'video']),
  sourcePath: z.string(),
  /** Seconds into the source clip (video frames only). */
  sourceTime: z.number().nullable(),
  width: Count,
  height: Count,
  status: ItemStatus,
  tags: z.array(z.string()),
  scores: ImageScores,
  /** Near-duplicate cluster at the query's distance (null when alone or unscored). */
  cluster: z.number().int().nullable(),
  /** Whether this is the item a duplicate cleanup keeps (the sharpest of its cluster). */
  clusterBest: z.boolean(),
  addedAt: z.string(),
});
export type SetItem = z.infer<typeof SetItem>;

const Range = z
  .object({ min: z.number().optional(), max: z.number().optional() })
  .strict()
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min is above max');

export const TagName = z
  .string()
  .trim()
  .min(1, 'tag is empty')
  .max(40, 'tag is longer than 40 characters')
  .regex(/^[\p{L}\p{N} _.-]+$/u, 'tag may hold letters, digits, spaces, _ . -');

/** Which items a query keeps. Every given condition must hold. */
export const ItemFilter = z
  .object({
    status: z.array(ItemStatus).optional(),
    sourcePath: z.string().optional(),
    /** Only photos, or only video frames. */
    sourceKind: z.enum(['photo', 'video']).optional(),
    /** Only items whose source file lies directly in this folder (as {@link sourceFolderOf} gives it). */
    sourceFolder: z.string().optional(),
    tag: TagName.optional(),
    sharpness: Range.optional(),
    brightness: Range.optional(),
    contrast: Range.optional(),
    /** Only items that have a near-duplicate at the query's distance. */
    duplicatesOnly: z.boolean().optional(),
  })
  .strict();
export type ItemFilter = z.infer<typeof ItemFilter>;

/** The folder a source file lies in: its path up to the last `/` or `\` ('' when it has none). */
export function sourceFolderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? '' : path.slice(0, cut);
}

export const ItemSortKey = z.enum(['added', 'sourceTime', 'sharpness', 'brightness', 'contrast', 'cluster']);
export type ItemSortKey = z.infer<typeof ItemSortKey>;

/** The result of a query: every matching id in order (for range selection) and one page of items. */
export const ItemQueryResult = z.object({
  total: Count,
  ids: z.array(Count),
  offset: Count,
  items: z.array(SetItem),
});
export type ItemQueryResult = z.infer<typeof ItemQueryResult>;

export const Histogram = z.object({
  /** Bin edges, length = counts.length + 1. */
  edges: z.array(z.number()),
  counts: z.array(Count),
});
export type Histogram = z.infer<typeof Histogram>;

/** Statistics of a set for the curation sidebar. */
export const SetStats = z.object({
  count: Count,
  byStatus: z.object({ unreviewed: Count, accepted: Count, rejected: Count }),
  unscored: Count,
  resolutions: z.array(z.object({ width: Count, height: Count, count: Count })),
  sources: z.array(z.object({ path: z.string(), kind: z.enum(['photo', 'video']), count: Count })),
  tags: z.array(z.object({ tag: z.string(), count: Count })),
  histograms: z.object({ sharpness: Histogram, brightness: Histogram, contrast: Histogram }),
});
export type SetStats = z.infer<typeof SetStats>;

/** The result of an undoable curation action. */
export const ActionResult = z.object({
  /** Id of the recorded action, null when nothing changed. */
  actionId: Id.nullable(),
  changed: Count,
  description: z.string(),
});
export type ActionResult = z.infer<typeof ActionResult>;

/** How frames are sampled from a clip. At least one of the two rules must be on. */
export const VideoSampling = z
  .object({
    /** Take a frame every N seconds (null: off). On by default: films with long shots have few scene cuts. */
    everySeconds: z.number().positive().max(3600).nullable().default(1),
    /** Take a frame at each scene change whose score passes this (0..1; null: off). */
    sceneThreshold: z.number().min(0.01).max(1).nullable().default(0.3),
    /** Stop after this many frames per clip. */
    maxFrames: z.number().int().min(1).max(100_000).default(2000),
    /** Detect and crop letterbox / pillarbox bars. */
    removeBars: z.boolean().default(true),
  })
  .strict()
  .refine((s) => s.everySeconds !== null || s.sceneThreshold !== null, {
    message: 'turn on interval sampling, scene sampling, or both',
    path: ['everySeconds'],
  });
export type VideoSampling = z.infer<typeof VideoSampling>;

/**
 * The sampling of an import that sets none: the schema's own defaults (a frame every second, and at each scene
 * change). The one source the service, the app's form and the CLI start from.
 */
export const DEFAULT_VIDEO_SAMPLING: Readonly<VideoSampling> = Object.freeze(VideoSampling.parse({}));

/** Derived images of a stored image, made on demand and cached. */
export const DerivedVariant = z.enum(['gray', 'smooth']);
export type DerivedVariant = z.infer<typeof DerivedVariant>;
