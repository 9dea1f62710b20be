import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import * as api from '../../api';
import type {
  ColumnSummary,
  DatasetInfo,
  Decision,
  Finding,
  FindingPage,
  PhiKind,
  ReviewSelection,
  Role,
  ScanSummary,
} from '../../types';
import { formatCount, formatDateShort, plural } from '../../format';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Grid, PAGE_SIZE, type CellDecoration, type GridHandle } from '../Dataset/Grid';
import { PageCache } from '../Dataset/pageCache';
import { pagesForRange } from '../Dataset/windowing';
import { FindingIndex } from './highlight';
import { kindStyle, kindText, statusLabel } from './kinds';
import { DEFAULT_FILTER, emptyState, type FindingFilterState } from './filters';
import { directKinds, pageRangeText, scanSummaryText, totalFindings } from './summary';
import { columnFinding, findingsInRows } from './cellFindings';
import { cellTitle, HighlightedText } from './HighlightedText';
import { ColumnBadge } from './ColumnBadge';
import { ColumnList } from './ColumnList';
import { FindingFilters } from './FindingFilters';
import { FindingList } from './FindingList';
import { KindLegend } from './KindLegend';
import { ScanPanel } from './ScanPanel';
import { TextViewer, type ViewedCell } from './TextViewer';

/** Findings per page of the list. */
export const FINDINGS_PAGE_SIZE = 100;
const CELL_CACHE_PAGES = 40;
const CELL_FETCH_DELAY_MS = 40;

interface Props {
  datasetId: number;
  /** Null: the latest version. */
  version: number | null;
  /** The user's roles: scanning and reviewing need the analyst role. */
  roles: readonly Role[];
  onBack: () => void;
}

/** What the analyst last decided, for the status line. */
function outcomeText(decision: Decision, n: number, where: string): string {
  if (n === 0) return 'No findings were changed.';
  return `${decision === 'accepted' ? 'Accepted' : 'Rejected'} ${plural(n, 'finding')}${where}.`;
}

/**
 * PHI review of one dataset version: the grid with PHI highlighted by kind, the
 * columns' classifications, the findings list with filters and accept/reject, and
 * the text of the selected finding's cell.
 */
