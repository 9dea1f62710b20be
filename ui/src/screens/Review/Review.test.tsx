import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen, fireEvent, waitFor, act, within } from '@testing-library/react';
import type { Role, ScanProgress, ScanSummary } from '../../types';
import { BreakwaterError } from '../../errors';

vi.mock('../../api', () => ({
  datasetInfo: vi.fn(),
  datasetPage: vi.fn(),
  scanSummary: vi.fn(),
  listFindings: vi.fn(),
  reviewFindings: vi.fn(),
  scanDataset: vi.fn(),
  cancelScan: vi.fn(),
  onScanProgress: vi.fn(),
}));

import * as api from '../../api';
import { ReviewScreen } from './ReviewScreen';
import { FakeBackend, fakePage, info } from './fakeBackend';

let backend: FakeBackend;

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} not found`);
  return el as T;
}

function listRow(finding: number): HTMLTableRowElement {
  return document.querySelector(`#finding-list tr[data-finding="${finding}"]`)!;
}

function gridCell(row: number, column: number): HTMLElement {
  return document.querySelector(`#grid [data-row="${row}"] .grid-cell[data-column="${column}"]`)!;
}

async function renderReview(roles: Role[] = ['analyst'], onBack = () => {}) {
  render(<ReviewScreen datasetId={4} version={null} roles={roles} onBack={onBack} />);
  await waitFor(() => expect(document.getElementById('finding-list')).not.toBeNull());
}

function use(b: FakeBackend) {
  backend = b;
  vi.mocked(api.scanSummary).mockImplementation(b.scanSummary);
  vi.mocked(api.listFindings).mockImplementation(b.listFindings);
  vi.mocked(api.reviewFindings).mockImplementation(b.reviewFindings);
}

beforeEach(() => {
  vi.mocked(api.datasetInfo).mockReset().mockResolvedValue(info);
  vi.mocked(api.datasetPage).mockReset().mockImplementation(fakePage);
  vi.mocked(api.scanSummary).mockReset();
  vi.mocked(api.listFindings).mockReset();
  vi.mocked(api.reviewFindings).mockReset();
  vi.mocked(api.scanDataset).mockReset();
  vi.mocked(api.cancelScan).mockReset().mockResolvedValue(undefined);
  vi.mocked(api.onScanProgress).mockReset().mockResolvedValue(() => {});
  use(new FakeBackend());
});

