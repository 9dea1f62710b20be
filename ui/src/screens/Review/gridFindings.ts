// The findings behind the grid's highlights: span findings of the rows on screen,
// fetched per grid page, and the text of the selected finding's cell.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import * as api from '../../api';
import type { Finding } from '../../types';
import { PAGE_SIZE } from '../Dataset/Grid';
import { PageCache } from '../Dataset/pageCache';
import { pagesForRange } from '../Dataset/windowing';
import type { FindingIndex } from './highlight';
import { findingsInRows } from './cellFindings';
import type { ViewedCell } from './TextViewer';

const CELL_CACHE_PAGES = 40;
const CELL_FETCH_DELAY_MS = 40;

/**
 * Loads the span findings of the rows the grid renders into `index` (when the scan has
 * any) and calls `onChange` as they arrive. Returns the grid's onRowsRendered.
 */
export function useGridFindings(
  index: FindingIndex,
  dataset: number,
  version: number | null,
  hasSpans: boolean,
  onChange: () => void,
): (first: number, last: number) => void {
  const cache = useMemo(() => {
    if (!hasSpans || version === null) return null;
    return new PageCache<true>(async (p) => {
      const first = p * PAGE_SIZE;
      index.add(await findingsInRows(api.listFindings, dataset, version, first, first + PAGE_SIZE - 1));
      return true;
    }, CELL_CACHE_PAGES);
  }, [hasSpans, version, dataset, index]);

  useEffect(() => {
    if (!cache) return;
    const unsubscribe = cache.subscribe(onChange);
    return () => {
      unsubscribe();
      cache.dispose();
    };
  }, [cache, onChange]);

  const rendered = useRef<{ first: number; last: number } | null>(null);
  const timer = useRef<number | null>(null);
  useEffect(() => {
    // Rows already on screen when the cache appears.
    const rows = rendered.current;
    if (cache && rows) cache.ensure(pagesForRange(rows.first, rows.last, PAGE_SIZE));
    return () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, [cache]);

  return useCallback(
    (first: number, last: number) => {
      rendered.current = { first, last };
      if (!cache) return;
      if (timer.current !== null) window.clearTimeout(timer.current);
      // Like the grid's own rows: fetch once scrolling settles briefly.
      timer.current = window.setTimeout(() => {
        timer.current = null;
        cache.ensure(pagesForRange(first, last, PAGE_SIZE));
      }, CELL_FETCH_DELAY_MS);
    },
    [cache],
  );
}

/**
 * The text and every span finding of the selected finding's cell, for the viewer;
 * null for no selection or a whole-column finding. Findings found are added to `index`.
 */
export function useViewedCell(
  index: FindingIndex,
  dataset: number,
  version: number | null,
  selected: Finding | null,
  onChange: () => void,
): ViewedCell | null {
  const [viewed, setViewed] = useState<ViewedCell | null>(null);
  const key = selected && selected.row !== null ? `${selected.finding}:${selected.row}:${selected.column}` : '';
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  useEffect(() => {
    const finding = selectedRef.current;
    if (!finding || finding.row === null || version === null) {
      setViewed(null);
      return;
    }
    const { row, column } = finding;
    let alive = true;
    setViewed({ row, column, text: null, findings: [finding], error: null });
    Promise.all([
      api.datasetPage(dataset, version, row, 1),
      findingsInRows(api.listFindings, dataset, version, row, row, column),
    ])
      .then(([rows, found]) => {
        if (!alive) return;
        index.add(found);
        onChange();
        const text = rows.rows[0]?.[column] ?? '';
        setViewed({ row, column, text, findings: found.length > 0 ? found : [finding], error: null });
      })
      .catch((e: unknown) => {
        if (alive) setViewed({ row, column, text: null, findings: [], error: e });
      });
    return () => {
      alive = false;
    };
  }, [key, dataset, version, index, onChange]);

  return viewed;
}
