import { describe, expect, it } from 'vitest';
import { scalarLength, scalarOffsets, segmentText, sliceScalars } from './spans';

// 'Pt 😀 Ana' — the emoji is one scalar but two UTF-16 units.
const EMOJI = 'Pt \u{1F600} Ana';

describe('scalarOffsets', () => {
  it('maps scalar indices to UTF-16 indices', () => {
    expect(scalarOffsets('abc')).toEqual([0, 1, 2, 3]);
    expect(scalarOffsets('')).toEqual([0]);
    expect(EMOJI.length).toBe(9);
    expect(scalarLength(EMOJI)).toBe(8);
    expect(scalarOffsets(EMOJI)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
  });

  it('agrees with Array.from on astral, combining and lone-surrogate text', () => {
    for (const text of ['𝔘𝔫𝔦', 'e\u0301te\u0301', '👩‍⚕️ nurse', 'a\uD800b', '\uDC00x', '中文𠀀']) {
      expect(scalarLength(text)).toBe(Array.from(text).length);
    }
  });
});

describe('sliceScalars', () => {
  it('cuts by scalars, not UTF-16 units', () => {
    // The name after the emoji: scalars 5..8. Naive slice(5, 8) would give ' An'.
    expect(sliceScalars(EMOJI, 5, 8)).toBe('Ana');
    expect(EMOJI.slice(5, 8)).toBe(' An');
    expect(sliceScalars(EMOJI, 3, 4)).toBe('\u{1F600}');
    expect(sliceScalars('𝔘𝔫𝔦', 1, 2)).toBe('𝔫');
  });

  it('clamps out-of-range and inverted offsets', () => {
    expect(sliceScalars('abc', -4, 2)).toBe('ab');
    expect(sliceScalars('abc', 1, 99)).toBe('bc');
    expect(sliceScalars('abc', 2, 1)).toBe('');
    expect(sliceScalars('abc', Number.NaN, 1)).toBe('a');
  });
});

describe('segmentText', () => {
  it('returns the whole text as one plain segment without spans', () => {
    expect(segmentText('no phi here', [])).toEqual([{ text: 'no phi here', start: 0, end: 11, spans: [] }]);
    expect(segmentText('', [{ start: 0, end: 3 }])).toEqual([]);
  });

  it('cuts around spans after an emoji at the right place', () => {
    const name = { start: 5, end: 8, id: 1 };
    const segs = segmentText(EMOJI, [name]);
    expect(segs.map((s) => s.text)).toEqual(['Pt \u{1F600} ', 'Ana']);
    expect(segs[1].spans).toEqual([name]);
    expect(segs[0].spans).toEqual([]);
    expect(segs.map((s) => [s.start, s.end])).toEqual([
      [0, 5],
      [5, 8],
    ]);
  });

  it('covers every character exactly once, with overlapping spans split', () => {
    const text = 'Dr Ana Lima, 555-0100';
    const a = { start: 3, end: 11, kind: 'NAME' };
    const b = { start: 7, end: 11, kind: 'GEO' };
    const c = { start: 13, end: 21, kind: 'PHONE' };
    const segs = segmentText(text, [a, b, c]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.map((s) => [s.text, s.spans.map((x) => x.kind)])).toEqual([
      ['Dr ', []],
      ['Ana ', ['NAME']],
      ['Lima', ['NAME', 'GEO']],
      [', ', []],
      ['555-0100', ['PHONE']],
    ]);
  });

  it('clamps spans to the text and drops empty ones', () => {
    const segs = segmentText('abc', [
      { start: 2, end: 10 },
      { start: 1, end: 1 },
      { start: 5, end: 9 },
    ]);
    expect(segs.map((s) => [s.text, s.spans.length])).toEqual([
      ['ab', 0],
      ['c', 1],
    ]);
  });

  it('keeps surrogate pairs whole at span edges', () => {
    const text = '\u{1F600}\u{1F601}\u{1F602}';
    const segs = segmentText(text, [{ start: 1, end: 2 }]);
    expect(segs.map((s) => s.text)).toEqual(['\u{1F600}', '\u{1F601}', '\u{1F602}']);
  });
});
