import { describe, expect, it } from 'vitest';
import type { Finding } from '../../types';
import { DEFAULT_FILTER, emptyState, isFiltering, matchesFilter, parsePercent, toggleKind } from './filters';
import { PHI_KINDS } from './kinds';

const finding: Finding = {
  finding: 4,
  column: 2,
  row: 10,
  start: 0,
  end: 3,
  kind: 'NAME',
  confidence: 0.8,
  rule: 'name.dictionary',
  status: 'pending',
};

describe('matchesFilter', () => {
  it('passes everything by default', () => {
    expect(isFiltering(DEFAULT_FILTER)).toBe(false);
    expect(matchesFilter(finding, DEFAULT_FILTER)).toBe(true);
  });

  it('filters by any of several kinds', () => {
    expect(matchesFilter(finding, { ...DEFAULT_FILTER, kinds: ['GEO', 'NAME'] })).toBe(true);
    expect(matchesFilter(finding, { ...DEFAULT_FILTER, kinds: ['GEO'] })).toBe(false);
  });

  it('filters by minimum confidence, inclusive', () => {
    expect(matchesFilter(finding, { ...DEFAULT_FILTER, minConfidence: 0.8 })).toBe(true);
    expect(matchesFilter(finding, { ...DEFAULT_FILTER, minConfidence: 0.81 })).toBe(false);
  });

  it('filters by status and column', () => {
    expect(matchesFilter(finding, { ...DEFAULT_FILTER, status: 'pending' })).toBe(true);
    expect(matchesFilter(finding, { ...DEFAULT_FILTER, status: 'accepted' })).toBe(false);
    expect(matchesFilter(finding, { ...DEFAULT_FILTER, column: 2 })).toBe(true);
    expect(matchesFilter(finding, { ...DEFAULT_FILTER, column: 0 })).toBe(false);
    expect(isFiltering({ ...DEFAULT_FILTER, column: 0 })).toBe(true);
  });
});

describe('toggleKind', () => {
  it('keeps the Safe Harbor order whatever the click order', () => {
    let kinds = toggleKind([], 'SSN', true, PHI_KINDS);
    kinds = toggleKind(kinds, 'NAME', true, PHI_KINDS);
    expect(kinds).toEqual(['NAME', 'SSN']);
    expect(toggleKind(kinds, 'NAME', false, PHI_KINDS)).toEqual(['SSN']);
    expect(toggleKind(kinds, 'SSN', true, PHI_KINDS)).toEqual(['NAME', 'SSN']);
  });
});

describe('parsePercent', () => {
  it('reads whole and decimal percentages', () => {
    expect(parsePercent('80')).toBe(0.8);
    expect(parsePercent(' 92.5 % ')).toBeCloseTo(0.925);
    expect(parsePercent('')).toBe(0);
    expect(parsePercent('100')).toBe(1);
  });

  it('refuses text and out-of-range numbers', () => {
    expect(parsePercent('high')).toBeNull();
    expect(parsePercent('101')).toBeNull();
    expect(parsePercent('-5')).toBeNull();
    expect(parsePercent('0x10')).toBeNull();
  });
});

describe('emptyState', () => {
  it('tells "nothing found" from "filtered out"', () => {
    expect(emptyState(3, 10, DEFAULT_FILTER)).toBeNull();
    expect(emptyState(0, 0, DEFAULT_FILTER)).toBe('no-findings');
    expect(emptyState(0, 0, { ...DEFAULT_FILTER, kinds: ['NAME'] })).toBe('no-findings');
    expect(emptyState(0, 10, { ...DEFAULT_FILTER, status: 'pending' })).toBe('filtered');
  });
});
