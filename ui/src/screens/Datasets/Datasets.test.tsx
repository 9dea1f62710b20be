import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen, fireEvent, waitFor, act } from '@testing-library/react';
import type { DatasetSummary, ImportProgress, ImportResult } from '../../types';
import { BreakwaterError } from '../../errors';

vi.mock('../../api', () => ({
  listDatasets: vi.fn(),
  importDataset: vi.fn(),
  cancelImport: vi.fn(),
  onImportProgress: vi.fn(),
  chooseImportFile: vi.fn(),
}));

import * as api from '../../api';
import { DatasetsScreen } from './DatasetsScreen';

const datasets: DatasetSummary[] = [
  {
    dataset: 1,
    name: 'clinic_visits',
    versions: 2,
    rows: 1234567,
    columns: 19,
    created_at: '2025-03-04T14:05:09Z',
    created_by: 'ana',
  },
  {
    dataset: 2,
    name: 'claims',
    versions: 1,
    rows: 3000,
    columns: 7,
    created_at: '2025-03-05T09:00:00Z',
    created_by: 'ben',
  },
];

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} not found`);
  return el as T;
}

beforeEach(() => {
  vi.mocked(api.listDatasets).mockReset();
  vi.mocked(api.importDataset).mockReset();
  vi.mocked(api.cancelImport).mockReset().mockResolvedValue(undefined);
  vi.mocked(api.onImportProgress).mockReset().mockResolvedValue(() => {});
  vi.mocked(api.chooseImportFile).mockReset();
});

describe('DatasetsScreen', () => {
  it('renders one row per dataset', async () => {
    vi.mocked(api.listDatasets).mockResolvedValue(datasets);
    render(<DatasetsScreen onOpen={() => {}} />);
    expect(screen.getByRole('heading', { name: 'Datasets' })).toBeTruthy();
    await waitFor(() => expect(document.getElementById('dataset-list')).not.toBeNull());
    const rows = byId('dataset-list').querySelectorAll('tbody tr[data-dataset-id]');
    expect(rows).toHaveLength(2);
    expect(rows[0].getAttribute('data-dataset-id')).toBe('1');
    expect(rows[0].textContent).toContain('clinic_visits');
    expect(rows[0].textContent).toContain('1,234,567');
    expect(rows[0].textContent).toContain('19');
    expect(rows[0].textContent).toContain('ana');
    expect(rows[1].textContent).toContain('3,000');
  });

  it('opens a dataset by click and by Enter', async () => {
    vi.mocked(api.listDatasets).mockResolvedValue(datasets);
    const onOpen = vi.fn();
    render(<DatasetsScreen onOpen={onOpen} />);
    await waitFor(() => expect(document.querySelector('tr[data-dataset-id="2"]')).not.toBeNull());
    fireEvent.click(document.querySelector('tr[data-dataset-id="2"]')!);
    expect(onOpen).toHaveBeenLastCalledWith(2);
    fireEvent.keyDown(document.querySelector('tr[data-dataset-id="1"]')!, { key: 'Enter' });
    expect(onOpen).toHaveBeenLastCalledWith(1);
  });

  it('shows the empty state', async () => {
    vi.mocked(api.listDatasets).mockResolvedValue([]);
    render(<DatasetsScreen onOpen={() => {}} />);
    await waitFor(() => expect(screen.getByText('No datasets yet. Import a CSV file to begin.')).toBeTruthy());
    expect(document.getElementById('dataset-list')).toBeNull();
  });

  it('shows a list error', async () => {
    vi.mocked(api.listDatasets).mockRejectedValue(new BreakwaterError('auth', 'You do not have the analyst role.'));
    render(<DatasetsScreen onOpen={() => {}} />);
    await waitFor(() => expect(byId('datasets-error').textContent).toBe('You do not have the analyst role.'));
  });
});

describe('Import panel', () => {
  it('fills the path and name from Browse…', async () => {
    vi.mocked(api.listDatasets).mockResolvedValue([]);
    vi.mocked(api.chooseImportFile).mockResolvedValue('/data/clinic_visits.csv');
    render(<DatasetsScreen onOpen={() => {}} />);
    fireEvent.click(byId('import-browse'));
    await waitFor(() => expect(byId<HTMLInputElement>('import-path').value).toBe('/data/clinic_visits.csv'));
    expect(byId<HTMLInputElement>('import-name').value).toBe('clinic_visits');
  });

  it('requires a file', async () => {
    vi.mocked(api.listDatasets).mockResolvedValue([]);
    render(<DatasetsScreen onOpen={() => {}} />);
    fireEvent.click(byId('import-start'));
    await waitFor(() => expect(byId('import-error').textContent).toMatch(/Choose a file/));
    expect(api.importDataset).not.toHaveBeenCalled();
  });

  it('imports, shows progress, then the summary, and refreshes the list', async () => {
    vi.mocked(api.listDatasets).mockResolvedValueOnce([]).mockResolvedValue(datasets);
    let progress: ((p: ImportProgress) => void) | null = null;
    vi.mocked(api.onImportProgress).mockImplementation(async (handler) => {
      progress = handler;
      return () => {};
    });
    let finish!: (r: ImportResult) => void;
    vi.mocked(api.importDataset).mockReturnValue(new Promise((r) => (finish = r)));

    render(<DatasetsScreen onOpen={() => {}} />);
    fireEvent.change(byId('import-path'), { target: { value: '/data/clinic_visits.csv' } });
    fireEvent.change(byId('import-delimiter'), { target: { value: ';' } });
    fireEvent.click(byId('import-start'));

    await waitFor(() => expect(api.importDataset).toHaveBeenCalledWith('/data/clinic_visits.csv', 'clinic_visits', ';'));
    expect(document.getElementById('import-cancel')).not.toBeNull();
    act(() => progress!({ bytes_read: 500, total_bytes: 1000, rows_read: 1500 }));
    const bar = byId<HTMLProgressElement>('import-progress');
    expect(bar.value).toBeCloseTo(0.5);
    expect(screen.getByText(/1,500 rows read · 50%/)).toBeTruthy();
    act(() => progress!({ bytes_read: 500, total_bytes: null, rows_read: 1600 }));
    expect(byId('import-progress').hasAttribute('value')).toBe(false);

    await act(async () => {
      finish({ dataset: 1, name: 'clinic_visits', version: 1, rows: 3000, columns: Array(19).fill('c') });
    });
    await waitFor(() =>
      expect(byId('import-status').textContent).toBe('Imported 3,000 rows × 19 columns as “clinic_visits”.'),
    );
    expect(document.getElementById('import-progress')).toBeNull();
    await waitFor(() => expect(document.querySelectorAll('tr[data-dataset-id]')).toHaveLength(2));
  });

  it('cancels an import', async () => {
    vi.mocked(api.listDatasets).mockResolvedValue([]);
    let fail!: (e: unknown) => void;
    vi.mocked(api.importDataset).mockReturnValue(new Promise((_, rej) => (fail = rej)));
    render(<DatasetsScreen onOpen={() => {}} />);
    fireEvent.change(byId('import-path'), { target: { value: '/data/a.csv' } });
    fireEvent.click(byId('import-start'));
    await waitFor(() => expect(document.getElementById('import-cancel')).not.toBeNull());
    expect(api.importDataset).toHaveBeenCalledWith('/data/a.csv', 'a', null);
    fireEvent.click(byId('import-cancel'));
    expect(api.cancelImport).toHaveBeenCalled();
    await act(async () => fail(new BreakwaterError('cancelled', 'Import cancelled.')));
    await waitFor(() => expect(byId('import-status').textContent).toMatch(/cancelled/));
    expect(byId('import-error').textContent).toBe('');
  });

  it('shows import errors', async () => {
    vi.mocked(api.listDatasets).mockResolvedValue([]);
    vi.mocked(api.importDataset).mockRejectedValue(
      new BreakwaterError('input', 'Line 12 has 18 fields, expected 19.', 'Check the delimiter.'),
    );
    render(<DatasetsScreen onOpen={() => {}} />);
    fireEvent.change(byId('import-path'), { target: { value: '/data/a.csv' } });
    fireEvent.change(byId('import-name'), { target: { value: 'visits' } });
    fireEvent.click(byId('import-start'));
    await waitFor(() =>
      expect(byId('import-error').textContent).toBe('Line 12 has 18 fields, expected 19. — Check the delimiter.'),
    );
  });
});
