import { describe, expect, it } from 'vitest';
import type { ColumnSummary } from '../../types';
import { directKinds, pageRangeText, scanSummaryText, totalFindings } from './summary';

const col = (partial: Partial<ColumnSummary>): ColumnSummary => ({
  column: 0,
  name: 'c',
  kind: null,
  class: 'none',
  confidence: 0.9,
  evidence: '',
  sampled: 1000,
  n_findings: 0,
  ...partial,
});

describe('scan summary', () => {
  it('counts direct, free-text and quasi columns in words', () => {
    const columns = [
      col({ column: 0, class: 'direct', kind: 'MRN', n_findings: 1 }),
      col({ column: 1, class: 'direct', kind: 'NAME', n_findings: 1 }),
      col({ column: 2, class: 'free_text', n_findings: 1204 }),
      col({ column: 3, class: 'quasi', kind: 'AGE' }),
      col({ column: 4, class: 'none' }),
    ];
    expect(scanSummaryText(columns)).toBe(
      '2 columns contain direct identifiers · 1 free-text column with 1,204 findings · 1 quasi-identifier',
    );
    expect(totalFindings(columns)).toBe(1206);
    expect(directKinds(columns)).toEqual(['MRN', 'NAME']);
  });

  it('says when nothing was found', () => {
    expect(scanSummaryText([col({ class: 'none' })])).toBe('No column contains direct identifiers');
    expect(scanSummaryText([col({ class: 'direct', kind: 'SSN', n_findings: 1 })])).toBe(
      '1 column contains direct identifiers',
    );
  });

  it('describes the page of findings shown', () => {
    expect(pageRangeText(0, 100, 1234)).toBe('Findings 1–100 of 1,234');
    expect(pageRangeText(1200, 34, 1234)).toBe('Findings 1,201–1,234 of 1,234');
    expect(pageRangeText(0, 0, 0)).toBe('No findings');
  });
});
