import type { MouseEvent, ReactNode, RefObject } from 'react';
import type { MediaVariant } from '@shared/contract';
import { CurationCell, LoadingCell } from './CurationCell';
import { CELL_HEIGHT, type GridLayout } from './useGridLayout';
import type { ItemWindow } from './useItemWindow';

function indexOfCell(e: MouseEvent): number | null {
  const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
  return cell ? Number(cell.dataset['index']) : null;
}

/**
 * The windowed grid: a scrolling box whose content is as tall as every row, with only the rows on screen (plus
 * overscan) rendered, absolutely placed. Clicks are handled once here, not per cell.
 */
export function CurationGrid({
  gridRef,
  layout,
  items,
  focusIndex,
  selected,
  mediaUrl,
  label,
  empty,
  onCellClick,
  onCellOpen,
}: {
  gridRef: RefObject<HTMLDivElement | null>;
  layout: GridLayout;
  items: ItemWindow;
  focusIndex: number;
  selected: ReadonlySet<number>;
  mediaUrl: (hash: string, variant: MediaVariant) => string;
  label: string;
  /** Shown instead of cells when the query matches nothing. */
  empty: ReactNode;
  onCellClick: (index: number, mods: { shift: boolean; toggle: boolean }) => void;
  onCellOpen: (index: number) => void;
}) {
  const total = items.total ?? 0;
  const from = Math.max(0, layout.start);
  const to = Math.min(total, layout.end);
  const cells: ReactNode[] = [];
  for (let i = from; i < to; i++) {
    const { left, top } = layout.position(i);
    const box = { left, top, width: layout.cellWidth, height: CELL_HEIGHT };
    const item = items.itemAt(i);
    const id = items.ids[i];
    cells.push(
      item ? (
        <CurationCell
          key={item.id}
          index={i}
          item={item}
          box={box}
          thumbUrl={mediaUrl(item.hash, 'thumb')}
          focused={i === focusIndex}
          selected={selected.has(item.id)}
        />
      ) : (
        <LoadingCell key={id ?? `i${i}`} index={i} box={box} />
      ),
    );
  }
  const focusedId = items.ids[focusIndex];

  return (
    <div
      ref={gridRef}
      className={`cur-grid${items.stale ? ' cur-grid-stale' : ''}`}
      onScroll={layout.onScroll}
      tabIndex={0}
      role="listbox"
      aria-label={label}
      aria-multiselectable="true"
      aria-activedescendant={focusedId !== undefined && items.itemAt(focusIndex) ? `cur-item-${focusedId}` : undefined}
      data-testid="curation-grid"
      data-total={items.total ?? ''}
      data-focus-index={focusIndex}
      data-columns={layout.columns}
      onClick={(e) => {
        const index = indexOfCell(e);
        if (index === null) return;
        e.currentTarget.focus({ preventScroll: true });
        onCellClick(index, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey });
      }}
      onDoubleClick={(e) => {
        const index = indexOfCell(e);
        if (index !== null) onCellOpen(index);
      }}
    >
      <div className="cur-grid-content" style={{ height: layout.contentHeight(total) }}>
        {cells}
      </div>
      {items.total === 0 && <div className="cur-grid-empty">{empty}</div>}
    </div>
  );
}
