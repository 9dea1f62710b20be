// The findings list's filter: what the analyst chose, what is asked of Rust, and
// which empty state to show. Plain TypeScript so it can be unit-tested without a DOM.
import type { Finding, FindingStatus, PhiKind } from '../../types';

export type StatusFilter = FindingStatus | 'all';

export interface FindingFilterState {
  /** Kinds to show; empty shows every kind. */
  kinds: PhiKind[];
  /** Smallest confidence shown, 0 to 1. */
  minConfidence: number;
  status: StatusFilter;
  /** Only this column; null for every column. */
  column: number | null;
}

export const DEFAULT_FILTER: FindingFilterState = {
  kinds: [],
  minConfidence: 0,
  status: 'all',
  column: null,
};

/** Is the filter hiding anything? */
export function isFiltering(f: FindingFilterState): boolean {
  return f.kinds.length > 0 || f.minConfidence > 0 || f.status !== 'all' || f.column !== null;
}

/** Does the finding pass the filter? (The same test Rust applies; used after local changes.) */
export function matchesFilter(finding: Finding, f: FindingFilterState): boolean {
  return (
    (f.kinds.length === 0 || f.kinds.includes(finding.kind)) &&
    finding.confidence >= f.minConfidence &&
    (f.status === 'all' || finding.status === f.status) &&
    (f.column === null || finding.column === f.column)
  );
}

/** Adds or removes a kind, keeping the kinds in the order of `order`. */
export function toggleKind(kinds: readonly PhiKind[], kind: PhiKind, on: boolean, order: readonly PhiKind[]): PhiKind[] {
  const chosen = new Set(kinds);
  if (on) chosen.add(kind);
  else chosen.delete(kind);
  return order.filter((k) => chosen.has(k));
}

/** A minimum confidence typed as a percentage (0–100), as 0 to 1; null if not a number in range. */
export function parsePercent(text: string): number | null {
  const t = text.trim().replace(/%$/, '').trim();
  if (t === '') return 0;
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const v = Number(t);
  return v >= 0 && v <= 100 ? v / 100 : null;
}

export type EmptyState = 'no-findings' | 'filtered' | null;

/**
 * What the list shows when a page is empty: the scan found nothing at all, or the
 * filter hides every finding, or nothing special (the page has findings).
 */
export function emptyState(pageCount: number, scanFindings: number, f: FindingFilterState): EmptyState {
  if (pageCount > 0) return null;
  if (scanFindings === 0) return 'no-findings';
  return isFiltering(f) ? 'filtered' : 'no-findings';
}