export function ReviewScreen({ datasetId, version, roles, onBack }: Props) {
  const isAnalyst = roles.includes('analyst');
  const [info, setInfo] = useState<DatasetInfo | null>(null);
  /** null while loading; [] when the version was never scanned. */
  const [columns, setColumns] = useState<ColumnSummary[] | null>(null);
  const [scan, setScan] = useState<ScanSummary | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [scanGeneration, setScanGeneration] = useState(0);
  const [rescanOpen, setRescanOpen] = useState(false);
  const [scanMessage, setScanMessage] = useState<string | null>(null);

  const [filter, setFilter] = useState<FindingFilterState>(DEFAULT_FILTER);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<FindingPage | null>(null);
  const [pageError, setPageError] = useState<unknown>(null);
  const [listGeneration, setListGeneration] = useState(0);
  const [selected, setSelected] = useState(-1);
  const [viewerOpen, setViewerOpen] = useState(true);

  const [reason, setReason] = useState('');
  const [deciding, setDeciding] = useState(false);
  const [decideError, setDecideError] = useState<unknown>(null);
  const [decided, setDecided] = useState<string | null>(null);

  const [viewed, setViewed] = useState<ViewedCell | null>(null);
  const gridRef = useRef<GridHandle>(null);

  // Findings known for cells and columns; a new scan starts a new index.
  const index = useMemo(() => new FindingIndex(), [scanGeneration]); // eslint-disable-line react-hooks/exhaustive-deps
  const [indexVersion, bumpIndex] = useReducer((n: number) => n + 1, 0);

  const shownVersion = info?.version ?? null;
  const scanned = columns !== null && columns.length > 0;

  // The version and its current scan.
  useEffect(() => {
    let alive = true;
    setLoadError(null);
    setColumns(null);
    (async () => {
      const nextInfo = await api.datasetInfo(datasetId, version);
      if (!alive) return;
      setInfo(nextInfo);
      const summary = await api.scanSummary(datasetId, nextInfo.version);
      if (!alive) return;
      setScan(summary);
      const cols = summary?.columns ?? [];
      setColumns(cols);
      // Direct columns are highlighted by their whole-column finding's status.
      const direct = cols.filter((c) => c.class === 'direct' && c.n_findings > 0);
      const found = await Promise.all(
        direct.map((c) => columnFinding(api.listFindings, datasetId, nextInfo.version, c.column)),
      );
      if (!alive) return;
      index.add(found.filter((f): f is Finding => f !== null));
      bumpIndex();
    })().catch((e: unknown) => {
      if (alive) setLoadError(e);
    });
    return () => {
      alive = false;
    };
  }, [datasetId, version, scanGeneration, index]);

  // What to select once the next page arrives: after a decision, or a page turned by keyboard.
  const selectAfterLoad = useRef<{ after: number; index: number } | 'first' | 'last' | null>(null);

  // The page of findings the filter asks for.
  const queryKey = JSON.stringify({ filter, offset });
  useEffect(() => {
    if (!scanned || shownVersion === null) return;
    let alive = true;
    setPageError(null);
    api
      .listFindings({
        dataset: datasetId,
        version: shownVersion,
        column: filter.column,
        kinds: filter.kinds,
        status: filter.status === 'all' ? null : filter.status,
        minConfidence: filter.minConfidence > 0 ? filter.minConfidence : null,
        rows: null,
        offset,
        limit: FINDINGS_PAGE_SIZE,
      })
      .then((result) => {
        if (!alive) return;
        const count = result.findings.length;
        // A decision emptied the last page: show the page before it.
        if (count === 0 && offset > 0 && result.total > 0) {
          setOffset(Math.floor((result.total - 1) / FINDINGS_PAGE_SIZE) * FINDINGS_PAGE_SIZE);
          return;
        }
        index.add(result.findings);
        bumpIndex();
        setPage(result);
        const want = selectAfterLoad.current;
        selectAfterLoad.current = null;
        setSelected((prev) => {
          if (count === 0) return -1;
          if (want === 'first') return 0;
          if (want === 'last') return count - 1;
          if (want) {
            // After a decision: the next finding, whether the decided one stayed or left the list.
            const pos = result.findings.findIndex((f) => f.finding === want.after);
            return pos >= 0 ? Math.min(pos + 1, count - 1) : Math.min(want.index, count - 1);
          }
          return prev >= count ? count - 1 : prev;
        });
      })
      .catch((e: unknown) => {
        if (alive) setPageError(e);
      });
    return () => {
      alive = false;
    };
    // queryKey stands for filter and offset.
  }, [datasetId, shownVersion, scanned, queryKey, listGeneration, index]); // eslint-disable-line react-hooks/exhaustive-deps

  const findings = page?.findings ?? [];
  const selectedFinding = selected >= 0 && selected < findings.length ? findings[selected] : null;

  // Span findings of the rows the grid shows, fetched per grid page.
  const hasSpans = columns?.some((c) => c.class !== 'direct' && c.n_findings > 0) ?? false;
  const cellCache = useMemo(() => {
    if (!hasSpans || shownVersion === null) return null;
    return new PageCache<true>(async (p) => {
      const first = p * PAGE_SIZE;
      const found = await findingsInRows(api.listFindings, datasetId, shownVersion, first, first + PAGE_SIZE - 1);
      index.add(found);
      return true;
    }, CELL_CACHE_PAGES);
  }, [hasSpans, shownVersion, datasetId, index]);
  useEffect(() => {
    if (!cellCache) return;
    const unsubscribe = cellCache.subscribe(bumpIndex);
    return () => {
      unsubscribe();
      cellCache.dispose();
    };
  }, [cellCache]);
  const renderedRows = useRef<{ first: number; last: number } | null>(null);
  const cellTimer = useRef<number | null>(null);
  const onRowsRendered = useCallback(
    (first: number, last: number) => {
      renderedRows.current = { first, last };
      if (!cellCache) return;
      if (cellTimer.current !== null) window.clearTimeout(cellTimer.current);
      cellTimer.current = window.setTimeout(() => {
        cellTimer.current = null;
        cellCache.ensure(pagesForRange(first, last, PAGE_SIZE));
      }, CELL_FETCH_DELAY_MS);
    },
    [cellCache],
  );
  useEffect(() => {
    // Rows already on screen when the cache appears.
    const rows = renderedRows.current;
    if (cellCache && rows) cellCache.ensure(pagesForRange(rows.first, rows.last, PAGE_SIZE));
    return () => {
      if (cellTimer.current !== null) window.clearTimeout(cellTimer.current);
    };
  }, [cellCache]);

  // Selecting a finding scrolls the grid to it and opens its cell in the viewer.
  const selectedKey = selectedFinding ? `${selectedFinding.finding}:${selectedFinding.row}:${selectedFinding.column}` : '';
  useEffect(() => {
    if (!selectedFinding) return;
    setViewerOpen(true);
    gridRef.current?.scrollToCell(selectedFinding.row, selectedFinding.column);
  }, [selectedKey]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!selectedFinding || selectedFinding.row === null || shownVersion === null) {
      setViewed(null);
      return;
    }
    const { row, column } = selectedFinding;
    let alive = true;
    setViewed({ row, column, text: null, findings: [selectedFinding], error: null });
    Promise.all([
      api.datasetPage(datasetId, shownVersion, row, 1),
      findingsInRows(api.listFindings, datasetId, shownVersion, row, row, column),
    ])
      .then(([rows, found]) => {
        if (!alive) return;
        index.add(found);
        bumpIndex();
        const text = rows.rows[0]?.[column] ?? '';
        setViewed({ row, column, text, findings: found.length > 0 ? found : [selectedFinding], error: null });
      })
      .catch((e: unknown) => {
        if (alive) setViewed({ row, column, text: null, findings: [], error: e });
      });
    return () => {
      alive = false;
    };
  }, [selectedKey, shownVersion, datasetId]); // eslint-disable-line react-hooks/exhaustive-deps

  const columnName = useCallback(
    (c: number) => columns?.[c]?.name || info?.columns[c]?.name || `column ${c + 1}`,
    [columns, info],
  );

  const decide = async (selection: ReviewSelection, decision: Decision, where: string, afterFinding?: number) => {
    if (deciding) return;
    setDeciding(true);
    setDecideError(null);
    setDecided(null);
    try {
      const trimmed = reason.trim();
      const outcome = await api.reviewFindings({
        dataset: datasetId,
        version: shownVersion,
        selection,
        decision,
        reason: trimmed === '' ? null : trimmed,
        // The scan on screen: refused if the version was scanned again meanwhile.
        scan: page?.scan ?? scan?.scan ?? null,
      });
      index.setStatus(outcome.findings, outcome.status);
      bumpIndex();
      setDecided(outcomeText(decision, outcome.n_findings, where));
      if (afterFinding !== undefined) selectAfterLoad.current = { after: afterFinding, index: selected };
      setListGeneration((n) => n + 1);
    } catch (e) {
      setDecideError(e);
    } finally {
      setDeciding(false);
    }
  };

  const decideFinding = (i: number, decision: Decision) => {
    const f = findings[i];
    if (!f) return;
    void decide({ ids: [f.finding] }, decision, '', f.finding);
  };

  const decideColumn = (c: ColumnSummary, decision: Decision) => {
    void decide({ column: c.column }, decision, ` in column ${c.name}`);
  };

  const changeFilter = (next: FindingFilterState) => {
    setFilter(next);
    setOffset(0);
    setSelected(-1);
  };

  const showColumn = (c: ColumnSummary) => {
    changeFilter({ ...filter, column: c.column });
    gridRef.current?.scrollToCell(null, c.column);
  };

  const onScanned = (summary: ScanSummary) => {
    setRescanOpen(false);
    setFilter(DEFAULT_FILTER);
    setOffset(0);
    setSelected(-1);
    setPage(null);
    setDecided(null);
    setScanMessage(
      summary.n_findings === 0
        ? 'Scan complete: no PHI found.'
        : `Scan complete: ${plural(summary.n_findings, 'finding')} to review.`,
    );
    setScanGeneration((n) => n + 1);
  };

  // Grid cells: direct columns in their kind's colour, spans inside free-text cells.
  const columnsByIndex = columns ?? [];
  const decorateCell = useCallback(
    (row: number, column: number, value: string): CellDecoration | null => {
      const summary = columnsByIndex[column];
      if (summary?.class === 'direct' && summary.kind) {
        const status = index.column(column)?.status ?? 'pending';
        return {
          className: `phi-cell phi-${status}`,
          style: kindStyle(summary.kind),
          title: `${value}\n— ${kindText(summary.kind)} column (${statusLabel(status).toLowerCase()})`,
        };
      }
      const spans = index.cell(row, column);
      if (spans.length === 0) return null;
      return {
        className: 'phi-cell-spans',
        content: (
          <HighlightedText text={value} findings={spans} selected={selectedFinding?.finding ?? null} />
        ),
        title: cellTitle(value, spans),
      };
    },
    // indexVersion: the index changed in place.
    [columnsByIndex, index, indexVersion, selectedFinding], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const headerExtra = useCallback(
    (column: number) => {
      const summary = columnsByIndex[column];
      if (!summary || (summary.class === 'none' && summary.kind === null)) return null;
      const status = summary.class === 'direct' ? (index.column(column)?.status ?? null) : null;
      return <ColumnBadge column={summary} status={status} idPrefix="grid" />;
    },
    [columnsByIndex, index, indexVersion], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const fetchRows = useCallback(
    (off: number, limit: number) => api.datasetPage(datasetId, shownVersion, off, limit),
    [datasetId, shownVersion],
  );

  // Kinds to explain in the legend: those the grid can paint (direct columns, the scan's findings).
  const legendKinds = useMemo(() => {
    const kinds = new Set<PhiKind>(directKinds(columnsByIndex));
    for (const k of Object.keys(scan?.by_kind ?? {})) kinds.add(k as PhiKind);
    for (const f of findings) kinds.add(f.kind);
    return kinds;
  }, [columnsByIndex, scan, findings]);

  const reviewColumns = columnsByIndex.filter((c) => c.class !== 'none' || c.n_findings > 0);
  const withFindings = columnsByIndex.filter((c) => c.n_findings > 0);
  const scanTotal = totalFindings(columnsByIndex);
  const empty = page ? emptyState(findings.length, scanTotal, filter) : null;
  const viewerFindings = (viewed?.findings ?? []).map((f) => index.get(f.finding) ?? f);

  return (
    <section className="screen screen-review" aria-labelledby="review-title">
      <div className="dataset-header">
        <button id="review-back" type="button" className="btn btn-secondary" onClick={onBack}>
          ← Back to dataset
        </button>
        <div className="dataset-heading">
          <h1 id="review-title">PHI review</h1>
          {info && (
            <p id="review-dataset" className="muted">
              {info.name} · version {formatCount(info.version)}
              {info.version === info.versions ? ' (latest)' : ` of ${formatCount(info.versions)}`}
            </p>
          )}
        </div>
        {scanned && !rescanOpen && (
          <button id="rescan-open" type="button" className="btn btn-secondary" onClick={() => setRescanOpen(true)}>
            Scan again…
          </button>
        )}
      </div>

      <ErrorMessage id="review-error" error={loadError} />

      {info && scanned && rescanOpen && (
        <div id="rescan-panel" className="panel notice-panel">
          <p>
            Scanning again starts a new review: the new findings start as pending. Decisions on the current scan stay
            in the vault and the audit trail.
          </p>
          <ScanPanel
            dataset={info.dataset}
            version={info.version}
            canScan={isAnalyst}
            startLabel="Scan again"
            onScanned={onScanned}
            onDismiss={() => setRescanOpen(false)}
          />
        </div>
      )}

      {!loadError && (info === null || columns === null) && <p className="muted">Loading the review…</p>}

      {info && columns !== null && !scanned && (
        <div id="review-not-scanned" className="panel review-empty">
          <h2>This version has not been scanned for PHI yet</h2>
          <p className="muted">
            A scan classifies every column (names, dates, record numbers and the other Safe Harbor identifiers) and finds
            identifiers inside free text. The findings are stored encrypted in the workspace for you to review.
          </p>
          <ScanPanel
            dataset={info.dataset}
            version={info.version}
            canScan={isAnalyst}
            startLabel="Scan for PHI"
            onScanned={onScanned}
          />
        </div>
      )}

      {info && scanned && (
        <>
          <p id="review-summary" className="review-summary">
            {scanSummaryText(columnsByIndex)}
          </p>
          {scan && (
            <p id="review-scanned" className="muted review-scanned">
              Scanned by {scan.created_by} on <time dateTime={scan.created_at}>{formatDateShort(scan.created_at)}</time>
            </p>
          )}
          <p id="scan-message" role="status" className={scanMessage ? 'status-line review-scan-message' : 'status-line empty'}>
            {scanMessage}
          </p>
          {scanTotal === 0 && (
            <p id="review-nothing" className="notice">
              The scan found no PHI in this version: no column holds direct identifiers and the free text has no
              findings. Check the column classifications below before relying on this.
            </p>
          )}
          <KindLegend kinds={legendKinds} />
          <div className="review-layout">
            <div className="review-main">
              <Grid
                key={`${info.dataset}:${info.version}:${scanGeneration}`}
                ref={gridRef}
                label={`${info.name}, version ${info.version}, PHI highlighted`}
                columns={info.columns}
                totalRows={info.total_rows}
                fetchRows={fetchRows}
                decorateCell={decorateCell}
                headerExtra={headerExtra}
                selectedCell={
                  selectedFinding && selectedFinding.row !== null
                    ? { row: selectedFinding.row, column: selectedFinding.column }
                    : null
                }
                onRowsRendered={onRowsRendered}
              />
              {viewerOpen && (
                <TextViewer
                  finding={selectedFinding ? (index.get(selectedFinding.finding) ?? selectedFinding) : null}
                  cell={viewed ? { ...viewed, findings: viewerFindings } : null}
                  columnName={columnName}
                  onClose={() => setViewerOpen(false)}
                />
              )}
            </div>

            <aside className="review-side" aria-label="Findings">
              <section className="panel review-section" aria-labelledby="findings-title">
                <h2 id="findings-title">Findings</h2>
                <FindingFilters filter={filter} onChange={changeFilter} columns={withFindings} />
                <div className="field review-reason">
                  <label htmlFor="review-reason">Reason (optional)</label>
                  <input
                    id="review-reason"
                    type="text"
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    placeholder="Recorded with each decision"
                    aria-describedby="review-reason-hint"
                  />
                  <p id="review-reason-hint" className="field-hint">
                    Sent with every accept or reject until you change it.
                  </p>
                </div>
                {!isAnalyst && (
                  <p id="review-role-hint" className="field-hint">
                    Accepting and rejecting findings needs the analyst role.
                  </p>
                )}
                <p id="review-decided" role="status" className={decided ? 'status-line' : 'status-line empty'}>
                  {decided}
                </p>
                <ErrorMessage id="review-decide-error" error={decideError} />
                {decideError !== null && (
                  <button
                    id="review-reload"
                    type="button"
                    className="btn btn-secondary btn-small"
                    onClick={() => {
                      setDecideError(null);
                      setPage(null);
                      setSelected(-1);
                      setScanGeneration((n) => n + 1);
                    }}
                  >
                    Reload the review
                  </button>
                )}
                <ErrorMessage id="findings-error" error={pageError} />

                {page === null && !pageError && <p className="muted">Loading findings…</p>}
                {empty === 'no-findings' && (
                  <p id="findings-empty" className="empty-state">
                    The scan found nothing to review.
                  </p>
                )}
                {empty === 'filtered' && (
                  <div id="findings-filtered" className="empty-state">
                    <p>No finding matches these filters.</p>
                    <button type="button" className="btn btn-secondary btn-small" onClick={() => changeFilter(DEFAULT_FILTER)}>
                      Clear filters
                    </button>
                  </div>
                )}
                {page && findings.length > 0 && (
                  <>
                    <FindingList
                      findings={findings}
                      selected={selected}
                      columnName={columnName}
                      canDecide={isAnalyst}
                      deciding={deciding}
                      hasPrevPage={page.offset > 0}
                      hasNextPage={page.offset + findings.length < page.total}
                      onSelect={setSelected}
                      onPage={(delta, select) => {
                        selectAfterLoad.current = select;
                        setOffset((o) => Math.max(0, o + delta * FINDINGS_PAGE_SIZE));
                      }}
                      onDecide={decideFinding}
                      onJump={(i) => {
                        const f = findings[i];
                        if (f) gridRef.current?.scrollToCell(f.row, f.column);
                        setViewerOpen(true);
                      }}
                    />
                  </>
                )}
                {page && (page.total > 0 || page.offset > 0) && (
                  <div className="pager">
                    <button
                      id="findings-prev"
                      type="button"
                      className="btn btn-secondary btn-small"
                      disabled={page.offset === 0}
                      onClick={() => {
                        setSelected(-1);
                        setOffset((o) => Math.max(0, o - FINDINGS_PAGE_SIZE));
                      }}
                    >
                      Previous
                    </button>
                    <span id="findings-range" className="muted">
                      {pageRangeText(page.offset, findings.length, page.total)}
                    </span>
                    <button
                      id="findings-next"
                      type="button"
                      className="btn btn-secondary btn-small"
                      disabled={page.offset + findings.length >= page.total}
                      onClick={() => {
                        setSelected(-1);
                        setOffset((o) => o + FINDINGS_PAGE_SIZE);
                      }}
                    >
                      Next
                    </button>
                  </div>
                )}
              </section>

              <section className="panel review-section" aria-labelledby="columns-title">
                <h2 id="columns-title">Columns</h2>
                <ColumnList
                  columns={reviewColumns}
                  columnStatus={(c) => index.column(c)?.status ?? null}
                  canDecide={isAnalyst}
                  deciding={deciding}
                  onDecide={decideColumn}
                  onShow={showColumn}
                />
              </section>
            </aside>
          </div>
        </>
      )}
    </section>
  );
}
