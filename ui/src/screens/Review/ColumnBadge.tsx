import type { ColumnSummary, FindingStatus } from '../../types';
import { formatCount } from '../../format';
import { classLabel, formatConfidence, kindDescription, kindStyle, statusLabel } from './kinds';
import { columnBadgeText } from './highlight';

interface Props {
  column: ColumnSummary;
  /** Review status of the column's whole-column finding (direct columns). */
  status?: FindingStatus | null;
  /** Prefix for element ids, unique on the page. */
  idPrefix: string;
}

/** The evidence of a column classification as one sentence block. */
export function columnDescription(column: ColumnSummary): string {
  const what = column.kind
    ? `${classLabel(column.class)}: ${kindDescription(column.kind)}`
    : classLabel(column.class);
  const sample = column.sampled > 0 ? ` ${formatCount(column.sampled)} values sampled.` : '';
  const evidence = column.evidence.trim() === '' ? '' : ` Evidence: ${column.evidence.trim()}`;
  return `${what}, ${formatConfidence(column.confidence)} confidence.${sample}${evidence}`;
}

/**
 * A column's kind or class with the classifier's confidence, for the grid header.
 * The evidence is the tooltip for the mouse and the description for screen readers.
 */
export function ColumnBadge({ column, status, idPrefix }: Props) {
  const text = columnBadgeText(column);
  const descriptionId = `${idPrefix}-evidence-${column.column}`;
  const description = columnDescription(column);
  const statusText = status ? ` ${statusLabel(status)}.` : '';
  return (
    <span
      className={`phi-badge phi-badge-${column.class}${status ? ` phi-${status}` : ''}`}
      // Only direct columns are highlighted in the grid, so only their badge takes the kind's colour.
      style={column.class === 'direct' && column.kind ? kindStyle(column.kind) : undefined}
      title={description + statusText}
      aria-describedby={descriptionId}
      data-column-badge={column.column}
    >
      <span className="phi-badge-kind">{text}</span>
      <span className="phi-badge-confidence">{formatConfidence(column.confidence)}</span>
      {status === 'rejected' && <span className="phi-badge-status">rejected</span>}
      <span id={descriptionId} className="visually-hidden">
        {description}
        {statusText}
      </span>
    </span>
  );
}
