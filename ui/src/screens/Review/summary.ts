// Sentences about a scan for the top of the Review screen. Plain TypeScript so it
// can be unit-tested without a DOM.
import type { ColumnSummary, PhiKind } from '../../types';
import { formatCount, plural } from '../../format';

/** Findings in all columns together. */
export function totalFindings(columns: readonly ColumnSummary[]): number {
  return columns.reduce((n, c) => n + c.n_findings, 0);
}

/**
 * What the scan found, in words a privacy officer reads at a glance, e.g.
 * "3 columns contain direct identifiers · 2 free-text columns with 1,204 findings · 4 quasi-identifiers".
 */
export function scanSummaryText(columns: readonly ColumnSummary[]): string {
  const direct = columns.filter((c) => c.class === 'direct').length;
  const text = columns.filter((c) => c.class === 'free_text');
  const quasi = columns.filter((c) => c.class === 'quasi').length;
  const textFindings = totalFindings(text);
  const parts: string[] = [];
  parts.push(
    direct === 0
      ? 'No column contains direct identifiers'
      : `${plural(direct, 'column')} ${direct === 1 ? 'contains' : 'contain'} direct identifiers`,
  );
  if (text.length > 0) {
    parts.push(`${plural(text.length, 'free-text column')} with ${plural(textFindings, 'finding')}`);
  }
  if (quasi > 0) parts.push(plural(quasi, 'quasi-identifier'));
  return parts.join(' · ');
}

/** Kinds of the direct columns: the ones the grid paints whole columns in. */
export function directKinds(columns: readonly ColumnSummary[]): PhiKind[] {
  const kinds: PhiKind[] = [];
  for (const c of columns) if (c.class === 'direct' && c.kind && !kinds.includes(c.kind)) kinds.push(c.kind);
  return kinds;
}

/** "Findings 101–200 of 1,234", or "No findings" for an empty page. */
export function pageRangeText(offset: number, count: number, total: number): string {
  if (count === 0) return total === 0 ? 'No findings' : `No findings from ${formatCount(offset + 1)}`;
  return `Findings ${formatCount(offset + 1)}–${formatCount(offset + count)} of ${formatCount(total)}`;
}
