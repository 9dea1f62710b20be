import { describe, expect, it } from 'vitest';
import {
  EDGE_CONTRAST,
  KIND_COLOURS,
  KIND_DESCRIPTIONS,
  PHI_KINDS,
  classLabel,
  contrastRatio,
  edge,
  formatConfidence,
  kindDescription,
  kindStyle,
  kindText,
  statusLabel,
  tint,
} from './kinds';

const TEXT = '#1C2529'; // --text in styles.css

describe('kind colours', () => {
  it('covers the 18 Safe Harbor kinds with distinct colours and a description each', () => {
    expect(PHI_KINDS).toHaveLength(18);
    expect(new Set(PHI_KINDS).size).toBe(18);
    expect(Object.keys(KIND_COLOURS).sort()).toEqual([...PHI_KINDS].sort());
    expect(Object.keys(KIND_DESCRIPTIONS).sort()).toEqual([...PHI_KINDS].sort());
    const colours = PHI_KINDS.map((k) => KIND_COLOURS[k].toUpperCase());
    expect(new Set(colours).size).toBe(18);
  });

  it('keeps body text readable on every tint (WCAG AAA, 7:1)', () => {
    for (const kind of PHI_KINDS) {
      expect(contrastRatio(TEXT, tint(KIND_COLOURS[kind])), kind).toBeGreaterThanOrEqual(7);
    }
  });

  it('draws every outline with at least 3:1 against white', () => {
    for (const kind of PHI_KINDS) {
      expect(contrastRatio(edge(KIND_COLOURS[kind]), '#FFFFFF'), kind).toBeGreaterThanOrEqual(EDGE_CONTRAST);
    }
    // A dark colour is left as it is.
    expect(edge('#332288')).toBe('#332288');
  });

  it('mixes tints with white', () => {
    expect(tint('#000000', 0.3)).toBe('#B3B3B3');
    expect(tint('#FF0000', 1)).toBe('#FF0000');
    expect(tint('#123456', 0)).toBe('#FFFFFF');
    expect(() => tint('red')).toThrow(RangeError);
  });

  it('computes WCAG contrast', () => {
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrastRatio('#FFFFFF', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
  });

  it('gives the CSS custom properties of a kind, falling back for unknown kinds', () => {
    expect(kindStyle('NAME')).toEqual({ '--phi': '#CC6677', '--phi-edge': edge('#CC6677'), '--phi-tint': tint('#CC6677') });
    expect(kindStyle('STATE')).toEqual(kindStyle('OTHER_ID'));
  });
});

describe('labels', () => {
  it('shows kinds as their names with spaces and describes them', () => {
    expect(kindText('HEALTH_PLAN')).toBe('HEALTH PLAN');
    expect(kindText('NAME')).toBe('NAME');
    expect(kindDescription('AGE')).toBe('Ages over 89');
    expect(kindDescription('NEW_KIND')).toBe('NEW KIND');
  });

  it('names classes and statuses in words', () => {
    expect(classLabel('direct')).toBe('Direct identifier');
    expect(classLabel('free_text')).toBe('Free text');
    expect(classLabel('other')).toBe('other');
    expect(statusLabel('pending')).toBe('Pending');
    expect(statusLabel('rejected')).toBe('Rejected');
  });

  it('formats confidence as a whole percentage that never rounds up to certainty', () => {
    expect(formatConfidence(0.934)).toBe('93%');
    expect(formatConfidence(1)).toBe('100%');
    expect(formatConfidence(0.997)).toBe('99%');
    expect(formatConfidence(0)).toBe('0%');
    expect(formatConfidence(1.7)).toBe('100%');
    expect(formatConfidence(Number.NaN)).toBe('—');
  });
});
