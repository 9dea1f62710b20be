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
import type { GridHandle } from '../Dataset/Grid';
import { FindingIndex } from './highlight';
import { DEFAULT_FILTER, emptyState, type FindingFilterState } from './filters';
import { directKinds, scanSummaryText, totalFindings } from './summary';
import { columnFinding } from './cellFindings';
import { selectionAfterLoad, type SelectAfterLoad } from './keys';
import { useGridFindings, useViewedCell } from './gridFindings';
import { ReviewGrid } from './ReviewGrid';
import { ColumnList } from './ColumnList';
import { FindingsPanel } from './FindingsPanel';
import { KindLegend } from './KindLegend';
import { ScanPanel } from './ScanPanel';
import { TextViewer } from './TextViewer';

/** Findings per page of the list. */
export const FINDINGS_PAGE_SIZE = 100;

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
  const selectAfterLoad = useRef<SelectAfterLoad>(null);

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
        setSelected((prev) => selectionAfterLoad(prev, want, result.findings));
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

  // Span findings of the rows on screen, and the selected finding's cell.
  const hasSpans = columns?.some((c) => c.class !== 'direct' && c.n_findings > 0) ?? false;
  const onRowsRendered = useGridFindings(index, datasetId, shownVersion, hasSpans, bumpIndex);
  const viewed = useViewedCell(index, datasetId, shownVersion, selectedFinding, bumpIndex);

  // Selecting a finding scrolls the grid to it and opens its cell in the viewer.
  const selectedKey = selectedFinding ? `${selectedFinding.finding}:${selectedFinding.row}:${selectedFinding.column}` : '';
  useEffect(() => {
    if (!selectedFinding) return;
    setViewerOpen(true);
    gridRef.current?.scrollToCell(selectedFinding.row, selectedFinding.column);
  }, [selectedKey]); // eslint-disable-line react-hooks/exhaustive-deps

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

  const reload = () => {
    setDecideError(null);
    setPage(null);
    setSelected(-1);
    setScanGeneration((n) => n + 1);
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

  const columnsByIndex = columns ?? [];

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
              <ReviewGrid
                key={`${info.dataset}:${info.version}:${scanGeneration}`}
                ref={gridRef}
                info={info}
                columns={columnsByIndex}
                index={index}
                indexVersion={indexVersion}
                selected={selectedFinding}
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
              <FindingsPanel
                filter={filter}
                onFilterChange={changeFilter}
                columns={withFindings}
                reason={reason}
                onReasonChange={setReason}
                canDecide={isAnalyst}
                deciding={deciding}
                decided={decided}
                decideError={decideError}
                onReload={reload}
                page={page}
                pageError={pageError}
                empty={empty}
                selected={selected}
                columnName={columnName}
                onSelect={setSelected}
                onPage={(delta, select) => {
                  selectAfterLoad.current = select;
                  if (select === null) setSelected(-1);
                  setOffset((o) => Math.max(0, o + delta * FINDINGS_PAGE_SIZE));
                }}
                onDecide={decideFinding}
                onJump={(f) => {
                  gridRef.current?.scrollToCell(f.row, f.column);
                  setViewerOpen(true);
                }}
              />

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
