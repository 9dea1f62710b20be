import { describe, expect, it } from 'vitest';
import { fileStem, formatCount, plural } from './format';
import { lockNotice } from './session';

describe('format', () => {
  it('formats counts with thousands separators', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(plural(1, 'row')).toBe('1 row');
    expect(plural(3000, 'row')).toBe('3,000 rows');
  });

  it('derives a dataset name from a file path', () => {
    expect(fileStem('/home/ana/data/clinic_visits.csv')).toBe('clinic_visits');
    expect(fileStem('C:\\Users\\ana\\claims.2024.tsv')).toBe('claims.2024');
    expect(fileStem('notes')).toBe('notes');
    expect(fileStem('/tmp/.hidden')).toBe('.hidden');
  });
});

describe('lockNotice', () => {
  it('explains an idle lock in minutes', () => {
    expect(lockNotice('idle', 900)).toBe('Locked after 15 minutes without activity.');
    expect(lockNotice('idle', 60)).toBe('Locked after 1 minute without activity.');
    expect(lockNotice('idle', null)).toBe('Locked after a period without activity.');
    expect(lockNotice(null, 900)).toBeNull();
  });
});
