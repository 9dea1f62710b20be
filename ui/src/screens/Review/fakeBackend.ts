// A stand-in for the review commands in component tests: findings held in memory,
// filtered and paged the way docs/review-api.md says list_findings does.
import type {
  ColumnSummary,
  DatasetInfo,
  Finding,
  FindingPage,
  FindingQuery,
  Page,
  ReviewOutcome,
  ReviewRequest,
  ScanSummary,
} from '../../types';
import { BreakwaterError } from '../../errors';

export const NOTE_0 = 'Pt \u{1F600} Ana Lima called 555-0100';

export const info: DatasetInfo = {
  dataset: 4,
  name: 'clinic_visits',
  version: 3,
  versions: 3,
  total_rows: 1000,
  columns: [
    { name: 'mrn', type: 'text' },
    { name: 'patient_name', type: 'text' },
    { name: 'age', type: 'integer' },
    { name: 'notes', type: 'text' },
  ],
};

export function cell(row: number, column: number): string {
  switch (column) {
    case 0:
      return `MRN${100000 + row}`;
    case 1:
      return `Name ${row}`;
    case 2:
      return String(30 + (row % 60));
    default:
      return row === 0 ? NOTE_0 : `Seen on 2024-03-${String((row % 28) + 1).padStart(2, '0')}`;
  }
}

export function fakePage(_d: number, _v: number | null, offset: number, limit: number): Promise<Page> {
  const rows = Array.from({ length: Math.max(0, Math.min(limit, info.total_rows - offset)) }, (_, i) =>
    info.columns.map((_c, c) => cell(offset + i, c)),
  );
  return Promise.resolve({ offset, rows });
}

/**
 * Findings: 1 and 2 are the whole-column findings of mrn and patient_name; then in
 * notes, row 0 has NAME "Ana Lima" (scalars 5–13, after an emoji) and PHONE; rows
 * 1..149 each have one DATE (scalars 8–18) with confidences from 0.5 to 0.99.
 */
export function makeFindings(): Finding[] {
  const out: Finding[] = [
    { finding: 1, column: 0, row: null, start: null, end: null, kind: 'MRN', confidence: 0.98, rule: 'column', status: 'pending' },
    { finding: 2, column: 1, row: null, start: null, end: null, kind: 'NAME', confidence: 0.95, rule: 'column', status: 'pending' },
    { finding: 3, column: 3, row: 0, start: 5, end: 13, kind: 'NAME', confidence: 0.9, rule: 'name.dictionary', status: 'pending' },
    { finding: 4, column: 3, row: 0, start: 21, end: 29, kind: 'PHONE', confidence: 0.97, rule: 'phone.nanp', status: 'pending' },
  ];
  for (let row = 1; row < 150; row++) {
    out.push({
      finding: out.length + 1,
      column: 3,
      row,
      start: 8,
      end: 18,
      kind: 'DATE',
      confidence: 0.5 + (row % 50) / 100,
      rule: 'date.iso',
      status: 'pending',
    });
  }
  return out;
}

export function columnSummaries(findings: Finding[]): ColumnSummary[] {
  const count = (c: number) => findings.filter((f) => f.column === c).length;
  return [
    { column: 0, name: 'mrn', kind: 'MRN', class: 'direct', confidence: 0.98, evidence: "header 'mrn'; 100% of 1,000 sampled values match a record-number pattern", sampled: 1000, n_findings: count(0) },
    { column: 1, name: 'patient_name', kind: 'NAME', class: 'direct', confidence: 0.95, evidence: "header 'patient_name'; 91% of sampled values are in the names dictionary", sampled: 1000, n_findings: count(1) },
    { column: 2, name: 'age', kind: 'AGE', class: 'quasi', confidence: 0.8, evidence: "header 'age'; no value over 89", sampled: 1000, n_findings: 0 },
    { column: 3, name: 'notes', kind: null, class: 'free_text', confidence: 0.9, evidence: 'long text with many distinct values', sampled: 1000, n_findings: count(3) },
  ];
}

/** The review commands over an in-memory scan. */
export class FakeBackend {
  findings: Finding[];
  scanned: boolean;
  readonly scanId = 12;

  constructor(findings: Finding[] = makeFindings(), scanned = true) {
    this.findings = findings;
    this.scanned = scanned;
  }

  summary(): ScanSummary {
    const by_kind: ScanSummary['by_kind'] = {};
    for (const f of this.findings) by_kind[f.kind] = (by_kind[f.kind] ?? 0) + 1;
    return {
      dataset: info.dataset,
      version: info.version,
      scan: this.scanId,
      created_at: '2025-03-04T14:05:09Z',
      created_by: 'ana',
      n_findings: this.findings.length,
      by_kind,
      columns: columnSummaries(this.findings),
    };
  }

  scanSummary = async (): Promise<ScanSummary | null> => (this.scanned ? this.summary() : null);

  listFindings = async (q: FindingQuery): Promise<FindingPage> => {
    if (!this.scanned) throw new BreakwaterError('input', 'Version 3 was never scanned.', 'Scan it first.');
    const matching = this.findings.filter(
      (f) =>
        (q.column === null || f.column === q.column) &&
        (q.kinds.length === 0 || q.kinds.includes(f.kind)) &&
        (q.status === null || f.status === q.status) &&
        (q.minConfidence === null || f.confidence >= q.minConfidence) &&
        (q.rows === null || (f.row !== null && f.row >= q.rows.first && f.row <= q.rows.last)),
    );
    return {
      dataset: q.dataset,
      version: q.version ?? info.version,
      scan: this.scanId,
      total: matching.length,
      offset: q.offset,
      findings: matching.slice(q.offset, q.offset + q.limit).map((f) => ({ ...f })),
    };
  };

  reviewFindings = async (r: ReviewRequest): Promise<ReviewOutcome> => {
    const sel = r.selection;
    const chosen = this.findings.filter((f) =>
      'ids' in sel ? sel.ids.includes(f.finding) : 'column' in sel ? f.column === sel.column : true,
    );
    for (const f of chosen) f.status = r.decision;
    return {
      dataset: r.dataset,
      version: info.version,
      scan: this.scanId,
      status: r.decision,
      n_findings: chosen.length,
      findings: chosen.map((f) => f.finding),
    };
  };
}
