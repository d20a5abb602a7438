/**
 * `cel-studio-set.json`: written beside an exported set (AnimeGANv2 layout) and read back on import, so tags,
 * decisions, scores and where each frame came from survive the round trip.
 */
import { z } from 'zod';
import { ImageScores, ItemStatus } from '@shared/curation';
import { SetKind } from '@shared/library';

export const MANIFEST_FILE = 'cel-studio-set.json';

/** Folder names of AnimeGANv2's dataset layout. */
export const LAYOUT = { style: 'style', smooth: 'smooth', content: 'train_photo' } as const;

export const ManifestEntry = z.object({
  /** File name inside style/ (or train_photo/). */
  file: z.string(),
  /** File name inside smooth/ (style sets). */
  smooth: z.string().nullable(),
  /** Hash of the stored image it was cut from. */
  hash: z.string(),
  sourcePath: z.string(),
  sourceKind: z.enum(['photo', 'video']),
  sourceTime: z.number().nullable(),
  status: ItemStatus,
  tags: z.array(z.string()),
  scores: ImageScores,
  crop: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }).nullable(),
});
export type ManifestEntry = z.infer<typeof ManifestEntry>;

export const SetManifest = z.object({
  format: z.literal('cel-studio-set'),
  version: z.literal(1),
  name: z.string(),
  kind: SetKind,
  exportedAt: z.string(),
  cropSize: z.number().nullable(),
  files: z.array(ManifestEntry),
});
export type SetManifest = z.infer<typeof SetManifest>;
