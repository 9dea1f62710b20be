// Which columns the Risk screen pre-selects as quasi-identifiers from a PHI scan.
import type { ColumnSummary, ColumnType, DatasetInfo, PhiKind, ScanSummary } from '../../types';
import { formatDateShort } from '../../format';

/** The detector's words for GEO values a hierarchy can generalize (ZIP masking, places to `*`). */
const GENERALIZABLE_PLACES = /ZIP codes|place names/i;

/**
 * Whether a scanned column is a quasi-identifier worth generalizing:
 * - every `quasi` column (sex, race, state, diagnosis codes, ages up to 89, ...);
 * - a `direct` DATE column whose values are calendar dates (date of birth, visit dates:
 *   day → month → quarter → year);
 * - a `direct` AGE column of numbers (ages over 89: intervals);
 * - a `direct` GEO column the detector recognised as ZIP codes or US place names (ZIP
 *   digits masked, cities kept or suppressed). Street addresses and coordinates are not.
 * Never free text, `none`, or any other direct identifier (names, SSNs, MRNs, phones...):
 * those are removed, not generalized.
 */
export function isGeneralizableQi(column: ColumnSummary, type: ColumnType | undefined): boolean {
  if (column.class === 'quasi') return true;
  if (column.class !== 'direct') return false;
  const kind: PhiKind | null = column.kind;
  switch (kind) {
    case 'DATE':
      return type === 'date';
    case 'AGE':
      return type === 'integer' || type === 'decimal';
    case 'GEO':
      return GENERALIZABLE_PLACES.test(column.evidence);
    default:
      return false;
  }
}

/** The columns to pre-select, in the dataset's column order; only names the version has. */
export function prefilledQi(info: DatasetInfo, scan: ScanSummary): string[] {
  const chosen = new Set(
    scan.columns
      .filter((c) => isGeneralizableQi(c, info.columns[c.column]?.type))
      .map((c) => info.columns[c.column]?.name)
      .filter((name): name is string => name !== undefined),
  );
  return info.columns.map((c) => c.name).filter((name) => chosen.has(name));
}

/** The hint under the QI list: where the selection came from, or how to get one. */
export function prefillHint(scan: ScanSummary | null, nPrefilled: number): string {
  if (!scan) {
    return 'Tip: scan this version for PHI (Review PHI) and the quasi-identifiers will be pre-filled from the scan.';
  }
  const when = formatDateShort(scan.created_at);
  if (nPrefilled === 0) {
    return `The PHI scan of ${when} found no quasi-identifiers or generalizable dates, ages and places; choose them here.`;
  }
  return `Pre-filled from the PHI scan of ${when}: quasi-identifiers and generalizable dates, ages and places. Change the selection as needed.`;
}
