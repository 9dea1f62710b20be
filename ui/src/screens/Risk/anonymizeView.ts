// The anonymization panel's form parsing and the words of its result. Presentation
// only: the search, the hierarchies and every figure come from Rust.
import type { AnonymizeProgress, AnonymizeResult, RiskReportFigures } from '../../types';
import { formatCount } from '../../format';
import { formatPercent } from './figures';

/** The k field: a whole number ≥ 2 (k = 1 holds for any table), or null. */
export function parseK(text: string): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) && n >= 2 ? n : null;
}

/** The l field: empty is "no l-diversity"; otherwise a whole number ≥ 2. */
export function parseL(text: string): { ok: true; value: number | null } | { ok: false } {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  const n = parseK(t);
  return n === null ? { ok: false } : { ok: true, value: n };
}

/** The suppression field, a percentage from 0 to 100, as a fraction; null when invalid. */
export function parseSuppression(text: string): number | null {
  const t = text.trim().replace(/%$/, '').trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n / 100 : null;
}

/** Fraction of the lattice decided, or null before the first report. */
export function searchFraction(p: AnonymizeProgress | null): number | null {
  if (!p || p.total <= 0) return null;
  return Math.min(1, p.visited / p.total);
}

/** "Checked 117 of 48,000 combinations of levels" */
export function searchProgressText(p: AnonymizeProgress | null): string {
  if (!p) return 'Reading the dataset and building the hierarchies…';
  return `Checked ${formatCount(p.checked)} of ${formatCount(p.total)} combinations of levels`;
}

export interface LevelRow {
  column: string;
  /** What the chosen level shows, e.g. "intervals of 10". */
  generalization: string;
  /** "2 of 4" */
  level: string;
  /** Level 0: the column is left as it is. */
  isKept: boolean;
}

/** One row per QI, in QI order. */
export function levelRows(r: AnonymizeResult): LevelRow[] {
  return r.levels.map((l) => {
    const names = r.hierarchies.find((h) => h.column === l.column)?.level_names ?? [];
    return {
      column: l.column,
      generalization: names[l.level] ?? `level ${l.level}`,
      level: `${l.level} of ${l.max_level}`,
      isKept: l.level === 0,
    };
  });
}

export interface RiskRow {
  key: string;
  label: string;
  before: string;
  after: string;
}

/** The risk figures before → after (after: of the records kept). */
export function riskRows(r: AnonymizeResult): RiskRow[] {
  const b = r.risk_before;
  const a: RiskReportFigures | null = r.risk_after;
  const none = '—';
  const rows: RiskRow[] = [
    { key: 'k_min', label: 'Smallest class (k)', before: formatCount(b.k_min), after: a ? formatCount(a.k_min) : none },
    {
      key: 'max_prosecutor_risk',
      label: 'Highest re-identification risk',
      before: formatPercent(b.max_prosecutor_risk),
      after: a ? formatPercent(a.max_prosecutor_risk) : none,
    },
    {
      key: 'avg_prosecutor_risk',
      label: 'Average re-identification risk',
      before: formatPercent(b.avg_prosecutor_risk),
      after: a ? formatPercent(a.avg_prosecutor_risk) : none,
    },
    {
      key: 'records_at_risk',
      label: 'Records above the threshold',
      before: formatPercent(b.records_at_risk),
      after: a ? formatPercent(a.records_at_risk) : none,
    },
  ];
  if (b.l_distinct_min !== undefined) {
    rows.push({
      key: 'l_distinct_min',
      label: 'Fewest sensitive values in a class (l)',
      before: formatCount(b.l_distinct_min),
      after: a?.l_distinct_min !== undefined ? formatCount(a.l_distinct_min) : none,
    });
  }
  return rows;
}

/** "14 of 3,000 records suppressed (0.47%)" */
export function suppressedText(r: AnonymizeResult): string {
  const share = r.rows > 0 ? r.suppressed / r.rows : 0;
  if (r.suppressed === 0) return `No record suppressed (of ${formatCount(r.rows)})`;
  return `${formatCount(r.suppressed)} of ${formatCount(r.rows)} records suppressed (${formatPercent(share)})`;
}
