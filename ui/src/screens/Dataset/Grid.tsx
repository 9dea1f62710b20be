import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
} from 'react';
import type { ColumnInfo, Page } from '../../types';
import { formatCount } from '../../format';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageCache } from './pageCache';
import { pagesForRange, rowAtScrollTop, scrollTopForRow, visibleWindow } from './windowing';
import { ROW_NUMBER_WIDTH, TYPE_NAMES, TYPE_TAGS, columnWidth, isNumeric } from './columns';

export const ROW_HEIGHT = 28;
export const HEADER_HEIGHT = 36;
/** Header height with a second line (e.g. PHI badges under the column names). */
export const TALL_HEADER_HEIGHT = 58;
export const PAGE_SIZE = 200;
const OVERSCAN = 10;
const CACHE_PAGES = 40;
const FETCH_DELAY_MS = 40;
const FALLBACK_VIEWPORT = 480;

export interface GridProps {
  label: string;
  columns: ColumnInfo[];
  totalRows: number;
  /** Fetches rows offset..offset+limit-1. */
  fetchRows: (offset: number, limit: number) => Promise<Page>;
  /** Changes how a loaded cell looks: extra class, style, content, tooltip. */
  decorateCell?: (row: number, column: number, value: string) => CellDecoration | null;
  /** Shown under a column's name in a taller header (e.g. a PHI badge). */
  headerExtra?: (column: number) => ReactNode;
  /** The cell drawn as selected. */
  selectedCell?: { row: number; column: number } | null;
  /** Told the rows rendered (overscan included), first..last inclusive. */
  onRowsRendered?: (first: number, last: number) => void;
  ref?: Ref<GridHandle>;
}

/** How a cell differs from a plain one. */
export interface CellDecoration {
  className?: string;
  style?: CSSProperties;
  /** Replaces the value as the cell's content (the value stays the tooltip unless `title` is set). */
  content?: ReactNode;
  title?: string;
}

/** What a parent can ask of the grid. */
export interface GridHandle {
  /** Scrolls so the cell is in view: the row near the top third, the column fully visible. */
  scrollToCell: (row: number | null, column: number) => void;
  focus: () => void;
}

/**
 * Virtualized, read-only grid. Only the visible rows (plus overscan) are in the
 * DOM; rows are fetched in pages of PAGE_SIZE on demand. Remount it (React key)
 * when the dataset or version changes so the page cache starts empty.
 */
