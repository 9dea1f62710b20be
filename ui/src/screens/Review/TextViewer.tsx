import type { Finding } from '../../types';
import { formatCount, plural } from '../../format';
import { ErrorMessage } from '../../components/ErrorMessage';
import { HighlightedText } from './HighlightedText';
import { kindDescription, kindText } from './kinds';

export interface ViewedCell {
  row: number;
  column: number;
  /** The cell text; null while it loads. */
  text: string | null;
  findings: Finding[];
  error: unknown;
}

interface Props {
  /** The selected finding, or null when none is selected. */
  finding: Finding | null;
  cell: ViewedCell | null;
  columnName: (column: number) => string;
  onClose: () => void;
}

/** The whole text of the selected finding's cell, every span highlighted and labelled by kind. */
export function TextViewer({ finding, cell, columnName, onClose }: Props) {
  if (!finding) return null;
  const title =
    finding.row === null
      ? `Column ${columnName(finding.column)}`
      : `Row ${formatCount(finding.row + 1)}, column ${columnName(finding.column)}`;
  const spans = cell ? cell.findings.filter((f) => f.row !== null) : [];
  return (
    <section id="text-viewer" className="panel text-viewer" aria-labelledby="text-viewer-title">
      <div className="text-viewer-head">
        <h2 id="text-viewer-title">{title}</h2>
        {cell && cell.text !== null && finding.row !== null && (
          <span className="muted">{plural(spans.length, 'finding')} in this cell</span>
        )}
        <button id="text-viewer-close" type="button" className="btn btn-secondary btn-small" onClick={onClose}>
          Close
        </button>
      </div>
      {finding.row === null ? (
        <p id="text-viewer-column" className="text-viewer-note">
          This finding stands for every cell of the column: its values are{' '}
          {kindDescription(finding.kind).toLowerCase()} ({kindText(finding.kind)}). Accepting it marks the whole column
          as PHI; rejecting it says the column is not {kindText(finding.kind)}.
        </p>
      ) : (
        <>
          <ErrorMessage id="text-viewer-error" error={cell?.error ?? null} />
          {cell && cell.text === null && !cell.error && <p className="muted">Loading the cell…</p>}
          {cell && cell.text !== null && (
            <p id="text-viewer-text" className="text-viewer-text">
              {cell.text === '' ? (
                <span className="muted">(empty cell)</span>
              ) : (
                <HighlightedText text={cell.text} findings={cell.findings} labelled selected={finding.finding} />
              )}
            </p>
          )}
        </>
      )}
    </section>
  );
}
