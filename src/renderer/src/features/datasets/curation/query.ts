import { DedupeDistance, type CallInput } from '@shared/contract';
import type { ItemFilter, ItemSortKey, ItemStatus } from '@shared/curation';

/** Every decision, in the order the filters list them. */
export const STATUSES: readonly ItemStatus[] = ['unreviewed', 'accepted', 'rejected'];

export const STATUS_LABELS: Record<ItemStatus, string> = {
  unreviewed: 'unreviewed',
  accepted: 'accepted',
  rejected: 'bin',
};

export const SORT_KEYS: readonly { id: ItemSortKey; label: string }[] = [
  { id: 'added', label: 'Added' },
  { id: 'sourceTime', label: 'Source time' },
  { id: 'sharpness', label: 'Sharpness' },
  { id: 'brightness', label: 'Brightness' },
  { id: 'contrast', label: 'Contrast' },
  { id: 'cluster', label: 'Duplicate cluster' },
];

export type ScoreKey = 'sharpness' | 'brightness' | 'contrast';
export const SCORE_KEYS: readonly ScoreKey[] = ['sharpness', 'brightness', 'contrast'];

export interface ScoreRange {
  min?: number;
  max?: number;
}

/** A source filter: one file, or every photo (or video) directly in one folder. */
export type SourceChoice = { kind: 'file'; path: string } | { kind: 'folder'; sourceKind: 'photo' | 'video'; folder: string };

/** What the curation grid shows: the filters, the order and the near-duplicate distance. */
export interface CurationQuery {
  /** Statuses shown; all three means no status filter. */
  statuses: readonly ItemStatus[];
  source: SourceChoice | null;
  tag: string | null;
  ranges: Readonly<Record<ScoreKey, ScoreRange>>;
  duplicatesOnly: boolean;
  sortBy: ItemSortKey;
  sortDir: 'asc' | 'desc';
  /** Hamming distance (0..32) under which two perceptual hashes count as near-duplicates. */
  dedupeDistance: number;
}

/** The contract's default near-duplicate distance. */
export const DEFAULT_DEDUPE_DISTANCE = DedupeDistance.parse(undefined);

export const DEFAULT_QUERY: CurationQuery = {
  statuses: STATUSES,
  source: null,
  tag: null,
  ranges: { sharpness: {}, brightness: {}, contrast: {} },
  duplicatesOnly: false,
  sortBy: 'added',
  sortDir: 'asc',
  dedupeDistance: DEFAULT_DEDUPE_DISTANCE,
};

function hasRange(r: ScoreRange): boolean {
  return r.min !== undefined || r.max !== undefined;
}

/** True when a range's bounds are the wrong way round (the service would refuse it). */
export function isInvertedRange(r: ScoreRange): boolean {
  return r.min !== undefined && r.max !== undefined && r.min > r.max;
}

/** The contract's filter for a query; conditions that are off are left out. Inverted ranges are ignored. */
export function toItemFilter(q: CurationQuery): ItemFilter {
  const filter: ItemFilter = {};
  if (q.statuses.length < STATUSES.length) filter.status = [...q.statuses];
  if (q.source?.kind === 'file') filter.sourcePath = q.source.path;
  if (q.source?.kind === 'folder') {
    filter.sourceKind = q.source.sourceKind;
    filter.sourceFolder = q.source.folder;
  }
  if (q.tag !== null) filter.tag = q.tag;
  for (const key of SCORE_KEYS) {
    const r = q.ranges[key];
    if (hasRange(r) && !isInvertedRange(r)) filter[key] = { ...r };
  }
  if (q.duplicatesOnly) filter.duplicatesOnly = true;
  return filter;
}

/** True when anything narrows the grid (sorting and distance do not count). */
export function isFiltered(q: CurationQuery): boolean {
  return Object.keys(toItemFilter(q)).length > 0;
}

export type ItemQueryArg = Omit<CallInput<'items.query'>, 'offset' | 'limit'>;

/** `items.query`'s argument without the page. */
export function toQueryArg(setId: number, q: CurationQuery): ItemQueryArg {
  return {
    setId,
    filter: toItemFilter(q),
    sort: { by: q.sortBy, dir: q.sortDir },
    dedupeDistance: q.dedupeDistance,
  };
}
