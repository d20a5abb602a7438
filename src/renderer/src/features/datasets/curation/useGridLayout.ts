import { useCallback, useLayoutEffect, useRef, useState, type RefObject, type UIEvent } from 'react';

/** Narrowest a cell may get; columns are as many as fit, then stretch to fill the row. */
export const MIN_CELL_WIDTH = 150;
/** Every cell is this tall (thumbnail, chips, caption), so any row's position is a multiplication. */
export const CELL_HEIGHT = 178;
export const GAP = 8;
export const PAD = 8;
/** Rows rendered above and below the visible ones, so fast scrolling does not show blanks. */
const OVERSCAN_ROWS = 3;

export interface GridLayout {
  onScroll: (e: UIEvent<HTMLDivElement>) => void;
  columns: number;
  cellWidth: number;
  rowHeight: number;
  /** Rows that fit in the viewport (for Page Up / Page Down). */
  visibleRows: number;
  /** First and one-past-last index to render (not clamped to the item count). */
  start: number;
  end: number;
  /** Left/top of a cell. */
  position: (index: number) => { left: number; top: number };
  /** Height of the scrolled content for `total` items. */
  contentHeight: (total: number) => number;
  /** Scrolls the least needed to show the cell at `index` whole. */
  scrollToIndex: (index: number) => void;
}

/**
 * Fixed-size windowing for a grid in a scrolling box (attach `ref` to it): measures the box, derives columns,
 * and reports which index range is on screen (plus overscan). Only that range is rendered, so 10,000+ items cost
 * the same as 60.
 */
export function useGridLayout(): { ref: RefObject<HTMLDivElement | null>; layout: GridLayout } {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  // The row at the top of the view, not the pixel offset: the view re-renders only when a row boundary is crossed.
  const [topRow, setTopRow] = useState(0);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const inner = Math.max(0, size.width - 2 * PAD);
  const columns = Math.max(1, Math.floor((inner + GAP) / (MIN_CELL_WIDTH + GAP)));
  const cellWidth = Math.max(MIN_CELL_WIDTH, (inner - GAP * (columns - 1)) / columns);
  const rowHeight = CELL_HEIGHT + GAP;
  const visibleRows = Math.max(1, Math.floor(size.height / rowHeight));
  const firstRow = Math.max(0, topRow - OVERSCAN_ROWS);
  const lastRow = topRow + visibleRows + 1 + OVERSCAN_ROWS;

  const position = useCallback(
    (index: number) => ({
      left: PAD + (index % columns) * (cellWidth + GAP),
      top: PAD + Math.floor(index / columns) * rowHeight,
    }),
    [columns, cellWidth, rowHeight],
  );

  const contentHeight = useCallback(
    (total: number) => (total === 0 ? 0 : 2 * PAD + Math.ceil(total / columns) * rowHeight - GAP),
    [columns, rowHeight],
  );

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = ref.current;
      if (!el || index < 0) return;
      const top = PAD + Math.floor(index / columns) * rowHeight;
      if (top - PAD < el.scrollTop) el.scrollTop = top - PAD;
      else if (top + CELL_HEIGHT + PAD > el.scrollTop + el.clientHeight) el.scrollTop = top + CELL_HEIGHT + PAD - el.clientHeight;
    },
    [columns, rowHeight],
  );

  const onScroll = useCallback(
    (e: UIEvent<HTMLDivElement>) => setTopRow(Math.max(0, Math.floor((e.currentTarget.scrollTop - PAD) / rowHeight))),
    [rowHeight],
  );

  const layout: GridLayout = {
    onScroll,
    columns,
    cellWidth,
    rowHeight,
    visibleRows,
    start: firstRow * columns,
    end: (lastRow + 1) * columns,
    position,
    contentHeight,
    scrollToIndex,
  };
  return { ref, layout };
}
