// Windowing math for the virtualized grid. Pure functions, no DOM.
//
// Rows have a fixed height. The scroll container holds a spacer whose height
// is rowCount × rowHeight, except that browsers cap element heights (around
// 16.7 million px in some engines), so above MAX_SCROLL_HEIGHT the spacer is
// capped and the scroll position is mapped proportionally to a row index:
// scrollTop 0 shows row 0 at the top, the largest scrollTop shows the last row
// at the bottom, and everything in between is linear. Rendered rows are placed
// relative to the current scrollTop so they line up with the viewport.

export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface WindowInput {
  /** Number of data rows. */
  rowCount: number;
  /** Fixed row height in px (> 0). */
  rowHeight: number;
  /** Height in px of the area that shows rows (excluding the sticky header). */
  viewportHeight: number;
  /** Current scrollTop of the container. */
  scrollTop: number;
  /** Extra rows rendered above and below the visible ones. */
  overscan?: number;
  /** Height cap for the spacer; defaults to MAX_SCROLL_HEIGHT. */
  maxHeight?: number;
}

export interface WindowGeometry {
  /** Height of the spacer element. */
  spacerHeight: number;
  /** Whether the scroll position is scaled (total height above the cap). */
  scaled: boolean;
  /** Largest valid scrollTop. */
  maxScrollTop: number;
}

export interface VisibleWindow extends WindowGeometry {
  /** Fractional index of the row at the top edge of the viewport. */
  firstExact: number;
  /** First row (at least partly) visible, or -1 when there are no rows. */
  first: number;
  /** Last row (at least partly) visible, inclusive, or -1 when there are no rows. */
  last: number;
  /** First row to render (first minus overscan, clamped). */
  renderFirst: number;
  /** Last row to render, inclusive (last plus overscan, clamped). */
  renderLast: number;
  /** Top in px (spacer coordinates) of row 0; row i is at rowOffset + i × rowHeight. */
  rowOffset: number;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

export function geometry(
  rowCount: number,
  rowHeight: number,
  viewportHeight: number,
  maxHeight: number = MAX_SCROLL_HEIGHT,
): WindowGeometry {
  const total = Math.max(0, rowCount) * rowHeight;
  const scaled = total > maxHeight;
  const spacerHeight = scaled ? maxHeight : total;
  const maxScrollTop = Math.max(0, spacerHeight - Math.max(0, viewportHeight));
  return { spacerHeight, scaled, maxScrollTop };
}

/** Largest fractional index that may sit at the top of the viewport. */
function maxFirstExact(rowCount: number, rowHeight: number, viewportHeight: number): number {
  return Math.max(0, rowCount - Math.max(0, viewportHeight) / rowHeight);
}

/** Fractional row index at the top of the viewport for a scrollTop. */
export function rowAtScrollTop(
  scrollTop: number,
  rowCount: number,
  rowHeight: number,
  viewportHeight: number,
  maxHeight: number = MAX_SCROLL_HEIGHT,
): number {
  const g = geometry(rowCount, rowHeight, viewportHeight, maxHeight);
  const top = clamp(scrollTop, 0, g.maxScrollTop);
  if (!g.scaled) return top / rowHeight;
  if (g.maxScrollTop <= 0) return 0;
  return (top / g.maxScrollTop) * maxFirstExact(rowCount, rowHeight, viewportHeight);
}

/** The scrollTop that puts (fractional) row `row` at the top of the viewport. */
export function scrollTopForRow(
  row: number,
  rowCount: number,
  rowHeight: number,
  viewportHeight: number,
  maxHeight: number = MAX_SCROLL_HEIGHT,
): number {
  const g = geometry(rowCount, rowHeight, viewportHeight, maxHeight);
  const maxFirst = maxFirstExact(rowCount, rowHeight, viewportHeight);
  const r = clamp(row, 0, maxFirst);
  if (!g.scaled) return clamp(r * rowHeight, 0, g.maxScrollTop);
  if (maxFirst <= 0) return 0;
  return (r / maxFirst) * g.maxScrollTop;
}

export function visibleWindow(input: WindowInput): VisibleWindow {
  const { rowCount, rowHeight, viewportHeight } = input;
  const overscan = Math.max(0, Math.floor(input.overscan ?? 0));
  const maxHeight = input.maxHeight ?? MAX_SCROLL_HEIGHT;
  const g = geometry(rowCount, rowHeight, viewportHeight, maxHeight);
  const scrollTop = clamp(input.scrollTop, 0, g.maxScrollTop);

  if (rowCount <= 0) {
    return {
      ...g,
      firstExact: 0,
      first: -1,
      last: -1,
      renderFirst: 0,
      renderLast: -1,
      rowOffset: 0,
    };
  }

  const firstExact = rowAtScrollTop(scrollTop, rowCount, rowHeight, viewportHeight, maxHeight);
  const first = clamp(Math.floor(firstExact), 0, rowCount - 1);
  const bottomExact = firstExact + Math.max(0, viewportHeight) / rowHeight;
  // A row is visible when its top is above the bottom edge.
  const last = clamp(Math.ceil(bottomExact) - 1, first, rowCount - 1);
  return {
    ...g,
    firstExact,
    first,
    last,
    renderFirst: Math.max(0, first - overscan),
    renderLast: Math.min(rowCount - 1, last + overscan),
    rowOffset: scrollTop - firstExact * rowHeight,
  };
}

/** Page indices (page = floor(row / pageSize)) covering rows first..last inclusive. */
export function pagesForRange(first: number, last: number, pageSize: number): number[] {
  if (last < first || first < 0) return [];
  const pages: number[] = [];
  for (let p = Math.floor(first / pageSize); p <= Math.floor(last / pageSize); p++) pages.push(p);
  return pages;
}
