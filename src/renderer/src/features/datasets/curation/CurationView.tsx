import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import type { ItemStatus } from '@shared/curation';
import type { SetSummary } from '@shared/library';
import { ErrorMessage, Placeholder } from '../../../components/ui';
import { IMPORT_KINDS, isActive } from '../../../jobs';
import { plural } from '../../../lib/format';
import { useThrottledCounter } from '../../../lib/useThrottledCounter';
import { useEvent, useQuery, useStudio } from '../../../transport';
import { CleanupActions } from './CleanupActions';
import { clearSelection, clickAt, focusIndexIn, INITIAL_CURSOR, moveTo, selectAll, selectedIn } from './cursor';
import { CurationGrid } from './CurationGrid';
import { DetailView } from './DetailView';
import { ExportPanel } from './ExportPanel';
import { FilterBar } from './FilterBar';
import { commandFor, type KeyLike, type Preview } from './keys';
import { DEFAULT_QUERY, isFiltered, toQueryArg, type CurationQuery } from './query';
import { StatsPanel } from './StatsPanel';
import { UndoToast } from './UndoToast';
import { useAutoAdvance } from './useAutoAdvance';
import { useCurationActions } from './useCurationActions';
import { useGridLayout } from './useGridLayout';
import { useItemWindow } from './useItemWindow';

/** How often, at most, a running job refreshes the grid; statistics (a heavier query) less often. */
const GRID_REFRESH_MS = 750;
const STATS_REFRESH_MS = 2000;

/**
 * Curation of one set: a windowed grid of its items with filters and sort, keyboard-first decisions (A/R/U,
 * arrows, shift ranges), a detail view, duplicate cleanup, the bin, statistics and export.
 */
