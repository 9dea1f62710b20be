// Loading the findings that cover a range of rows, page by page, for the grid's
// highlights and the text viewer. Plain TypeScript so it can be unit-tested.
import type { Finding, FindingPage, FindingQuery } from '../../types';

/** Largest page the list_findings command returns. */
export const MAX_FINDINGS_PAGE = 1000;
/** Pages fetched at most for one range of rows: a backstop against a runaway loop. */
export const MAX_PAGES_PER_RANGE = 20;

export type ListFindings = (query: FindingQuery) => Promise<FindingPage>;

/**
 * Every span finding in rows first..last (inclusive), optionally of one column,
 * fetched in pages of MAX_FINDINGS_PAGE. Findings outside the rows are dropped, so
 * a command that ignores the row range still never highlights the wrong cell.
 */
export async function findingsInRows(
  list: ListFindings,
  dataset: number,
  version: number,
  first: number,
  last: number,
  column: number | null = null,
): Promise<Finding[]> {
  const out: Finding[] = [];
  let offset = 0;
  for (let i = 0; i < MAX_PAGES_PER_RANGE; i++) {
    const page = await list({
      dataset,
      version,
      column,
      kinds: [],
      status: null,
      minConfidence: null,
      rows: { first, last },
      offset,
      limit: MAX_FINDINGS_PAGE,
    });
    for (const f of page.findings) {
      if (f.row !== null && f.row >= first && f.row <= last) out.push(f);
    }
    offset += page.findings.length;
    if (page.findings.length === 0 || offset >= page.total) break;
  }
  return out;
}

/** The whole-column finding of a direct column, if it has one. */
export async function columnFinding(
  list: ListFindings,
  dataset: number,
  version: number,
  column: number,
): Promise<Finding | null> {
  const page = await list({
    dataset,
    version,
    column,
    kinds: [],
    status: null,
    minConfidence: null,
    rows: null,
    offset: 0,
    limit: 10,
  });
  return page.findings.find((f) => f.row === null && f.column === column) ?? null;
}
