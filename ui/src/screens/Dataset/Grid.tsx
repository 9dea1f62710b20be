import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
} from 'react';
import type { ColumnInfo, Page } from '../../types';
import { formatCount } from '../../format';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageCache } from './pageCache';
import { pagesForRange, rowAtScrollTop, scrollTopForRow, visibleWindow } from './windowing';
import { ROW_NUMBER_WIDTH, TYPE_NAMES, TYPE_TAGS, columnWidth, isNumeric } from './columns';

export const ROW_HEIGHT = 28;
export const HEADER_HEIGHT = 36;
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
}

/**
 * Virtualized, read-only grid. Only the visible rows (plus overscan) are in the
 * DOM; rows are fetched in pages of PAGE_SIZE on demand. Remount it (React key)
 * when the dataset or version changes so the page cache starts empty.
 */
export function Grid({ label, columns, totalRows, fetchRows }: GridProps) {
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
    (clientHeight > 0 ? clientHeight : FALLBACK_VIEWPORT) - HEADER_HEIGHT,
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
          return (
            <div
              key={c}
              className={`grid-cell${isNumeric(col) ? ' grid-cell-num' : ''}`}
              role="cell"
              title={value}
            >
              {value}
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
        <div className="grid-header" role="row" aria-rowindex={1} style={rowStyleBase}>
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
              <span className="grid-col-name">{col.name}</span>
              <span className={`type-tag type-${col.type}`}>{TYPE_TAGS[col.type] ?? col.type}</span>
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
