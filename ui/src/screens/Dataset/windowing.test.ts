import { describe, expect, it } from 'vitest';
import {
  MAX_SCROLL_HEIGHT,
  geometry,
  pagesForRange,
  rowAtScrollTop,
  scrollTopForRow,
  visibleWindow,
} from './windowing';

const RH = 28;

describe('visibleWindow (unscaled)', () => {
  it('shows the first rows at scrollTop 0', () => {
    const w = visibleWindow({ rowCount: 1000, rowHeight: RH, viewportHeight: 280, scrollTop: 0 });
    expect(w.scaled).toBe(false);
    expect(w.spacerHeight).toBe(28_000);
    expect(w.first).toBe(0);
    expect(w.last).toBe(9);
    expect(w.renderFirst).toBe(0);
    expect(w.renderLast).toBe(9);
    expect(w.rowOffset).toBe(0);
  });

  it('includes partly visible rows', () => {
    const w = visibleWindow({ rowCount: 1000, rowHeight: RH, viewportHeight: 280, scrollTop: 14 });
    expect(w.first).toBe(0);
    expect(w.last).toBe(10);
  });

  it('applies overscan and clamps it to the data', () => {
    const w = visibleWindow({
      rowCount: 1000,
      rowHeight: RH,
      viewportHeight: 280,
      scrollTop: 100 * RH,
      overscan: 5,
    });
    expect(w.first).toBe(100);
    expect(w.last).toBe(109);
    expect(w.renderFirst).toBe(95);
    expect(w.renderLast).toBe(114);
    const top = visibleWindow({ rowCount: 1000, rowHeight: RH, viewportHeight: 280, scrollTop: 0, overscan: 5 });
    expect(top.renderFirst).toBe(0);
    const bottom = visibleWindow({
      rowCount: 1000,
      rowHeight: RH,
      viewportHeight: 280,
      scrollTop: 1e9,
      overscan: 5,
    });
    expect(bottom.last).toBe(999);
    expect(bottom.renderLast).toBe(999);
    expect(bottom.renderFirst).toBe(990 - 5);
  });

  it('positions rows at i × rowHeight when not scaled', () => {
    const w = visibleWindow({ rowCount: 1000, rowHeight: RH, viewportHeight: 280, scrollTop: 500 });
    expect(w.rowOffset).toBeCloseTo(0);
  });

  it('handles fewer rows than fit and empty data', () => {
    const few = visibleWindow({ rowCount: 3, rowHeight: RH, viewportHeight: 600, scrollTop: 50 });
    expect(few.first).toBe(0);
    expect(few.last).toBe(2);
    expect(few.maxScrollTop).toBe(0);
    const none = visibleWindow({ rowCount: 0, rowHeight: RH, viewportHeight: 600, scrollTop: 0, overscan: 10 });
    expect(none.first).toBe(-1);
    expect(none.last).toBe(-1);
    expect(none.renderLast).toBeLessThan(none.renderFirst);
    expect(none.spacerHeight).toBe(0);
  });
});

describe('visibleWindow (scaled beyond the height cap)', () => {
  const rows = 1_000_000;
  const vp = 560; // 20 rows

  it('caps the spacer height', () => {
    const g = geometry(rows, RH, vp);
    expect(rows * RH).toBeGreaterThan(MAX_SCROLL_HEIGHT);
    expect(g.scaled).toBe(true);
    expect(g.spacerHeight).toBe(MAX_SCROLL_HEIGHT);
    expect(g.maxScrollTop).toBe(MAX_SCROLL_HEIGHT - vp);
  });

  it('does not scale at exactly the cap', () => {
    const n = MAX_SCROLL_HEIGHT / 32;
    expect(geometry(n, 32, vp).scaled).toBe(false);
    expect(geometry(n + 1, 32, vp).scaled).toBe(true);
  });

  it('maps scrollTop proportionally to the row index', () => {
    const g = geometry(rows, RH, vp);
    const mid = visibleWindow({ rowCount: rows, rowHeight: RH, viewportHeight: vp, scrollTop: g.maxScrollTop / 2 });
    expect(mid.firstExact).toBeCloseTo((rows - vp / RH) / 2, 3);
    expect(mid.first).toBe(499_990);
    expect(mid.last).toBe(mid.first + 19);
  });

  it('keeps the rendered rows inside the viewport', () => {
    const g = geometry(rows, RH, vp);
    for (const frac of [0, 0.1234, 0.5, 0.77, 0.999, 1]) {
      const scrollTop = g.maxScrollTop * frac;
      const w = visibleWindow({ rowCount: rows, rowHeight: RH, viewportHeight: vp, scrollTop });
      const firstTop = w.rowOffset + w.first * RH;
      const lastBottom = w.rowOffset + (w.last + 1) * RH;
      expect(firstTop).toBeLessThanOrEqual(scrollTop + 1e-6);
      expect(firstTop + RH).toBeGreaterThan(scrollTop);
      expect(lastBottom).toBeGreaterThanOrEqual(scrollTop + vp - 1e-6);
      expect(lastBottom - RH).toBeLessThan(scrollTop + vp);
    }
  });

  it('makes the last of 1,000,000 rows reachable, aligned to the bottom', () => {
    const g = geometry(rows, RH, vp);
    const w = visibleWindow({ rowCount: rows, rowHeight: RH, viewportHeight: vp, scrollTop: g.maxScrollTop, overscan: 10 });
    expect(w.last).toBe(rows - 1);
    expect(w.first).toBe(rows - 20);
    expect(w.renderLast).toBe(rows - 1);
    // Bottom of the last row coincides with the bottom of the spacer.
    expect(w.rowOffset + rows * RH).toBeCloseTo(g.spacerHeight, 3);
    // Scrolling past the end is clamped.
    const past = visibleWindow({ rowCount: rows, rowHeight: RH, viewportHeight: vp, scrollTop: g.maxScrollTop + 5000 });
    expect(past.last).toBe(rows - 1);
  });

  it('round-trips row ↔ scrollTop', () => {
    for (const row of [0, 1, 12_345, 500_000, 999_980]) {
      const top = scrollTopForRow(row, rows, RH, vp);
      expect(rowAtScrollTop(top, rows, RH, vp)).toBeCloseTo(row, 6);
    }
    expect(scrollTopForRow(rows, rows, RH, vp)).toBeCloseTo(geometry(rows, RH, vp).maxScrollTop);
    expect(scrollTopForRow(-5, rows, RH, vp)).toBe(0);
  });

  it('round-trips row ↔ scrollTop when not scaled', () => {
    expect(scrollTopForRow(10, 1000, RH, 280)).toBe(280);
    expect(rowAtScrollTop(280, 1000, RH, 280)).toBe(10);
    expect(scrollTopForRow(5000, 1000, RH, 280)).toBe(1000 * RH - 280);
  });

  it('reaches every row even at 10,000,000 rows', () => {
    const n = 10_000_000;
    const g = geometry(n, RH, vp);
    const w = visibleWindow({ rowCount: n, rowHeight: RH, viewportHeight: vp, scrollTop: g.maxScrollTop });
    expect(w.last).toBe(n - 1);
  });
});

describe('pagesForRange', () => {
  it('lists the pages covering a row range', () => {
    expect(pagesForRange(0, 0, 200)).toEqual([0]);
    expect(pagesForRange(190, 410, 200)).toEqual([0, 1, 2]);
    expect(pagesForRange(999_990, 999_999, 200)).toEqual([4999]);
    expect(pagesForRange(0, -1, 200)).toEqual([]);
  });
});
