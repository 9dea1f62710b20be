import { describe, expect, it } from 'vitest';
import type { ColumnClass, ColumnSummary, ColumnType, DatasetInfo, PhiKind, ScanSummary } from '../../types';
import { isGeneralizableQi, prefillHint, prefilledQi } from './prefill';

// The demo dataset's columns as the detector classifies them (evidence as it words it).
const demo: [string, ColumnType, ColumnClass, PhiKind | null, string][] = [
  ['visit_id', 'text', 'direct', 'OTHER_ID', '100% of 200 sampled values are identifier-like codes'],
  ['mrn', 'text', 'direct', 'MRN', "100% of 200 sampled values are identifier-like codes; header 'mrn' names MRN"],
  ['patient_name', 'text', 'direct', 'NAME', '98% of 200 sampled values are capitalised words with a known first name or surname'],
  ['dob', 'date', 'direct', 'DATE', "100% of 200 sampled values are calendar dates; header 'dob'"],
  ['sex', 'text', 'quasi', null, "header 'sex': a demographic or clinical attribute, a quasi-identifier"],
  ['ssn', 'text', 'direct', 'SSN', '100% of 200 sampled values are valid Social Security numbers'],
  ['address', 'text', 'direct', 'GEO', "100% of 200 sampled values are street addresses; header 'address'"],
  ['city', 'text', 'direct', 'GEO', "100% of 200 sampled values are US place names; header 'city'"],
  ['state', 'text', 'quasi', null, '100% of 200 sampled values are US states (not PHI alone), a quasi-identifier'],
  ['zip', 'text', 'direct', 'GEO', "100% of 200 sampled values are 5-digit ZIP codes; header 'zip'"],
  ['visit_date', 'date', 'direct', 'DATE', '100% of 200 sampled values are calendar dates'],
  ['age_at_visit', 'integer', 'direct', 'AGE', "21 of 1,000 sampled ages are over 89; header 'age_at_visit'"],
  ['diagnosis_code', 'text', 'quasi', null, "header 'diagnosis_code': a demographic or clinical attribute, a quasi-identifier"],
  ['attending', 'text', 'direct', 'NAME', 'capitalised words with a known first name or surname'],
  ['note', 'text', 'free_text', null, '80% of 200 sampled values have six words or more'],
  ['weight_kg', 'decimal', 'none', null, 'numbers: a measure, not an identifier'],
];

const info: DatasetInfo = {
  dataset: 1,
  name: 'clinic_visits',
  version: 1,
  versions: 1,
  total_rows: 3000,
  columns: demo.map(([name, type]) => ({ name, type })),
};

function summary(columns: ColumnSummary[]): ScanSummary {
  return {
    dataset: 1,
    version: 1,
    scan: 3,
    created_at: '2025-03-04T14:05:09Z',
    created_by: 'ana',
    n_findings: 0,
    by_kind: {},
    columns,
  };
}

const scan = summary(
  demo.map(([name, , cls, kind, evidence], column) => ({
    column,
    name,
    kind,
    class: cls,
    confidence: 0.9,
    evidence,
    sampled: 200,
    n_findings: 0,
  })),
);

function column(name: string): ColumnSummary {
  return scan.columns.find((c) => c.name === name)!;
}

describe('prefilledQi', () => {
  it('takes quasi columns and generalizable dates, ages and places, in column order', () => {
    expect(prefilledQi(info, scan)).toEqual([
      'dob',
      'sex',
      'city',
      'state',
      'zip',
      'visit_date',
      'age_at_visit',
      'diagnosis_code',
    ]);
  });

  it('never takes names, SSNs, MRNs, other ids, street addresses, free text or measures', () => {
    const chosen = prefilledQi(info, scan);
    for (const name of ['visit_id', 'mrn', 'patient_name', 'ssn', 'address', 'attending', 'note', 'weight_kg']) {
      expect(chosen).not.toContain(name);
    }
  });

  it('takes direct ages over 89 only when they are numbers, and dates only when they are dates', () => {
    const age = column('age_at_visit');
    expect(isGeneralizableQi(age, 'integer')).toBe(true);
    expect(isGeneralizableQi(age, 'decimal')).toBe(true);
    expect(isGeneralizableQi(age, 'text')).toBe(false);
    expect(isGeneralizableQi(column('dob'), 'date')).toBe(true);
    expect(isGeneralizableQi(column('dob'), 'text')).toBe(false);
    // A GEO column known only by its header is not pre-filled.
    const headerOnly: ColumnSummary = {
      ...column('zip'),
      evidence: "header 'postal' names GEO; values not recognised by a validator",
    };
    expect(isGeneralizableQi(headerOnly, 'text')).toBe(false);
  });

  it('ignores scan columns the version does not have', () => {
    const extra = summary([...scan.columns, { ...column('sex'), column: 99, name: 'gone' }]);
    expect(prefilledQi(info, extra)).not.toContain('gone');
    expect(prefilledQi(info, summary([]))).toEqual([]);
  });
});

describe('prefillHint', () => {
  it('names the scan date, or suggests a scan', () => {
    expect(prefillHint(scan, 8)).toMatch(
      /^Pre-filled from the PHI scan of .*2025.*: quasi-identifiers and generalizable dates, ages and places\./,
    );
    expect(prefillHint(scan, 0)).toContain('found no quasi-identifiers');
    expect(prefillHint(null, 0)).toContain('scan this version for PHI');
  });
});
