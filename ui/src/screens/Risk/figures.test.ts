import { describe, expect, it } from 'vitest';
import type { RiskFigures } from '../../types';
import {
  figureGroups,
  formatPercent,
  formatThreshold,
  parsePopulation,
  parseThreshold,
  summaryLine,
} from './figures';

const base: RiskFigures = {
  rows: 10,
  persons: 8,
  classes: 4,
  k_min: 2,
  avg_prosecutor_risk: 0.5,
  max_prosecutor_risk: 0.5,
  sample_uniques: 0,
  records_at_risk: 0,
  threshold: 0.5,
  class_size_histogram: [{ size: 2, classes: 4 }],
  elapsed_ms: 0.4,
};

describe('formatting', () => {
  it('percentages keep two decimals; thresholds are short', () => {
    expect(formatPercent(0.412)).toBe('41.20%');
    expect(formatPercent(0.000051)).toBe('0.01%');
    expect(formatPercent(1)).toBe('100.00%');
    expect(formatPercent(Number.NaN)).toBe('NaN');
    expect(formatThreshold(0.2)).toBe('20%');
    expect(formatThreshold(0.125)).toBe('12.5%');
    expect(formatThreshold(0.07)).toBe('7%');
  });

  it('summary mentions persons only when they differ from rows', () => {
    expect(summaryLine(base)).toBe('10 rows · 8 persons · 4 equivalence classes · assessed in 0 ms');
    expect(summaryLine({ ...base, persons: 10, rows: 1, classes: 1, elapsed_ms: 1234.6 })).toBe(
      '1 row · 10 persons · 1 equivalence class · assessed in 1,235 ms',
    );
  });
});

describe('figureGroups', () => {
  it('has the prosecutor cards, in order, and nothing else by default', () => {
    const groups = figureGroups(base, null);
    expect(groups.map((g) => g.key)).toEqual(['prosecutor']);
    expect(groups[0]!.cards.map((c) => c.label)).toEqual([
      'Smallest class (k)',
      'Average prosecutor risk',
      'Highest risk',
      'Unique records',
      'Records at risk',
    ]);
    const k = groups[0]!.cards[0]!;
    expect(k.explanation).toBe('Every record looks the same as at least 1 other record on the quasi-identifiers.');
    expect(groups[0]!.cards.every((c) => c.explanation.length > 0)).toBe(true);
    // Nothing above the threshold: no warnings.
    expect(groups[0]!.cards.some((c) => c.warn)).toBe(false);
  });

  it('warns about uniques and records at risk', () => {
    const cards = figureGroups({ ...base, k_min: 1, max_prosecutor_risk: 1, sample_uniques: 0.25, records_at_risk: 0.25 }, null)[0]!
      .cards;
    expect(cards.filter((c) => c.warn).map((c) => c.key)).toEqual(['max_prosecutor_risk', 'sample_uniques', 'records_at_risk']);
    expect(cards[0]!.explanation).toBe('Some records match no other record on the quasi-identifiers.');
    expect(cards[3]!.detail).toBe('2 of 8 records');
  });

  it('adds l and t only with a sensitive attribute', () => {
    const f = { ...base, l_distinct_min: 1, l_entropy_min: 1, t_closeness_max: 0.5 };
    expect(figureGroups(f, null).map((g) => g.key)).toEqual(['prosecutor']);
    const sensitive = figureGroups(f, 'diagnosis')[1]!;
    expect(sensitive.title).toBe('Sensitive attribute: diagnosis');
    expect(sensitive.cards.map((c) => [c.key, c.value])).toEqual([
      ['l_distinct_min', '1'],
      ['l_entropy_min', '1.00'],
      ['t_closeness_max', '0.500'],
    ]);
    expect(sensitive.cards[0]!.warn).toBe(true);
  });

  it('adds population figures with "undefined" for models that do not apply', () => {
    const f: RiskFigures = {
      ...base,
      population_size: 1000,
      sampling_fraction: 0.008,
      journalist_max_risk: 0.1,
      journalist_avg_risk: 0.05,
      journalist_records_at_risk: 0,
      marketer_risk: 0.04,
      pitman: null,
      zayatz: 0.001,
      snb: null,
      dankar: 0.001,
      dankar_model: 'none_needed',
    };
    const population = figureGroups(f, null)[1]!;
    expect(population.title).toBe('Population: 1,000 people, the data is 0.80% of it');
    const values = Object.fromEntries(population.cards.map((c) => [c.key, c.value]));
    expect(values).toEqual({
      journalist_max_risk: '10.00%',
      journalist_avg_risk: '5.00%',
      journalist_records_at_risk: '0.00%',
      marketer_risk: '4.00%',
      pitman: 'undefined',
      zayatz: '0.10%',
      snb: 'undefined',
      dankar: '0.10%',
    });
    const pitman = population.cards.find((c) => c.key === 'pitman')!;
    expect(pitman.raw).toBeUndefined();
    expect(pitman.explanation).toContain('Undefined');
    expect(population.cards.find((c) => c.key === 'dankar')!.explanation).toContain('no model needed');
  });
});

describe('form parsing', () => {
  it('threshold is a number from 0 to 1', () => {
    expect(parseThreshold('0.2')).toBe(0.2);
    expect(parseThreshold(' 0 ')).toBe(0);
    expect(parseThreshold('1')).toBe(1);
    expect(parseThreshold('')).toBeNull();
    expect(parseThreshold('1.01')).toBeNull();
    expect(parseThreshold('-0.1')).toBeNull();
    expect(parseThreshold('abc')).toBeNull();
  });

  it('population is empty or a whole number of at least 1', () => {
    expect(parsePopulation('')).toEqual({ ok: true, value: null });
    expect(parsePopulation('  ')).toEqual({ ok: true, value: null });
    expect(parsePopulation('250000')).toEqual({ ok: true, value: 250000 });
    expect(parsePopulation('1,250,000')).toEqual({ ok: true, value: 1250000 });
    expect(parsePopulation('0')).toEqual({ ok: false });
    expect(parsePopulation('12.5')).toEqual({ ok: false });
    expect(parsePopulation('-3')).toEqual({ ok: false });
    expect(parsePopulation('1e6')).toEqual({ ok: false });
    expect(parsePopulation('99999999999999999999')).toEqual({ ok: false });
  });
});