describe('ReviewScreen: no scan yet', () => {
  it('offers a scan, shows its progress, and then the findings', async () => {
    use(new FakeBackend(undefined, false));
    let progress: ((p: ScanProgress) => void) | null = null;
    vi.mocked(api.onScanProgress).mockImplementation(async (handler) => {
      progress = handler;
      return () => {};
    });
    let finish!: (s: ScanSummary) => void;
    vi.mocked(api.scanDataset).mockReturnValue(new Promise((r) => (finish = r)));

    render(<ReviewScreen datasetId={4} version={null} roles={['analyst']} onBack={() => {}} />);
    await waitFor(() => expect(document.getElementById('review-not-scanned')).not.toBeNull());
    expect(screen.getByRole('heading', { name: 'This version has not been scanned for PHI yet' })).toBeTruthy();
    expect(api.scanSummary).toHaveBeenCalledWith(4, 3);
    expect(document.getElementById('grid')).toBeNull();

    fireEvent.click(byId('scan-start'));
    await waitFor(() => expect(api.scanDataset).toHaveBeenCalledWith(4, 3));
    expect(byId('scan-start').textContent).toBe('Scanning…');
    act(() => progress!({ stage: 'reading', columns_done: 0, columns: 4 }));
    expect(byId('scan-progress').hasAttribute('value')).toBe(false);
    expect(screen.getByText('Reading the dataset…')).toBeTruthy();
    act(() => progress!({ stage: 'detecting', columns_done: 2, columns: 4 }));
    expect(byId<HTMLProgressElement>('scan-progress').value).toBeCloseTo(0.5);
    expect(screen.getByText('Looking for PHI: 2 of 4 columns')).toBeTruthy();

    backend.scanned = true;
    await act(async () => finish(backend.summary()));
    await waitFor(() => expect(document.getElementById('finding-list')).not.toBeNull());
    expect(byId('scan-message').textContent).toBe('Scan complete: 153 findings to review.');
    expect(document.getElementById('review-not-scanned')).toBeNull();
  });

  it('cancels a scan and says nothing was saved', async () => {
    use(new FakeBackend(undefined, false));
    let fail!: (e: unknown) => void;
    vi.mocked(api.scanDataset).mockReturnValue(new Promise((_, rej) => (fail = rej)));
    render(<ReviewScreen datasetId={4} version={null} roles={['analyst']} onBack={() => {}} />);
    await waitFor(() => expect(document.getElementById('scan-start')).not.toBeNull());
    fireEvent.click(byId('scan-start'));
    await waitFor(() => expect(document.getElementById('scan-cancel')).not.toBeNull());
    fireEvent.click(byId('scan-cancel'));
    expect(api.cancelScan).toHaveBeenCalled();
    await act(async () => fail(new BreakwaterError('cancelled', 'Scan cancelled.')));
    await waitFor(() => expect(byId('scan-status').textContent).toBe('Scan cancelled. Nothing was saved.'));
    expect(byId('scan-error').textContent).toBe('');
    expect(document.getElementById('review-not-scanned')).not.toBeNull();
  });

  it('shows scan errors with their hint', async () => {
    use(new FakeBackend(undefined, false));
    vi.mocked(api.scanDataset).mockRejectedValue(
      new BreakwaterError('integrity', 'Chunk 3 of column 2 was tampered with.', 'Restore from a backup.'),
    );
    render(<ReviewScreen datasetId={4} version={null} roles={['analyst']} onBack={() => {}} />);
    await waitFor(() => expect(document.getElementById('scan-start')).not.toBeNull());
    fireEvent.click(byId('scan-start'));
    await waitFor(() => expect(byId('scan-error').className).toContain('alert-integrity'));
    expect(byId('scan-error').textContent).toContain('Chunk 3 of column 2 was tampered with. — Restore from a backup.');
  });

  it('needs the analyst role to scan', async () => {
    use(new FakeBackend(undefined, false));
    render(<ReviewScreen datasetId={4} version={null} roles={['auditor']} onBack={() => {}} />);
    await waitFor(() => expect(document.getElementById('scan-start')).not.toBeNull());
    expect(byId<HTMLButtonElement>('scan-start').disabled).toBe(true);
    expect(byId('scan-role-hint').textContent).toBe('Scanning needs the analyst role. Ask an administrator to grant it.');
    expect(byId('scan-start').getAttribute('aria-describedby')).toBe('scan-role-hint');
  });
});

describe('ReviewScreen: grid', () => {
  it('shows the scan summary, the legend and a badge with evidence per classified column', async () => {
    const onBack = vi.fn();
    await renderReview(['analyst'], onBack);
    expect(byId('review-dataset').textContent).toBe('clinic_visits · version 3 (latest)');
    expect(byId('review-summary').textContent).toBe(
      '2 columns contain direct identifiers · 1 free-text column with 151 findings · 1 quasi-identifier',
    );
    expect(byId('review-scanned').textContent).toContain('Scanned by ana on');
    const legend = byId('review-legend');
    expect([...legend.querySelectorAll('[data-kind]')].map((e) => e.getAttribute('data-kind'))).toEqual([
      'NAME',
      'DATE',
      'PHONE',
      'MRN',
    ]);
    expect(within(legend).getByText('Pending')).toBeTruthy();

    const badge = document.querySelector<HTMLElement>('#grid [data-column-badge="0"]')!;
    expect(badge.textContent).toContain('MRN');
    expect(badge.textContent).toContain('98%');
    expect(badge.title).toContain("Evidence: header 'mrn'; 100% of 1,000 sampled values");
    const described = byId(badge.getAttribute('aria-describedby')!);
    expect(described.textContent).toContain('Direct identifier: Medical record numbers, 98% confidence.');
    expect(document.querySelector('#grid [data-column-badge="3"]')!.textContent).toContain('FREE TEXT');
    // A quasi-identifier is named but not painted: its badge takes no kind colour.
    const age = document.querySelector<HTMLElement>('#grid [data-column-badge="2"]')!;
    expect(age.textContent).toContain('QUASI · AGE');
    expect(age.style.getPropertyValue('--phi')).toBe('');

    fireEvent.click(byId('review-back'));
    expect(onBack).toHaveBeenCalled();
  });

  it('highlights direct columns by kind and cuts free-text spans by code points', async () => {
    await renderReview();
    await waitFor(() => expect(gridCell(0, 0)).not.toBeNull());
    await waitFor(() => expect(gridCell(0, 0).className).toContain('phi-pending'));
    expect(gridCell(0, 0).className).toContain('phi-cell');
    expect(gridCell(0, 0).style.getPropertyValue('--phi')).toBe('#44AA99');
    expect(gridCell(0, 1).style.getPropertyValue('--phi')).toBe('#CC6677');
    expect(gridCell(0, 2).className).not.toContain('phi-');

    // Row 0 of notes: "Pt 😀 Ana Lima called 555-0100"; NAME is scalars 5–13.
    await waitFor(() => expect(gridCell(0, 3).querySelectorAll('mark')).toHaveLength(2));
    const marks = gridCell(0, 3).querySelectorAll('mark');
    expect(marks[0].textContent).toBe('Ana Lima');
    expect(marks[0].getAttribute('data-kind')).toBe('NAME');
    expect(marks[0].className).toContain('phi-pending');
    expect(marks[1].textContent).toBe('555-0100');
    expect(gridCell(0, 3).textContent).toBe('Pt \u{1F600} Ana Lima called 555-0100');
    expect(gridCell(0, 3).title).toContain('NAME (pending), PHONE (pending)');
    expect(api.listFindings).toHaveBeenCalledWith(expect.objectContaining({ rows: { first: 0, last: 199 }, limit: 1000 }));
  });
});