export function CurationView({ set, onSetChanged }: { set: SetSummary; onSetChanged: () => void }) {
  const api = useStudio();
  const [query, setQuery] = useState<CurationQuery>(DEFAULT_QUERY);
  const [refresh, bumpGrid] = useThrottledCounter(GRID_REFRESH_MS);
  const [statsVersion, bumpStats] = useThrottledCounter(STATS_REFRESH_MS);
  const bump = useCallback(
    (now = false) => {
      bumpGrid(now);
      bumpStats(now);
    },
    [bumpGrid, bumpStats],
  );
  // Jobs filling this set (or one not yet tied to a set) refresh it; an ending job refreshes at once.
  useEvent('job.updated', (job) => {
    if (job.setId === set.id ? job.kind !== 'export-set' : job.setId === null && IMPORT_KINDS.has(job.kind)) bump(!isActive(job));
  });
  useEvent('library.changed', () => bump());

  const { ref: gridRef, layout } = useGridLayout();
  const arg = useMemo(() => toQueryArg(set.id, query), [set.id, query]);
  const items = useItemWindow(arg, refresh, layout.start, layout.end);
  const stats = useQuery('sets.stats', { setId: set.id }, statsVersion);
  const actions = useCurationActions(set.id, { onChanged: () => bump(true), patch: items.patch, onRemoved: onSetChanged });
  const [autoAdvance, setAutoAdvance] = useAutoAdvance();

  const [cursor, setCursor] = useState(INITIAL_CURSOR);
  const [detailOpen, setDetailOpen] = useState(false);
  const [preview, setPreview] = useState<Preview>('original');
  const { ids } = items;
  const focusIndex = focusIndexIn(cursor, ids);
  const focusId = focusIndex >= 0 ? ids[focusIndex] : undefined;
  const selection = useMemo(() => selectedIn(cursor, ids), [cursor, ids]);
  const selectionSet = useMemo(() => new Set(selection), [selection]);

  const { scrollToIndex } = layout;
  useEffect(() => scrollToIndex(focusIndex), [focusIndex, scrollToIndex]);

  const focusGrid = () => gridRef.current?.focus({ preventScroll: true });
  const openDetail = () => {
    if (focusIndex >= 0) setDetailOpen(true);
  };
  const closeDetail = () => {
    setDetailOpen(false);
    focusGrid();
  };

  /** A/R/N: on the item in the detail view, else on the selection, else on the focused item. */
  function decide(status: ItemStatus) {
    if (focusId === undefined) return;
    const single = detailOpen || selection.length === 0;
    actions.decide(single ? [focusId] : selection, status);
    if (single && autoAdvance) setCursor((c) => moveTo(c, ids, focusIndex + 1, false));
  }

  function onKeyDown(e: KeyLike & { preventDefault: () => void }) {
    const cmd = commandFor(e, layout.columns, layout.visibleRows);
    if (!cmd) return;
    if (cmd.type === 'preview' && !detailOpen) return;
    e.preventDefault();
    switch (cmd.type) {
      case 'move':
        setCursor((c) => moveTo(c, ids, focusIndexIn(c, ids) + cmd.by, cmd.extend && !detailOpen));
        break;
      case 'moveTo':
        setCursor((c) => moveTo(c, ids, cmd.to === 'first' ? 0 : ids.length - 1, cmd.extend && !detailOpen));
        break;
      case 'decide':
        decide(cmd.status);
        break;
      case 'undo':
        actions.undo();
        break;
      case 'toggleDetail':
        if (detailOpen) closeDetail();
        else openDetail();
        break;
      case 'openDetail':
        openDetail();
        break;
      case 'escape':
        if (detailOpen) closeDetail();
        else setCursor(clearSelection);
        break;
      case 'selectAll':
        setCursor((c) => selectAll(c, ids));
        break;
      case 'preview':
        setPreview(cmd.variant);
        break;
    }
  }

  const pickSource = useCallback((path: string) => setQuery((q) => ({ ...q, source: { kind: 'file', path } })), []);
  const pickTag = useCallback((tag: string) => setQuery((q) => ({ ...q, tag })), []);
  // Keys pressed with nothing focused (after a click on the page's background) still reach the grid, as long as
  // this view is on screen.
  const section = useRef<HTMLElement>(null);
  const onStrayKey = useEffectEvent((e: globalThis.KeyboardEvent) => {
    if (e.target !== document.body || !section.current?.offsetParent) return;
    if (!commandFor(e, layout.columns, layout.visibleRows)) return;
    focusGrid();
    onKeyDown(e);
  });
  useEffect(() => {
    const listener = (e: globalThis.KeyboardEvent) => onStrayKey(e);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  const total = items.total ?? 0;
  const knownTags = useMemo(() => (stats.data?.tags ?? []).map((t) => t.tag), [stats.data]);
  const setCount = stats.data?.count ?? set.imageCount;

  return (
    <section ref={section} className="panel curation" aria-label={`Curate ${set.name}`} onKeyDown={onKeyDown}>
      <header className="panel-header">
        <h2 className="panel-title">
          {set.name} <span className={`badge badge-${set.kind}`}>{set.kind}</span>
        </h2>
        <div className="panel-actions curation-summary">
          {selection.length > 0 && (
            <span className="selection-count" data-testid="selection-count" data-count={selection.length}>
              {plural(selection.length, 'item')} selected · A/R apply to all · Esc clears
            </span>
          )}
          {isFiltered(query) && (
            <span className="muted num" data-testid="filtered-count">
              {total.toLocaleString('en-US')} shown of
            </span>
          )}
          <span className="set-count num" data-testid="set-count" data-count={setCount}>
            {plural(setCount, 'image')}
          </span>
        </div>
      </header>
      <div className="panel-body curation-body">
        <FilterBar query={query} onChange={setQuery} stats={stats.data} />
        <div className="curation-tools">
          <CleanupActions
            binCount={stats.data?.byStatus.rejected ?? null}
            dedupeDistance={query.dedupeDistance}
            rejecting={actions.pending === 'rejectDuplicates'}
            emptying={actions.pending === 'emptyBin'}
            onRejectDuplicates={() => actions.rejectDuplicates(query.dedupeDistance)}
            onEmptyBin={actions.emptyBin}
          />
          <span className="filter-spacer" />
          <label className="checkbox" title="After A or R on one item, move the focus to the next">
            <input type="checkbox" checked={autoAdvance} onChange={(e) => setAutoAdvance(e.target.checked)} data-testid="auto-advance" />
            <span>Advance after A/R</span>
          </label>
          <span className="key-hints muted small">arrows · A accept · R reject · U undo · space detail · shift/ctrl-click select</span>
        </div>
        <ErrorMessage error={items.error ?? actions.error} onDismiss={actions.error ? actions.clearError : undefined} />
        <div className="curation-main">
          <CurationGrid
            gridRef={gridRef}
            layout={layout}
            items={items}
            focusIndex={focusIndex}
            selected={selectionSet}
            mediaUrl={api.mediaUrl}
            label={`Items of ${set.name}`}
            empty={
              <Placeholder title={isFiltered(query) ? 'Nothing matches these filters' : 'No images in this set yet'}>
                <p>{isFiltered(query) ? 'Clear or widen the filters above.' : `Import photos or video frames into “${set.name}” above.`}</p>
              </Placeholder>
            }
            onCellClick={(index, mods) => setCursor((c) => clickAt(c, ids, index, mods))}
            onCellOpen={(index) => {
              setCursor((c) => moveTo(c, ids, index, false));
              setDetailOpen(true);
            }}
          />
          <div className="curation-side">
            <StatsPanel
              stats={stats.data}
              error={stats.error}
              onPickSource={pickSource}
              onPickTag={pickTag}
            />
            <ExportPanel set={set} />
          </div>
        </div>
      </div>
      {detailOpen && focusIndex >= 0 && (
        <DetailView
          setId={set.id}
          item={items.itemAt(focusIndex)}
          position={focusIndex}
          total={total}
          preview={preview}
          onPreview={setPreview}
          knownTags={knownTags}
          tagBusy={actions.pending === 'tag'}
          mediaUrl={api.mediaUrl}
          onDecide={decide}
          onTag={(tag, add) => (focusId === undefined ? Promise.resolve(false) : actions.tag([focusId], tag, add))}
          onClose={closeDetail}
        />
      )}
      <UndoToast toast={actions.toast} onUndo={actions.undo} onDismiss={actions.dismissToast} />
    </section>
  );
}
