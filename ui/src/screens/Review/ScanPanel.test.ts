import { describe, expect, it } from 'vitest';
import { progressFraction, progressText } from './ScanPanel';

describe('scan progress', () => {
  it('says what the scan is doing', () => {
    expect(progressText(null)).toBe('Starting…');
    expect(progressText({ stage: 'reading', columns_done: 0, columns: 12 })).toBe('Reading the dataset…');
    expect(progressText({ stage: 'detecting', columns_done: 3, columns: 1200 })).toBe('Looking for PHI: 3 of 1,200 columns');
    expect(progressText({ stage: 'storing', columns_done: 12, columns: 12 })).toBe('Saving the findings…');
  });

  it('is indeterminate while reading, by columns while detecting, full while storing', () => {
    expect(progressFraction(null)).toBeNull();
    expect(progressFraction({ stage: 'reading', columns_done: 0, columns: 12 })).toBeNull();
    expect(progressFraction({ stage: 'detecting', columns_done: 3, columns: 12 })).toBe(0.25);
    expect(progressFraction({ stage: 'detecting', columns_done: 0, columns: 0 })).toBeNull();
    expect(progressFraction({ stage: 'detecting', columns_done: 13, columns: 12 })).toBe(1);
    expect(progressFraction({ stage: 'storing', columns_done: 12, columns: 12 })).toBe(1);
  });
});
