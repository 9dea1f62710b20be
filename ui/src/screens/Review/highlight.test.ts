import { describe, expect, it } from 'vitest';
import type { ColumnSummary, Finding } from '../../types';
import { FindingIndex, cellSegments, columnBadgeText, compareForDisplay, hasBadge, primaryFinding } from './highlight';

function f(partial: Partial<Finding> & { finding: number }): Finding {
  return {
    column: 3,
    row: 0,
    start: 0,
    end: 1,
    kind: 'NAME',
    confidence: 0.9,
    rule: 'r',
    status: 'pending',
    ...partial,
  };
}

describe('primaryFinding', () => {
  it('prefers accepted over pending over rejected, then confidence, then number', () => {
    const rejected = f({ finding: 1, status: 'rejected', confidence: 1 });
    const pending = f({ finding: 2, status: 'pending', confidence: 0.5 });
    const accepted = f({ finding: 3, status: 'accepted', confidence: 0.2 });
    expect(primaryFinding([rejected, pending, accepted])).toBe(accepted);
    expect(primaryFinding([rejected, pending])).toBe(pending);
    const surer = f({ finding: 9, confidence: 0.95 });
    expect(primaryFinding([pending, surer])).toBe(surer);
    expect(compareForDisplay(f({ finding: 1 }), f({ finding: 2 }))).toBeLessThan(0);
    expect(primaryFinding([])).toBeUndefined();
  });
});

describe('cellSegments', () => {
  it('cuts a cell after an emoji by scalar offsets and skips column findings', () => {
    const text = 'Seen by 👩‍⚕️ Dr Ana Lima';
    // 'Seen by ' = 8 scalars, the emoji sequence is 4 scalars (woman, ZWJ, staff, VS16), then ' Dr '.
    const start = 8 + 4 + 4;
    const name = f({ finding: 1, start, end: start + 8 });
    const column = f({ finding: 2, row: null, start: null, end: null });
    const segs = cellSegments(text, [name, column]);
    expect(segs.map((s) => s.text)).toEqual(['Seen by 👩‍⚕️ Dr ', 'Ana Lima']);
    expect(segs[1].spans).toEqual([name]);
  });
});

describe('FindingIndex', () => {
  it('finds span findings by cell and column findings by column', () => {
    const index = new FindingIndex();
    const a = f({ finding: 5, row: 2, column: 3 });
    const b = f({ finding: 4, row: 2, column: 3, start: 4, end: 6 });
    const c = f({ finding: 6, row: 7, column: 3 });
    const col = f({ finding: 1, row: null, start: null, end: null, column: 0, kind: 'MRN' });
    index.add([a, b, c, col]);
    expect(index.size).toBe(4);
    expect(index.cell(2, 3)).toEqual([b, a]);
    expect(index.cell(2, 4)).toEqual([]);
    expect(index.column(0)).toEqual(col);
    expect(index.column(3)).toBeUndefined();
    expect(index.get(6)).toEqual(c);
  });

  it('replaces a finding added again and updates statuses', () => {
    const index = new FindingIndex();
    index.add([f({ finding: 1, row: 0 }), f({ finding: 2, row: null, start: null, end: null, column: 1 })]);
    index.add([f({ finding: 1, row: 0, status: 'accepted' })]);
    expect(index.cell(0, 3)).toHaveLength(1);
    expect(index.cell(0, 3)[0].status).toBe('accepted');
    expect(index.setStatus([1, 2, 99], 'rejected')).toBe(2);
    expect(index.cell(0, 3)[0].status).toBe('rejected');
    expect(index.column(1)!.status).toBe('rejected');
  });
});

describe('column badges', () => {
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

  it('shows the kind of direct columns and the class of others', () => {
    expect(columnBadgeText(col({ class: 'direct', kind: 'HEALTH_PLAN' }))).toBe('HEALTH PLAN');
    expect(columnBadgeText(col({ class: 'free_text' }))).toBe('FREE TEXT');
    expect(columnBadgeText(col({ class: 'quasi' }))).toBe('QUASI');
    expect(columnBadgeText(col({ class: 'quasi', kind: 'AGE' }))).toBe('QUASI · AGE');
    expect(columnBadgeText(col({ class: 'none', kind: 'OTHER_ID' }))).toBe('OTHER ID');
    expect(hasBadge(col({ class: 'none' }))).toBe(false);
    expect(hasBadge(col({ class: 'quasi' }))).toBe(true);
  });
});