export function Grid({
  label,
  columns,
  totalRows,
  fetchRows,
  decorateCell,
  headerExtra,
  selectedCell,
  onRowsRendered,
  ref,
}: GridProps) {
  const headerHeight = headerExtra ? TALL_HEADER_HEIGHT : HEADER_HEIGHT;
  const containerRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [clientHeight, setClientHeight] = useState(0);
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  const fetchRef = useRef(fetchRows);
  fetchRef.current = fetchRows;
  const [cache] = useState(
    () =>
      new PageCache<Page>((index) => {
        const offset = index * PAGE_SIZE;
        const limit = Math.max(0, Math.min(PAGE_SIZE, totalRows - offset));
        return fetchRef.current(offset, limit);
      }, CACHE_PAGES),
  );
  useEffect(() => cache.subscribe(rerender), [cache]);

  // Track the container's height.
  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const measure = () => setClientHeight(el.clientHeight);
    measure();
    if (typeof ResizeObserver !== 'undefined') {
      const ro = new ResizeObserver(measure);
      ro.observe(el);
      return () => ro.disconnect();
    }
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);

  const viewportHeight = Math.max(
    ROW_HEIGHT,
    (clientHeight > 0 ? clientHeight : FALLBACK_VIEWPORT) - headerHeight,
  );
  const win = visibleWindow({
    rowCount: totalRows,
    rowHeight: ROW_HEIGHT,
    viewportHeight,
    scrollTop,
    overscan: OVERSCAN,
  });

  // Fetch the pages under the rendered range, after scrolling settles briefly.
  const { renderFirst, renderLast } = win;
  useEffect(() => {
    const pages = pagesForRange(renderFirst, renderLast, PAGE_SIZE);
    if (pages.length === 0) return;
    const timer = window.setTimeout(() => cache.ensure(pages), FETCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [cache, renderFirst, renderLast]);

  const onRowsRenderedRef = useRef(onRowsRendered);
  onRowsRenderedRef.current = onRowsRendered;
  useEffect(() => {
    if (renderLast >= renderFirst) onRowsRenderedRef.current?.(renderFirst, renderLast);
  }, [renderFirst, renderLast]);

  const widths = useMemo(() => columns.map(columnWidth), [columns]);
  const totalWidth = ROW_NUMBER_WIDTH + widths.reduce((a, b) => a + b, 0);
  const template = `${ROW_NUMBER_WIDTH}px ${widths.map((w) => `${w}px`).join(' ')}`;
  const rowStyleBase: CSSProperties = { gridTemplateColumns: template, width: totalWidth };

  const onScroll = useCallback(() => {
    const el = containerRef.current;
    if (el) setScrollTop(el.scrollTop);
  }, []);

  const scrollToRow = useCallback(
    (row: number, direction: number) => {
      const el = containerRef.current;
      if (!el) return;
      let target = scrollTopForRow(row, totalRows, ROW_HEIGHT, viewportHeight);
      // When one row is less than a pixel of scroll, still move at least 1 px.
      if (direction !== 0 && Math.round(target) === Math.round(el.scrollTop)) {
        target = el.scrollTop + direction;
      }
      el.scrollTop = target;
      setScrollTop(el.scrollTop);
    },
    [totalRows, viewportHeight],
  );

  useImperativeHandle(
    ref,
    () => ({
      scrollToCell: (row, column) => {
        const el = containerRef.current;
        if (!el) return;
        if (row !== null) {
          const top = rowAtScrollTop(el.scrollTop, totalRows, ROW_HEIGHT, viewportHeight);
          const visibleRows = viewportHeight / ROW_HEIGHT;
          if (row < top || row + 1 > top + visibleRows) {
            scrollToRow(Math.max(0, row - Math.floor(visibleRows / 3)), 0);
          }
        }
        if (column >= 0 && column < widths.length) {
          const left = widths.slice(0, column).reduce((a, b) => a + b, 0);
          const right = left + widths[column];
          // The sticky row numbers cover the first ROW_NUMBER_WIDTH px of the view.
          const visibleWidth = Math.max(0, el.clientWidth - ROW_NUMBER_WIDTH);
          if (left < el.scrollLeft || (visibleWidth > 0 && right > el.scrollLeft + visibleWidth)) {
            el.scrollLeft = left;
          }
        }
      },
      focus: () => containerRef.current?.focus(),
    }),
    [scrollToRow, totalRows, viewportHeight, widths],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const el = containerRef.current;
      if (!el) return;
      const top = rowAtScrollTop(el.scrollTop, totalRows, ROW_HEIGHT, viewportHeight);
      const pageRows = Math.max(1, Math.floor(viewportHeight / ROW_HEIGHT) - 1);
      switch (event.key) {
        case 'ArrowDown':
          scrollToRow(Math.floor(top + 1e-6) + 1, 1);
          break;
        case 'ArrowUp':
          scrollToRow(Math.ceil(top - 1e-6) - 1, -1);
          break;
        case 'PageDown':
          scrollToRow(Math.floor(top + 1e-6) + pageRows, 1);
          break;
        case 'PageUp':
          scrollToRow(Math.ceil(top - 1e-6) - pageRows, -1);
          break;
        case 'Home':
          scrollToRow(0, 0);
          break;
        case 'End':
          scrollToRow(totalRows, 0);
          break;
        case 'ArrowRight':
          el.scrollLeft += 80;
          break;
        case 'ArrowLeft':
          el.scrollLeft -= 80;
          break;
        default:
          return;
      }
      event.preventDefault();
    },
    [scrollToRow, totalRows, viewportHeight],
  );

  const rows = [];
  for (let i = win.renderFirst; i <= win.renderLast; i++) {
    const page = cache.peek(Math.floor(i / PAGE_SIZE));
    const data = page ? page.rows[i - page.offset] : undefined;
    const top = win.rowOffset + i * ROW_HEIGHT;
    rows.push(
      <div
        key={i}
        className={`grid-row${i % 2 === 1 ? ' grid-row-alt' : ''}`}
        role="row"
        aria-rowindex={i + 2}
        data-row={i}
        style={{ ...rowStyleBase, transform: `translateY(${top}px)` }}
      >
        <div className="grid-rownum" role="rowheader">
          {formatCount(i + 1)}
        </div>
        {columns.map((col, c) => {
          if (!data) {
            return (
              <div key={c} className="grid-cell grid-cell-loading" role="cell" aria-busy="true">
                …
              </div>
            );
          }
          const value = data[c] ?? '';
          const deco = decorateCell?.(i, c, value) ?? null;
          const selected = selectedCell != null && selectedCell.row === i && selectedCell.column === c;
          const className = ['grid-cell', isNumeric(col) ? 'grid-cell-num' : '', deco?.className ?? '', selected ? 'grid-cell-selected' : '']
            .filter(Boolean)
            .join(' ');
          return (
            <div
              key={c}
              className={className}
              role="cell"
              title={deco?.title ?? value}
              style={deco?.style}
              data-column={c}
            >
              {deco?.content ?? value}
            </div>
          );
        })}
      </div>,
    );
  }

  const loadError = cache.firstError();

  return (
    <div className="grid-wrap">
      {loadError !== undefined && (
        <div className="grid-error-bar">
          <ErrorMessage id="grid-error" error={loadError} />
          <button type="button" className="btn btn-secondary" onClick={() => cache.clearErrors()}>
            Try again
          </button>
        </div>
      )}
      <div
        id="grid"
        ref={containerRef}
        className="grid"
        tabIndex={0}
        role="table"
        aria-label={label}
        aria-rowcount={totalRows + 1}
        aria-colcount={columns.length + 1}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      >
        <div
          className={headerExtra ? 'grid-header grid-header-tall' : 'grid-header'}
          role="row"
          aria-rowindex={1}
          style={rowStyleBase}
        >
          <div className="grid-rownum grid-header-cell" role="columnheader">
            <span className="visually-hidden">Row number</span>#
          </div>
          {columns.map((col, c) => (
            <div
              key={c}
              className={`grid-header-cell${isNumeric(col) ? ' grid-cell-num' : ''}`}
              role="columnheader"
              title={`${col.name} (${TYPE_NAMES[col.type] ?? col.type})`}
            >
              {headerExtra ? (
                <>
                  <span className="grid-header-line">
                    <span className="grid-col-name">{col.name}</span>
                    <span className={`type-tag type-${col.type}`}>{TYPE_TAGS[col.type] ?? col.type}</span>
                  </span>
                  <span className="grid-header-line">{headerExtra(c)}</span>
                </>
              ) : (
                <>
                  <span className="grid-col-name">{col.name}</span>
                  <span className={`type-tag type-${col.type}`}>{TYPE_TAGS[col.type] ?? col.type}</span>
                </>
              )}
            </div>
          ))}
        </div>
        <div
          className="grid-body"
          role="rowgroup"
          style={{ height: win.spacerHeight, width: totalWidth }}
        >
          {rows}
        </div>
      </div>
    </div>
  );
}
