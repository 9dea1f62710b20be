// Cutting cell text by spans whose offsets count Unicode scalar values (code
// points), as the Rust side reports them. JavaScript strings are UTF-16, so a
// character outside the Basic Multilingual Plane (an emoji, some CJK) is one
// scalar but two string units: offsets must be converted, never used directly.
// Plain TypeScript so it can be unit-tested without a DOM.

/** A span of a cell in scalar offsets: `start` inclusive, `end` exclusive. */
export interface ScalarSpan {
  start: number;
  end: number;
}

/** A piece of text between two span boundaries, with the spans that cover all of it. */
export interface Segment<T extends ScalarSpan> {
  text: string;
  /** Scalar offsets of the piece in the whole text. */
  start: number;
  end: number;
  /** Spans covering the piece, in the order given; empty for text outside every span. */
  spans: T[];
}

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLow(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * The UTF-16 index where each scalar starts: `offsets[i]` for scalar i, and
 * `offsets[n] === text.length` for the end. A lone surrogate counts as one scalar,
 * as `Array.from` does (the Rust side never sends one).
 */
export function scalarOffsets(text: string): number[] {
  const offsets: number[] = [];
  let i = 0;
  while (i < text.length) {
    offsets.push(i);
    i += isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  offsets.push(text.length);
  return offsets;
}

/** Number of Unicode scalar values in the text. */
export function scalarLength(text: string): number {
  return scalarOffsets(text).length - 1;
}

function clampInt(v: number, lo: number, hi: number): number {
  const n = Number.isFinite(v) ? Math.trunc(v) : lo;
  return n < lo ? lo : n > hi ? hi : n;
}

/** The text from scalar `start` to scalar `end` (exclusive), clamped to the text. */
export function sliceScalars(text: string, start: number, end: number): string {
  const offsets = scalarOffsets(text);
  const n = offsets.length - 1;
  const s = clampInt(start, 0, n);
  const e = clampInt(end, s, n);
  return text.slice(offsets[s], offsets[e]);
}

/**
 * Cuts the text at every span boundary. Every scalar of the text is in exactly one
 * segment, in order; each segment lists the spans covering it. Spans are clamped to
 * the text; empty ones (after clamping) cover nothing. Overlapping spans are fine.
 */
export function segmentText<T extends ScalarSpan>(text: string, spans: readonly T[]): Segment<T>[] {
  const offsets = scalarOffsets(text);
  const n = offsets.length - 1;
  const clamped: { span: T; start: number; end: number }[] = [];
  for (const span of spans) {
    const start = clampInt(span.start, 0, n);
    const end = clampInt(span.end, 0, n);
    if (end > start) clamped.push({ span, start, end });
  }
  const cuts = new Set<number>([0, n]);
  for (const c of clamped) {
    cuts.add(c.start);
    cuts.add(c.end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const segments: Segment<T>[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i];
    const end = sorted[i + 1];
    segments.push({
      text: text.slice(offsets[start], offsets[end]),
      start,
      end,
      spans: clamped.filter((c) => c.start <= start && c.end >= end).map((c) => c.span),
    });
  }
  return segments;
}
