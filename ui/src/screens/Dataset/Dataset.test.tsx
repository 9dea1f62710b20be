import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/react';
import type { DatasetInfo, Page } from '../../types';

vi.mock('../../api', () => ({
  datasetInfo: vi.fn(),
  datasetPage: vi.fn(),
}));

import * as api from '../../api';
import { DatasetScreen } from './DatasetScreen';

function info(version: number, rows = 1_000_000): DatasetInfo {
  return {
    dataset: 4,
    name: 'clinic_visits',
    version,
    versions: 3,
    total_rows: rows,
    columns: [
      { name: 'patient_id', type: 'integer' },
      { name: 'visit_date', type: 'date' },
      { name: 'notes', type: 'text' },
    ],
  };
}

function fakePage(_d: number, _v: number | null, offset: number, limit: number): Promise<Page> {
  return Promise.resolve({
    offset,
    rows: Array.from({ length: limit }, (_, i) => [String(offset + i), '2025-01-01', `note ${offset + i}`]),
  });
}

beforeEach(() => {
  vi.mocked(api.datasetInfo).mockReset().mockImplementation(async (_d, v) => info(v ?? 3));
  vi.mocked(api.datasetPage).mockReset().mockImplementation(fakePage);
});

describe('DatasetScreen', () => {
  it('shows the header, a version selector and the first rows', async () => {
    const onBack = vi.fn();
    render(<DatasetScreen datasetId={4} onBack={onBack} />);
    await waitFor(() => expect(screen.getByRole('heading', { name: 'clinic_visits' })).toBeTruthy());
    expect(api.datasetInfo).toHaveBeenCalledWith(4, null);
    expect(document.getElementById('dataset-shape')!.textContent).toContain('1,000,000 rows × 3 columns');
    expect((document.getElementById('dataset-version') as HTMLSelectElement).value).toBe('3');

    const grid = document.getElementById('grid')!;
    expect(grid.tabIndex).toBe(0);
    // Only a window of rows is rendered, never all of them.
    expect(grid.querySelectorAll('.grid-row').length).toBeLessThan(100);
    await waitFor(() => expect(grid.querySelector('.grid-cell[title="note 0"]')).not.toBeNull());
    expect(api.datasetPage).toHaveBeenCalledWith(4, 3, 0, 200);
    // Header shows column names with type tags.
    expect(grid.textContent).toContain('patient_id');
    expect(grid.textContent).toContain('date');

    fireEvent.click(document.getElementById('dataset-back')!);
    expect(onBack).toHaveBeenCalled();
  });

  it('shows placeholders while a page loads, then the data', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    vi.mocked(api.datasetPage).mockImplementation(async (...args) => {
      await gate;
      return fakePage(...args);
    });
    render(<DatasetScreen datasetId={4} onBack={() => {}} />);
    await waitFor(() => expect(document.querySelector('#grid .grid-cell-loading')).not.toBeNull());
    expect(document.querySelector('#grid .grid-cell-loading')!.textContent).toBe('…');
    release();
    await waitFor(() => expect(document.querySelector('#grid .grid-cell-loading')).toBeNull());
  });

  it('End jumps to the last row of 1,000,000', async () => {
    render(<DatasetScreen datasetId={4} onBack={() => {}} />);
    await waitFor(() => expect(document.getElementById('grid')).not.toBeNull());
    const grid = document.getElementById('grid')!;
    fireEvent.keyDown(grid, { key: 'End' });
    await waitFor(() => expect(grid.querySelector('[data-row="999999"]')).not.toBeNull());
    await waitFor(() => expect(api.datasetPage).toHaveBeenCalledWith(4, 3, 999_800, 200));
    await waitFor(() => expect(grid.querySelector('.grid-cell[title="note 999999"]')).not.toBeNull());
    expect(grid.querySelector('[data-row="999999"] .grid-rownum')!.textContent).toBe('1,000,000');
  });

  it('loads another version when selected', async () => {
    render(<DatasetScreen datasetId={4} onBack={() => {}} />);
    await waitFor(() => expect(document.getElementById('dataset-version')).not.toBeNull());
    fireEvent.change(document.getElementById('dataset-version')!, { target: { value: '1' } });
    await waitFor(() => expect(api.datasetInfo).toHaveBeenCalledWith(4, 1));
    await waitFor(() => expect(api.datasetPage).toHaveBeenCalledWith(4, 1, 0, 200));
  });
});
