// Which findings cover which cells, and how a cell's text is cut into highlighted
// pieces. Plain TypeScript so it can be unit-tested without a DOM.
import type { ColumnSummary, Finding, FindingStatus } from '../../types';
import { segmentText, type Segment } from './spans';

/** A finding with a span inside one cell. */
export interface SpanFinding extends Finding {
  row: number;
  start: number;
  end: number;
}

export function isSpanFinding(f: Finding): f is SpanFinding {
  return f.row !== null && f.start !== null && f.end !== null;
}

/** A whole-column finding: it stands for every cell of a `direct` column. */
export function isColumnFinding(f: Finding): boolean {
  return f.row === null;
}

const STATUS_RANK: Record<FindingStatus, number> = { accepted: 2, pending: 1, rejected: 0 };

/**
 * Orders findings by how they should be shown where they overlap: accepted over
 * pending over rejected, then the surer one, then the lower number.
 */
export function compareForDisplay(a: Finding, b: Finding): number {
  return (
    (STATUS_RANK[b.status] ?? 0) - (STATUS_RANK[a.status] ?? 0) ||
    b.confidence - a.confidence ||
    a.finding - b.finding
  );
}

/** The finding to draw for a piece covered by several; undefined for none. */
export function primaryFinding<T extends Finding>(findings: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const f of findings) if (!best || compareForDisplay(f, best) < 0) best = f;
  return best;
}

/** The cell text cut at the span findings' edges (scalar offsets converted to UTF-16). */
export function cellSegments(text: string, findings: readonly Finding[]): Segment<SpanFinding>[] {
  return segmentText(text, findings.filter(isSpanFinding));
}

function cellKey(row: number, column: number): string {
  return `${row}:${column}`;
}

/**
 * The findings known for a set of cells, by cell, plus the whole-column findings.
 * Later additions of the same finding number replace earlier ones, so a reloaded
 * page or a fresh decision updates what is shown.
 */
export class FindingIndex {
  private readonly byNumber = new Map<number, Finding>();
  private readonly byCell = new Map<string, Map<number, Finding>>();
  private readonly byColumn = new Map<number, Finding>();

  /** Number of findings held. */
  get size(): number {
    return this.byNumber.size;
  }

  add(findings: Iterable<Finding>): void {
    for (const f of findings) {
      this.byNumber.set(f.finding, f);
      if (f.row === null) {
        this.byColumn.set(f.column, f);
        continue;
      }
      const key = cellKey(f.row, f.column);
      let cell = this.byCell.get(key);
      if (!cell) {
        cell = new Map();
        this.byCell.set(key, cell);
      }
      cell.set(f.finding, f);
    }
  }

  get(finding: number): Finding | undefined {
    return this.byNumber.get(finding);
  }

  /** Span findings of one cell, by number. */
  cell(row: number, column: number): Finding[] {
    const cell = this.byCell.get(cellKey(row, column));
    return cell ? [...cell.values()].sort((a, b) => a.finding - b.finding) : [];
  }

  /** The whole-column finding of a column, if it has one. */
  column(column: number): Finding | undefined {
    return this.byColumn.get(column);
  }

  /** Sets the status of the given findings, if held; returns how many were. */
  setStatus(findings: Iterable<number>, status: FindingStatus): number {
    let n = 0;
    for (const id of findings) {
      const f = this.byNumber.get(id);
      if (f) {
        this.add([{ ...f, status }]);
        n++;
      }
    }
    return n;
  }
}

/**
 * How a column's classification reads in its header badge: the kind of a direct
 * column ("HEALTH PLAN"), else the class with any kind ("QUASI · AGE", "FREE TEXT").
 */
export function columnBadgeText(column: ColumnSummary): string {
  const kind = column.kind ? column.kind.replace(/_/g, ' ') : '';
  switch (column.class) {
    case 'direct':
      return kind;
    case 'quasi':
      return kind ? `QUASI · ${kind}` : 'QUASI';
    case 'free_text':
      return kind ? `FREE TEXT · ${kind}` : 'FREE TEXT';
    default:
      return kind;
  }
}

/** Does the column get a badge? Columns judged not identifying get none. */
export function hasBadge(column: ColumnSummary): boolean {
  return column.class !== 'none' || column.kind !== null;
}
