import type { ColumnSummary, Decision, Finding, FindingPage } from '../../types';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DEFAULT_FILTER, type EmptyState, type FindingFilterState } from './filters';
import { pageRangeText } from './summary';
import { FindingFilters } from './FindingFilters';
import { FindingList } from './FindingList';

interface Props {
  filter: FindingFilterState;
  onFilterChange: (filter: FindingFilterState) => void;
  /** Columns that have findings, for the column filter. */
  columns: ColumnSummary[];
  reason: string;
  onReasonChange: (reason: string) => void;
  canDecide: boolean;
  deciding: boolean;
  /** What the last decision did, e.g. "Accepted 1 finding." */
  decided: string | null;
  decideError: unknown;
  /** Reloads the whole review (after a refused decision, e.g. the version was scanned again). */
  onReload: () => void;
  page: FindingPage | null;
  pageError: unknown;
  empty: EmptyState;
  selected: number;
  columnName: (column: number) => string;
  onSelect: (index: number) => void;
  /** Turns the page; `select` says which finding of the new page to select, if any. */
  onPage: (delta: 1 | -1, select: 'first' | 'last' | null) => void;
  onDecide: (index: number, decision: Decision) => void;
  onJump: (finding: Finding) => void;
}

/** The findings section of the side panel: filters, reason, the list and its pages. */
export function FindingsPanel(props: Props) {
  const { page, filter, onFilterChange } = props;
  const findings = page?.findings ?? [];
  return (
    <section className="panel review-section" aria-labelledby="findings-title">
      <h2 id="findings-title">Findings</h2>
      <FindingFilters filter={filter} onChange={onFilterChange} columns={props.columns} />
      <div className="field review-reason">
        <label htmlFor="review-reason">Reason (optional)</label>
        <input
          id="review-reason"
          type="text"
          value={props.reason}
          onChange={(e) => props.onReasonChange(e.target.value)}
          placeholder="Recorded with each decision"
          aria-describedby="review-reason-hint"
        />
        <p id="review-reason-hint" className="field-hint">
          Sent with every accept or reject until you change it.
        </p>
      </div>
      {!props.canDecide && (
        <p id="review-role-hint" className="field-hint">
          Accepting and rejecting findings needs the analyst role.
        </p>
      )}
      <p id="review-decided" role="status" className={props.decided ? 'status-line' : 'status-line empty'}>
        {props.decided}
      </p>
      <ErrorMessage id="review-decide-error" error={props.decideError} />
      {props.decideError !== null && (
        <button id="review-reload" type="button" className="btn btn-secondary btn-small" onClick={props.onReload}>
          Reload the review
        </button>
      )}
      <ErrorMessage id="findings-error" error={props.pageError} />

      {page === null && !props.pageError && <p className="muted">Loading findings…</p>}
      {props.empty === 'no-findings' && (
        <p id="findings-empty" className="empty-state">
          The scan found nothing to review.
        </p>
      )}
      {props.empty === 'filtered' && (
        <div id="findings-filtered" className="empty-state">
          <p>No finding matches these filters.</p>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => onFilterChange(DEFAULT_FILTER)}>
            Clear filters
          </button>
        </div>
      )}
      {page && findings.length > 0 && (
        <FindingList
          findings={findings}
          selected={props.selected}
          columnName={props.columnName}
          canDecide={props.canDecide}
          deciding={props.deciding}
          hasPrevPage={page.offset > 0}
          hasNextPage={page.offset + findings.length < page.total}
          onSelect={props.onSelect}
          onPage={props.onPage}
          onDecide={props.onDecide}
          onJump={(i) => {
            const f = findings[i];
            if (f) props.onJump(f);
          }}
        />
      )}
      {page && (page.total > 0 || page.offset > 0) && (
        <div className="pager">
          <button
            id="findings-prev"
            type="button"
            className="btn btn-secondary btn-small"
            disabled={page.offset === 0}
            onClick={() => props.onPage(-1, null)}
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
            onClick={() => props.onPage(1, null)}
          >
            Next
          </button>
        </div>
      )}
    </section>
  );
}
