import { memo, useMemo } from 'react';
import { DedupeDistance } from '@shared/contract';
import type { ItemSortKey, ItemStatus, SetStats } from '@shared/curation';
import { limitsOf } from '@shared/number-limits';
import { Button } from '../../../components/ui';
import {
  DEFAULT_QUERY,
  isFiltered,
  isInvertedRange,
  SCORE_KEYS,
  SORT_KEYS,
  STATUS_LABELS,
  STATUSES,
  type CurationQuery,
  type ScoreKey,
} from './query';
import { RangeInput } from './RangeInput';
import { parseSourceValue, sourceGroups, sourceLabel, sourceValue, type SourceOption } from './sources';

/** The near-duplicate distance's bounds, from the contract. */
const DEDUPE = limitsOf(DedupeDistance) as { min: number; max: number };

function SourceEntry({ option }: { option: SourceOption }) {
  return (
    <option value={option.value} title={option.title}>
      {option.label}
    </option>
  );
}

/**
 * Filters (status, source, tag, score ranges, duplicates only) and order (key, direction, duplicate distance)
 * of the curation grid. Every change applies at once; number boxes after a short pause.
 */
export const FilterBar = memo(function FilterBar({
  query,
  onChange,
  stats,
}: {
  query: CurationQuery;
  onChange: (q: CurationQuery) => void;
  stats: SetStats | undefined;
}) {
  const set = (patch: Partial<CurationQuery>) => onChange({ ...query, ...patch });
  const toggleStatus = (s: ItemStatus, on: boolean) =>
    set({ statuses: STATUSES.filter((x) => (x === s ? on : query.statuses.includes(x))) });
  const setRange = (key: ScoreKey, bound: 'min' | 'max', value: number | undefined) => {
    const next = { ...query.ranges[key] };
    if (value === undefined) delete next[bound];
    else next[bound] = value;
    set({ ranges: { ...query.ranges, [key]: next } });
  };
  const sourceOptions = useMemo(() => sourceGroups(stats?.sources ?? []), [stats?.sources]);
  const selectedSource = query.source === null ? '' : sourceValue(query.source);
  const sourceListed = sourceOptions.some((g) => g.options.some((o) => o.value === selectedSource));
  const tags = stats?.tags ?? [];

  return (
    <div className="filter-bar" role="toolbar" aria-label="Filters and sort">
      <div className="filter-row">
        <fieldset className="filter-group" aria-label="Status">
          {STATUSES.map((s) => (
            <label key={s} className={`checkbox status-check status-check-${s}`}>
              <input
                type="checkbox"
                checked={query.statuses.includes(s)}
                onChange={(e) => toggleStatus(s, e.target.checked)}
                data-testid={`filter-status-${s}`}
              />
              <span>{STATUS_LABELS[s]}</span>
            </label>
          ))}
        </fieldset>
        <select
          value={selectedSource}
          onChange={(e) => set({ source: parseSourceValue(e.target.value) })}
          aria-label="Source"
          className="compact-select"
          data-testid="filter-source"
        >
          <option value="">All sources</option>
          {query.source !== null && !sourceListed && <option value={selectedSource}>{sourceLabel(query.source)}</option>}
          {sourceOptions.map((g) =>
            g.label === null ? (
              g.options.map((o) => <SourceEntry key={o.value} option={o} />)
            ) : (
              <optgroup key={g.label} label={g.label}>
                {g.options.map((o) => (
                  <SourceEntry key={o.value} option={o} />
                ))}
              </optgroup>
            ),
          )}
        </select>
        <select
          value={query.tag ?? ''}
          onChange={(e) => set({ tag: e.target.value || null })}
          aria-label="Tag"
          className="compact-select"
          data-testid="filter-tag"
        >
          <option value="">Any tag</option>
          {query.tag !== null && !tags.some((t) => t.tag === query.tag) && <option value={query.tag}>{query.tag}</option>}
          {tags.map((t) => (
            <option key={t.tag} value={t.tag}>
              {t.tag} ({t.count.toLocaleString('en-US')})
            </option>
          ))}
        </select>
        <label className="checkbox" title="Only items with a near-duplicate within the distance">
          <input
            type="checkbox"
            checked={query.duplicatesOnly}
            onChange={(e) => set({ duplicatesOnly: e.target.checked })}
            data-testid="filter-duplicates"
          />
          <span>duplicates only</span>
        </label>
        <span className="filter-spacer" />
        <label className="inline-field">
          <span>Sort</span>
          <select value={query.sortBy} onChange={(e) => set({ sortBy: e.target.value as ItemSortKey })} data-testid="sort-key">
            {SORT_KEYS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          onClick={() => set({ sortDir: query.sortDir === 'asc' ? 'desc' : 'asc' })}
          title={query.sortDir === 'asc' ? 'Ascending (click for descending)' : 'Descending (click for ascending)'}
          aria-label={`Sort ${query.sortDir === 'asc' ? 'ascending' : 'descending'}`}
          data-testid="sort-dir"
          data-dir={query.sortDir}
        >
          {query.sortDir === 'asc' ? '↑' : '↓'}
        </button>
      </div>
      <div className="filter-row">
        {SCORE_KEYS.map((key) => {
          const r = query.ranges[key];
          const bad = isInvertedRange(r);
          return (
            <span key={key} className="range-pair" title={bad ? 'min is above max: this range is ignored' : undefined}>
              <span className="range-label">{key}</span>
              <RangeInput value={r.min} onCommit={(v) => setRange(key, 'min', v)} placeholder="min" invalid={bad} label={`${key} at least`} testId={`filter-${key}-min`} />
              <span className="muted">–</span>
              <RangeInput value={r.max} onCommit={(v) => setRange(key, 'max', v)} placeholder="max" invalid={bad} label={`${key} at most`} testId={`filter-${key}-max`} />
              {bad && (
                <span className="range-warning" role="status" data-testid={`filter-${key}-inverted`}>
                  ignored: min above max
                </span>
              )}
            </span>
          );
        })}
        <label className="inline-field" title={`Hamming distance between perceptual hashes under which frames count as near-duplicates (${DEDUPE.min}–${DEDUPE.max})`}>
          <span>Dup. distance</span>
          <input
            type="number"
            min={DEDUPE.min}
            max={DEDUPE.max}
            step={1}
            className="range-input"
            value={query.dedupeDistance}
            onChange={(e) => {
              const n = Math.round(Number(e.target.value));
              if (e.target.value !== '' && Number.isFinite(n)) set({ dedupeDistance: Math.min(DEDUPE.max, Math.max(DEDUPE.min, n)) });
            }}
            data-testid="dedupe-distance"
          />
        </label>
        {isFiltered(query) && (
          <Button variant="ghost" onClick={() => onChange({ ...DEFAULT_QUERY, sortBy: query.sortBy, sortDir: query.sortDir, dedupeDistance: query.dedupeDistance })} data-testid="filter-reset">
            Clear filters
          </Button>
        )}
      </div>
    </div>
  );
});
