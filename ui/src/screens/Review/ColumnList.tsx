import type { ColumnSummary, Decision, FindingStatus } from '../../types';
import { formatCount } from '../../format';
import { classLabel, formatConfidence, kindStyle, kindText, statusLabel } from './kinds';
import { columnDescription } from './ColumnBadge';
import { columnBadgeText } from './highlight';

interface Props {
  /** Columns that were classified as something or have findings. */
  columns: ColumnSummary[];
  /** Review status of a direct column's whole-column finding, if known. */
  columnStatus: (column: number) => FindingStatus | null;
  canDecide: boolean;
  deciding: boolean;
  onDecide: (column: ColumnSummary, decision: Decision) => void;
  onShow: (column: ColumnSummary) => void;
}

/** Every classified column with its evidence and whole-column accept/reject. */
export function ColumnList({ columns, columnStatus, canDecide, deciding, onDecide, onShow }: Props) {
  if (columns.length === 0) {
    return <p className="muted">No column was classified as identifying.</p>;
  }
  return (
    <ul id="column-list" className="column-list">
      {columns.map((c) => {
        const status = c.class === 'direct' ? columnStatus(c.column) : null;
        const noFindings = c.n_findings === 0;
        return (
          <li key={c.column} className="column-item" data-column={c.column}>
            <div className="column-item-head">
              <button
                type="button"
                className="link-button column-name"
                onClick={() => onShow(c)}
                title="Show this column's findings and scroll the grid to it"
              >
                {c.name}
              </button>
              {c.class === 'direct' && c.kind ? (
                <span className="phi-chip" style={kindStyle(c.kind)}>
                  {kindText(c.kind)}
                </span>
              ) : (
                <span className="phi-chip phi-chip-plain">{columnBadgeText(c) || classLabel(c.class)}</span>
              )}
              <span className="muted column-confidence">{formatConfidence(c.confidence)}</span>
            </div>
            <p className="column-evidence">{columnDescription(c)}</p>
            <div className="column-item-foot">
              <span className="muted">
                {c.class === 'direct'
                  ? `${classLabel(c.class)} · ${status ? statusLabel(status) : 'Pending'}`
                  : `${classLabel(c.class)} · ${formatCount(c.n_findings)} ${c.n_findings === 1 ? 'finding' : 'findings'}`}
              </span>
              <span className="column-actions">
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  data-action="accept-column"
                  disabled={!canDecide || deciding || noFindings}
                  onClick={() => onDecide(c, 'accepted')}
                  aria-label={`Accept column ${c.name}`}
                >
                  Accept column
                </button>
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  data-action="reject-column"
                  disabled={!canDecide || deciding || noFindings}
                  onClick={() => onDecide(c, 'rejected')}
                  aria-label={`Reject column ${c.name}`}
                >
                  Reject column
                </button>
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
