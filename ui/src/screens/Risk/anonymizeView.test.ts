import { describe, expect, it } from 'vitest';
import {
  levelRows,
  parseK,
  parseL,
  parseSuppression,
  riskRows,
  searchFraction,
  searchProgressText,
  suppressedText,
} from './anonymizeView';
import { anonymizeResult } from './anonymizeFixture';

describe('anonymization form', () => {
  it('parses k, l and the suppression limit', () => {
    expect(parseK('5')).toBe(5);
    expect(parseK(' 10 ')).toBe(10);
    for (const bad of ['', '1', '0', '2.5', '-3', 'five']) expect(parseK(bad)).toBeNull();
    expect(parseL('')).toEqual({ ok: true, value: null });
    expect(parseL('3')).toEqual({ ok: true, value: 3 });
    expect(parseL('1')).toEqual({ ok: false });
    expect(parseSuppression('5')).toBe(0.05);
    expect(parseSuppression('0')).toBe(0);
    expect(parseSuppression('100%')).toBe(1);
    expect(parseSuppression('2.5 %')).toBe(0.025);
    for (const bad of ['', '101', '-1', 'x']) expect(parseSuppression(bad)).toBeNull();
  });

  it('turns progress into a fraction and words', () => {
    expect(searchFraction(null)).toBeNull();
    expect(searchFraction({ checked: 3, visited: 30, total: 120 })).toBe(0.25);
    expect(searchFraction({ checked: 0, visited: 0, total: 0 })).toBeNull();
    expect(searchProgressText({ checked: 117, visited: 30000, total: 48000 })).toBe(
      'Checked 117 of 48,000 combinations of levels',
    );
    expect(searchProgressText(null)).toContain('building the hierarchies');
  });
});

describe('anonymization result', () => {
  it('names each chosen level', () => {
    expect(levelRows(anonymizeResult)).toEqual([
      { column: 'age', generalization: 'intervals of 10', level: '2 of 4', isKept: false },
      { column: 'sex', generalization: 'original values', level: '0 of 1', isKept: true },
      { column: 'zip', generalization: 'last 3 characters masked', level: '3 of 5', isKept: false },
    ]);
    const noNames = { ...anonymizeResult, hierarchies: [] };
    expect(levelRows(noNames)[0]!.generalization).toBe('level 2');
  });

  it('puts the risk before next to the risk after', () => {
    const rows = riskRows(anonymizeResult);
    expect(rows.map((r) => [r.key, r.before, r.after])).toEqual([
      ['k_min', '1', '5'],
      ['max_prosecutor_risk', '100.00%', '20.00%'],
      ['avg_prosecutor_risk', '80.00%', '2.30%'],
      ['records_at_risk', '90.00%', '0.00%'],
    ]);
    const allSuppressed = { ...anonymizeResult, risk_after: null };
    expect(riskRows(allSuppressed)[0]!.after).toBe('—');
    const withL = {
      ...anonymizeResult,
      risk_before: { ...anonymizeResult.risk_before, l_distinct_min: 1 },
      risk_after: { ...anonymizeResult.risk_after!, l_distinct_min: 2 },
    };
    expect(riskRows(withL).at(-1)).toMatchObject({ key: 'l_distinct_min', before: '1', after: '2' });
  });

  it('counts the suppressed records', () => {
    expect(suppressedText(anonymizeResult)).toBe('14 of 3,000 records suppressed (0.47%)');
    expect(suppressedText({ ...anonymizeResult, suppressed: 0 })).toBe('No record suppressed (of 3,000)');
    expect(suppressedText({ ...anonymizeResult, suppressed: 1 })).toBe('1 of 3,000 records suppressed (0.03%)');
  });
});
