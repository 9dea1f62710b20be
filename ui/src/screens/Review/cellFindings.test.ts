import { describe, expect, it, vi } from 'vitest';
import type { Finding, FindingQuery } from '../../types';
import { MAX_FINDINGS_PAGE, MAX_PAGES_PER_RANGE, columnFinding, findingsInRows } from './cellFindings';
import { FakeBackend } from './fakeBackend';

function span(finding: number, row: number): Finding {
  return { finding, column: 3, row, start: 0, end: 1, kind: 'DATE', confidence: 0.9, rule: 'date', status: 'pending' };
}

describe('findingsInRows', () => {
  it('asks for the row window and pages of 1,000 until the total is reached', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => span(i + 1, 10 + (i % 5)));
    const list = vi.fn(async (q: FindingQuery) => ({
      dataset: 4,
      version: 3,
      scan: 1,
      total: many.length,
      offset: q.offset,
      findings: many.slice(q.offset, q.offset + q.limit),
    }));
    const found = await findingsInRows(list, 4, 3, 10, 14);
    expect(found).toHaveLength(2500);
    expect(list.mock.calls.map(([q]) => q.offset)).toEqual([0, 1000, 2000]);
    expect(list.mock.calls[0][0]).toEqual({
      dataset: 4,
      version: 3,
      column: null,
      kinds: [],
      status: null,
      minConfidence: null,
      rows: { first: 10, last: 14 },
      offset: 0,
      limit: MAX_FINDINGS_PAGE,
    });
  });

  it('drops findings outside the rows and whole-column findings, whatever the command returns', async () => {
    const list = vi.fn(async (q: FindingQuery) => ({
      dataset: 4,
      version: 3,
      scan: 1,
      total: 4,
      offset: q.offset,
      findings: [span(1, 9), span(2, 10), { ...span(3, 0), row: null, start: null, end: null }, span(4, 11)],
    }));
    const found = await findingsInRows(list, 4, 3, 10, 10, 3);
    expect(found.map((f) => f.finding)).toEqual([2]);
    expect(list.mock.calls[0][0].column).toBe(3);
  });

  it('stops on an empty page and after a bounded number of pages', async () => {
    const empty = vi.fn(async (q: FindingQuery) => ({ dataset: 4, version: 3, scan: 1, total: 50, offset: q.offset, findings: [] }));
    await findingsInRows(empty, 4, 3, 0, 10);
    expect(empty).toHaveBeenCalledTimes(1);
    const endless = vi.fn(async (q: FindingQuery) => ({
      dataset: 4,
      version: 3,
      scan: 1,
      total: Number.MAX_SAFE_INTEGER,
      offset: q.offset,
      findings: [span(q.offset + 1, 0)],
    }));
    await findingsInRows(endless, 4, 3, 0, 10);
    expect(endless).toHaveBeenCalledTimes(MAX_PAGES_PER_RANGE);
  });
});

describe('columnFinding', () => {
  it("returns a direct column's whole-column finding, or null", async () => {
    const backend = new FakeBackend();
    expect(await columnFinding(backend.listFindings, 4, 3, 1)).toMatchObject({ finding: 2, kind: 'NAME', row: null });
    expect(await columnFinding(backend.listFindings, 4, 3, 3)).toBeNull();
    expect(await columnFinding(backend.listFindings, 4, 3, 2)).toBeNull();
  });
});