describe('ReviewScreen: findings list', () => {
  it('lists a page of findings with kind, place, confidence, rule and status', async () => {
    await renderReview();
    expect(api.listFindings).toHaveBeenCalledWith({
      dataset: 4,
      version: 3,
      column: null,
      kinds: [],
      status: null,
      minConfidence: null,
      rows: null,
      offset: 0,
      limit: 100,
    });
    const rows = document.querySelectorAll('#finding-list tbody tr');
    expect(rows).toHaveLength(100);
    expect(rows[0].textContent).toContain('MRN');
    expect(rows[0].textContent).toContain('mrn · every row');
    expect(listRow(3).textContent).toContain('notes · row 1');
    expect(listRow(3).textContent).toContain('90%');
    expect(listRow(3).textContent).toContain('name.dictionary');
    expect(listRow(3).textContent).toContain('Pending');
    expect(byId('findings-range').textContent).toBe('Findings 1–100 of 153');
  });

  it('filters by several kinds, minimum confidence and status', async () => {
    await renderReview();
    fireEvent.click(document.querySelector('#filter-kinds input[data-kind="PHONE"]')!);
    fireEvent.click(document.querySelector('#filter-kinds input[data-kind="NAME"]')!);
    await waitFor(() =>
      expect(api.listFindings).toHaveBeenLastCalledWith(expect.objectContaining({ kinds: ['NAME', 'PHONE'], offset: 0 })),
    );
    await waitFor(() => expect(document.querySelectorAll('#finding-list tbody tr')).toHaveLength(3));
    expect(byId('filter-kinds-summary').textContent).toBe('NAME, PHONE');

    fireEvent.change(byId('filter-confidence'), { target: { value: '95' } });
    expect(byId('filter-confidence-value').textContent).toBe('95%');
    await waitFor(() => expect(document.querySelectorAll('#finding-list tbody tr')).toHaveLength(2));
    expect(api.listFindings).toHaveBeenLastCalledWith(expect.objectContaining({ minConfidence: 0.95 }));

    fireEvent.change(byId('filter-status'), { target: { value: 'accepted' } });
    await waitFor(() => expect(document.getElementById('findings-filtered')).not.toBeNull());
    expect(byId('findings-filtered').textContent).toContain('No finding matches these filters.');
    expect(api.listFindings).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'accepted' }));

    fireEvent.click(within(byId('findings-filtered')).getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(document.querySelectorAll('#finding-list tbody tr')).toHaveLength(100));
  });

  it('pages through findings', async () => {
    await renderReview();
    expect((byId('findings-prev') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(byId('findings-next'));
    await waitFor(() => expect(byId('findings-range').textContent).toBe('Findings 101–153 of 153'));
    expect(api.listFindings).toHaveBeenLastCalledWith(expect.objectContaining({ offset: 100 }));
    expect((byId('findings-next') as HTMLButtonElement).disabled).toBe(true);
  });

  it('selecting a finding opens its cell in the text viewer with labelled spans', async () => {
    await renderReview();
    fireEvent.click(listRow(4));
    await waitFor(() => expect(document.getElementById('text-viewer-text')).not.toBeNull());
    expect(api.datasetPage).toHaveBeenCalledWith(4, 3, 0, 1);
    expect(byId('text-viewer-title').textContent).toBe('Row 1, column notes');
    const text = byId('text-viewer-text');
    const marks = text.querySelectorAll('mark');
    expect(marks).toHaveLength(2);
    // Screen readers hear the kind and status where a span starts; the visible tag is hidden from them.
    expect(marks[0].querySelector('.visually-hidden')!.textContent).toBe('NAME, pending: ');
    expect(marks[0].querySelector('.phi-tag')!.textContent).toBe('NAME');
    expect(marks[0].querySelector('.phi-tag')!.getAttribute('aria-hidden')).toBe('true');
    expect(marks[1].className).toContain('phi-mark-selected');
    expect(marks[1].getAttribute('data-kind')).toBe('PHONE');
    expect(listRow(4).getAttribute('aria-current')).toBe('true');
    // The selected cell is marked in the grid.
    await waitFor(() => expect(gridCell(0, 3).className).toContain('grid-cell-selected'));

    fireEvent.click(byId('text-viewer-close'));
    expect(document.getElementById('text-viewer')).toBeNull();
  });

  it("shows the viewer's error when the cell cannot be read", async () => {
    await renderReview();
    // The viewer reads one row; the grid's pages still load.
    vi.mocked(api.datasetPage).mockImplementation((d, v, offset, limit) =>
      limit === 1 ? Promise.reject(new BreakwaterError('integrity', 'Chunk 0 of column 4 was tampered with.')) : fakePage(d, v, offset, limit),
    );
    fireEvent.click(listRow(3));
    await waitFor(() => expect(byId('text-viewer-error').className).toContain('alert-integrity'));
    expect(document.getElementById('text-viewer-text')).toBeNull();
  });

  it('explains a whole-column finding instead of showing a cell', async () => {
    await renderReview();
    fireEvent.click(listRow(2));
    await waitFor(() => expect(document.getElementById('text-viewer-column')).not.toBeNull());
    expect(byId('text-viewer-title').textContent).toBe('Column patient_name');
    expect(byId('text-viewer-column').textContent).toContain('names (NAME)');
  });

  it('accepts and rejects findings with the buttons, sending the reason and the scan', async () => {
    await renderReview();
    fireEvent.change(byId('review-reason'), { target: { value: '  Checked against the chart ' } });
    fireEvent.click(listRow(3).querySelector('[data-action="accept"]')!);
    await waitFor(() => expect(byId('review-decided').textContent).toBe('Accepted 1 finding.'));
    expect(api.reviewFindings).toHaveBeenCalledWith({
      dataset: 4,
      version: 3,
      selection: { ids: [3] },
      decision: 'accepted',
      reason: 'Checked against the chart',
      scan: 12,
    });
    await waitFor(() => expect(listRow(3).textContent).toContain('Accepted'));
    // The grid's highlight follows: accepted spans are filled.
    await waitFor(() => expect(gridCell(0, 3).querySelector('mark[data-kind="NAME"]')!.className).toContain('phi-accepted'));

    fireEvent.click(listRow(4).querySelector('[data-action="reject"]')!);
    await waitFor(() => expect(byId('review-decided').textContent).toBe('Rejected 1 finding.'));
    await waitFor(() => expect(listRow(4).textContent).toContain('Rejected'));
    await waitFor(() => expect(gridCell(0, 3).querySelector('mark[data-kind="PHONE"]')!.className).toContain('phi-rejected'));
  });

  it('is driven by the keyboard: arrows select, A accepts, R rejects, Enter shows the grid row', async () => {
    await renderReview();
    const body = document.querySelector('#finding-list tbody')!;
    // Tabbing into the list selects the row that takes the focus.
    act(() => listRow(1).focus());
    expect(listRow(1).getAttribute('aria-current')).toBe('true');
    fireEvent.keyDown(body, { key: 'ArrowDown' });
    expect(listRow(2).getAttribute('aria-current')).toBe('true');
    fireEvent.keyDown(body, { key: 'ArrowDown' });
    expect(listRow(3).getAttribute('aria-current')).toBe('true');
    expect(listRow(3).tabIndex).toBe(0);
    expect(listRow(1).tabIndex).toBe(-1);
    await waitFor(() => expect(document.activeElement).toBe(listRow(3)));

    fireEvent.keyDown(body, { key: 'a' });
    await waitFor(() => expect(listRow(3).textContent).toContain('Accepted'));
    expect(api.reviewFindings).toHaveBeenLastCalledWith(expect.objectContaining({ selection: { ids: [3] }, decision: 'accepted', reason: null }));
    // The selection moves on to the next finding.
    await waitFor(() => expect(listRow(4).getAttribute('aria-current')).toBe('true'));

    fireEvent.keyDown(body, { key: 'R' });
    await waitFor(() => expect(listRow(4).textContent).toContain('Rejected'));
    await waitFor(() => expect(listRow(5).getAttribute('aria-current')).toBe('true'));

    // Finding 5 is in row 2 (index 1)... Enter scrolls the grid there even after scrolling away.
    const grid = byId('grid');
    grid.scrollTop = 20_000;
    fireEvent.scroll(grid);
    fireEvent.keyDown(body, { key: 'Enter' });
    expect(grid.scrollTop).toBe(0);

    // Modified keys are left alone.
    fireEvent.keyDown(body, { key: 'a', ctrlKey: true });
    expect(api.reviewFindings).toHaveBeenCalledTimes(2);
  });

  it('moves on to the next page with the arrow key at the end of a page', async () => {
    await renderReview();
    const body = document.querySelector('#finding-list tbody')!;
    act(() => listRow(1).focus());
    fireEvent.keyDown(body, { key: 'End' });
    expect(document.querySelectorAll('#finding-list tbody tr')[99].getAttribute('aria-current')).toBe('true');
    fireEvent.keyDown(body, { key: 'ArrowDown' });
    await waitFor(() => expect(byId('findings-range').textContent).toBe('Findings 101–153 of 153'));
    await waitFor(() => expect(listRow(101).getAttribute('aria-current')).toBe('true'));
    fireEvent.keyDown(body, { key: 'ArrowUp' });
    await waitFor(() => expect(byId('findings-range').textContent).toBe('Findings 1–100 of 153'));
    await waitFor(() => expect(listRow(100).getAttribute('aria-current')).toBe('true'));
  });

  it('with a status filter, a decided finding leaves the list and the next one is selected', async () => {
    await renderReview();
    fireEvent.change(byId('filter-status'), { target: { value: 'pending' } });
    await waitFor(() => expect(api.listFindings).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'pending' })));
    const body = document.querySelector('#finding-list tbody')!;
    fireEvent.click(listRow(3));
    fireEvent.keyDown(body, { key: 'a' });
    await waitFor(() => expect(listRow(3)).toBeNull());
    expect(listRow(4).getAttribute('aria-current')).toBe('true');
  });

  it('accepts and rejects a whole column', async () => {
    await renderReview();
    const notes = document.querySelector('#column-list [data-column="3"]')!;
    expect(notes.textContent).toContain('Free text · 151 findings');
    expect(notes.textContent).toContain('long text with many distinct values');
    fireEvent.change(byId('review-reason'), { target: { value: 'Synthetic notes' } });
    fireEvent.click(within(notes as HTMLElement).getByRole('button', { name: 'Reject column notes' }));
    await waitFor(() => expect(byId('review-decided').textContent).toBe('Rejected 151 findings in column notes.'));
    expect(api.reviewFindings).toHaveBeenCalledWith(
      expect.objectContaining({ selection: { column: 3 }, decision: 'rejected', reason: 'Synthetic notes', scan: 12 }),
    );

    const mrn = document.querySelector<HTMLElement>('#column-list [data-column="0"]')!;
    expect(mrn.textContent).toContain('Direct identifier · Pending');
    fireEvent.click(within(mrn).getByRole('button', { name: 'Accept column mrn' }));
    await waitFor(() => expect(byId('review-decided').textContent).toBe('Accepted 1 finding in column mrn.'));
    await waitFor(() => expect(mrn.textContent).toContain('Direct identifier · Accepted'));
    await waitFor(() => expect(gridCell(0, 0).className).toContain('phi-accepted'));
    // The age column has no findings: nothing to accept.
    const age = document.querySelector<HTMLElement>('#column-list [data-column="2"]')!;
    expect((within(age).getByRole('button', { name: 'Accept column age' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('a column name filters the list to it', async () => {
    await renderReview();
    fireEvent.click(within(document.querySelector<HTMLElement>('#column-list [data-column="1"]')!).getByRole('button', { name: 'patient_name' }));
    await waitFor(() => expect(api.listFindings).toHaveBeenLastCalledWith(expect.objectContaining({ column: 1, rows: null })));
    expect((byId('filter-column') as HTMLSelectElement).value).toBe('1');
  });

  it('shows review errors and keeps the status', async () => {
    await renderReview();
    vi.mocked(api.reviewFindings).mockRejectedValueOnce(
      new BreakwaterError('input', 'Version 3 was re-scanned since you loaded its findings.', 'Reload the review.'),
    );
    fireEvent.click(listRow(3).querySelector('[data-action="accept"]')!);
    await waitFor(() =>
      expect(byId('review-decide-error').textContent).toBe(
        'Version 3 was re-scanned since you loaded its findings. — Reload the review.',
      ),
    );
    expect(listRow(3).textContent).toContain('Pending');
    // Reloading fetches the current scan again.
    const calls = vi.mocked(api.scanSummary).mock.calls.length;
    fireEvent.click(byId('review-reload'));
    await waitFor(() => expect(vi.mocked(api.scanSummary).mock.calls.length).toBe(calls + 1));
    await waitFor(() => expect(document.getElementById('finding-list')).not.toBeNull());
    expect(byId('review-decide-error').textContent).toBe('');
  });

  it('does not offer decisions without the analyst role', async () => {
    await renderReview(['auditor']);
    expect((listRow(3).querySelector('[data-action="accept"]') as HTMLButtonElement).disabled).toBe(true);
    expect(byId('review-role-hint').textContent).toBe('Accepting and rejecting findings needs the analyst role.');
    fireEvent.keyDown(document.querySelector('#finding-list tbody')!, { key: 'ArrowDown' });
    fireEvent.keyDown(document.querySelector('#finding-list tbody')!, { key: 'a' });
    expect(api.reviewFindings).not.toHaveBeenCalled();
  });
});

describe('ReviewScreen: empty states and errors', () => {
  it('says when the scan found nothing', async () => {
    // Nothing found: no column is direct, the free text has no spans.
    const b = new FakeBackend([]);
    const summary = b.summary();
    summary.columns = summary.columns.map((c) => (c.class === 'direct' ? { ...c, class: 'none', kind: null, n_findings: 0 } : c));
    use(b);
    vi.mocked(api.scanSummary).mockResolvedValue(summary);
    render(<ReviewScreen datasetId={4} version={null} roles={['analyst']} onBack={() => {}} />);
    await waitFor(() => expect(document.getElementById('findings-empty')).not.toBeNull());
    expect(byId('findings-empty').textContent).toBe('The scan found nothing to review.');
    expect(byId('review-nothing').textContent).toContain('The scan found no PHI in this version');
    expect(byId('review-summary').textContent).toBe('No column contains direct identifiers · 1 free-text column with 0 findings · 1 quasi-identifier',
    );
    expect(document.getElementById('grid')).not.toBeNull();
  });

  it('shows load errors', async () => {
    vi.mocked(api.scanSummary).mockRejectedValue(new BreakwaterError('auth', 'Viewing PHI findings needs the analyst role.'));
    render(<ReviewScreen datasetId={4} version={null} roles={['auditor']} onBack={() => {}} />);
    await waitFor(() => expect(byId('review-error').textContent).toBe('Viewing PHI findings needs the analyst role.'));
    expect(document.getElementById('finding-list')).toBeNull();
  });

  it('shows list errors', async () => {
    vi.mocked(api.listFindings).mockRejectedValue(new BreakwaterError('integrity', 'Finding 7 of scan 12 was tampered with.'));
    render(<ReviewScreen datasetId={4} version={null} roles={['analyst']} onBack={() => {}} />);
    await waitFor(() => expect(byId('findings-error').className).toContain('alert-integrity'));
  });

  it('scans again after confirming, with the findings reset', async () => {
    await renderReview();
    fireEvent.click(byId('rescan-open'));
    expect(byId('rescan-panel').textContent).toContain('the new findings start as pending');
    fireEvent.click(byId('scan-dismiss'));
    expect(document.getElementById('rescan-panel')).toBeNull();
    fireEvent.click(byId('rescan-open'));
    vi.mocked(api.scanDataset).mockImplementation(async () => backend.summary());
    fireEvent.click(byId('scan-start'));
    await waitFor(() => expect(byId('scan-message').textContent).toBe('Scan complete: 153 findings to review.'));
    expect(api.scanDataset).toHaveBeenCalledWith(4, 3);
    await waitFor(() => expect(document.getElementById('finding-list')).not.toBeNull());
  });
});
