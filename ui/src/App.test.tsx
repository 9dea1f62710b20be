import { describe, expect, it, vi, beforeEach, afterEach } from 'vitest';
import { render, screen, fireEvent, waitFor, act } from '@testing-library/react';
import type { DatasetInfo, DatasetSummary, SessionInfo, WorkspaceStatus } from './types';
import { BreakwaterError } from './errors';

const lockedListeners = new Set<() => void>();

vi.mock('./api', () => ({
  workspaceStatus: vi.fn(),
  unlock: vi.fn(),
  createWorkspace: vi.fn(),
  lock: vi.fn(),
  listDatasets: vi.fn(),
  auditEvents: vi.fn(),
  verifyAudit: vi.fn(),
  importDataset: vi.fn(),
  cancelImport: vi.fn(),
  onImportProgress: vi.fn(),
  chooseImportFile: vi.fn(),
  datasetInfo: vi.fn(),
  datasetPage: vi.fn(),
  assessRisk: vi.fn(),
  saveRiskReport: vi.fn(),
  scanSummary: vi.fn(),
  listFindings: vi.fn(),
  reviewFindings: vi.fn(),
  scanDataset: vi.fn(),
  cancelScan: vi.fn(),
  onScanProgress: vi.fn(),
  errorCode: (e: unknown) => (e instanceof BreakwaterError ? e.code : null),
  onSessionLocked: (fn: () => void) => {
    lockedListeners.add(fn);
    return () => lockedListeners.delete(fn);
  },
}));

import * as api from './api';
import { App } from './App';

const session: SessionInfo = {
  workspace: '/home/ana/Breakwater',
  user: 'ana',
  roles: ['admin', 'auditor'],
  idle_timeout_secs: 900,
};
const unlocked: WorkspaceStatus = {
  workspace: session.workspace,
  exists: true,
  unlocked: true,
  session,
  locked_reason: null,
};
const summary: DatasetSummary = {
  dataset: 7,
  name: 'discharges_2024',
  versions: 2,
  rows: 3,
  columns: 2,
  created_at: '2025-03-04T14:05:09Z',
  created_by: 'ana',
};
const info = (version: number): DatasetInfo => ({
  dataset: 7,
  name: 'discharges_2024',
  version,
  versions: 2,
  total_rows: 3,
  columns: [
    { name: 'age', type: 'integer' },
    { name: 'zip', type: 'text' },
  ],
});
const idleLocked: WorkspaceStatus = { ...unlocked, unlocked: false, session: null, locked_reason: 'idle' };

beforeEach(() => {
  lockedListeners.clear();
  vi.mocked(api.workspaceStatus).mockReset().mockResolvedValue(unlocked);
  vi.mocked(api.listDatasets).mockReset().mockResolvedValue([]);
  vi.mocked(api.auditEvents).mockReset().mockResolvedValue([]);
  vi.mocked(api.lock).mockReset().mockResolvedValue(undefined);
  vi.mocked(api.unlock).mockReset().mockResolvedValue(session);
  vi.mocked(api.datasetInfo).mockReset().mockImplementation(async (_d, v) => info(v ?? 2));
  vi.mocked(api.datasetPage).mockReset().mockResolvedValue({ offset: 0, rows: [] });
  vi.mocked(api.scanSummary).mockReset().mockResolvedValue(null);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('App shell', () => {
  it('shows the Datasets screen, the user and roles when unlocked', async () => {
    render(<App />);
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Datasets' })).toBeTruthy());
    expect(document.getElementById('current-user')!.textContent).toBe('ana');
    expect(document.getElementById('current-roles')!.textContent).toBe('Administrator, Auditor');
    fireEvent.click(document.getElementById('nav-audit')!);
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Audit trail' })).toBeTruthy());
    expect(document.getElementById('nav-audit')!.getAttribute('aria-current')).toBe('page');
  });

  it('shows the create form when there is no workspace', async () => {
    vi.mocked(api.workspaceStatus).mockResolvedValue({
      workspace: '/w',
      exists: false,
      unlocked: false,
      session: null,
      locked_reason: null,
    });
    render(<App />);
    await waitFor(() => expect(document.getElementById('create-workspace')).not.toBeNull());
  });

  it('Lock calls api.lock and returns to Unlock', async () => {
    render(<App />);
    await waitFor(() => expect(document.getElementById('lock')).not.toBeNull());
    vi.mocked(api.workspaceStatus).mockResolvedValue({ ...idleLocked, locked_reason: 'manual' });
    fireEvent.click(document.getElementById('lock')!);
    await waitFor(() => expect(document.getElementById('unlock')).not.toBeNull());
    expect(api.lock).toHaveBeenCalled();
    expect((document.getElementById('user') as HTMLInputElement).value).toBe('ana');
  });

  it('a `locked` error from any command returns to Unlock with the idle message', async () => {
    render(<App />);
    await waitFor(() => expect(document.getElementById('lock')).not.toBeNull());
    vi.mocked(api.workspaceStatus).mockResolvedValue(idleLocked);
    await act(async () => {
      for (const l of lockedListeners) l();
    });
    await waitFor(() => expect(document.getElementById('unlock')).not.toBeNull());
    expect(screen.getByText('Locked after 15 minutes without activity.')).toBeTruthy();
  });

  it('polls workspace_status every 10 s and locks when it reports locked', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    render(<App />);
    await waitFor(() => expect(document.getElementById('lock')).not.toBeNull());
    vi.mocked(api.workspaceStatus).mockResolvedValue(idleLocked);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10_000);
    });
    await waitFor(() => expect(document.getElementById('unlock')).not.toBeNull());
    expect(screen.getByText('Locked after 15 minutes without activity.')).toBeTruthy();
  });

  it('shows a startup integrity error prominently', async () => {
    vi.mocked(api.workspaceStatus).mockRejectedValue(
      new BreakwaterError('integrity', 'The workspace file has been modified.', 'Restore from a backup.'),
    );
    render(<App />);
    await waitFor(() => expect(document.getElementById('startup-error')!.className).toContain('alert-integrity'));
  });

  it('shows a Risk tab only while a dataset is open, and moves between Dataset and Risk', async () => {
    vi.mocked(api.listDatasets).mockResolvedValue([summary]);
    render(<App />);
    await waitFor(() => expect(document.querySelector('[data-dataset-id="7"]')).not.toBeNull());
    expect(document.getElementById('nav-risk')).toBeNull();

    fireEvent.click(document.querySelector('[data-dataset-id="7"]')!);
    await waitFor(() => expect(document.getElementById('open-risk')).not.toBeNull());
    expect(document.getElementById('nav-risk')).not.toBeNull();

    // Select version 1, then "Assess risk" opens the Risk screen on it.
    fireEvent.change(document.getElementById('dataset-version')!, { target: { value: '1' } });
    await waitFor(() => expect(api.datasetInfo).toHaveBeenCalledWith(7, 1));
    await waitFor(() => expect(document.getElementById('dataset-shape')!.textContent).toContain('version 1'));
    fireEvent.click(document.getElementById('open-risk')!);
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Re-identification risk' })).toBeTruthy());
    expect(document.getElementById('nav-risk')!.getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(document.getElementById('risk-dataset')!.textContent).toBe('discharges_2024 · version 1 of 2'));

    fireEvent.click(document.getElementById('risk-back')!);
    await waitFor(() => expect(screen.getByRole('heading', { name: 'discharges_2024' })).toBeTruthy());
    expect(document.getElementById('nav-datasets')!.getAttribute('aria-current')).toBe('page');

    // The tab returns to the Risk screen; Datasets closes the dataset and hides the tab.
    fireEvent.click(document.getElementById('nav-risk')!);
    await waitFor(() => expect(document.getElementById('qi-list')).not.toBeNull());
    fireEvent.click(document.getElementById('nav-datasets')!);
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Datasets' })).toBeTruthy());
    expect(document.getElementById('nav-risk')).toBeNull();
  });

  it('opens the PHI review from a dataset, with its own tab', async () => {
    vi.mocked(api.listDatasets).mockResolvedValue([summary]);
    render(<App />);
    await waitFor(() => expect(document.querySelector('[data-dataset-id="7"]')).not.toBeNull());
    expect(document.getElementById('nav-review')).toBeNull();
    fireEvent.click(document.querySelector('[data-dataset-id="7"]')!);
    await waitFor(() => expect(document.getElementById('open-review')).not.toBeNull());
    fireEvent.click(document.getElementById('open-review')!);
    await waitFor(() => expect(screen.getByRole('heading', { name: 'PHI review' })).toBeTruthy());
    expect(document.getElementById('nav-review')!.getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(document.getElementById('review-not-scanned')).not.toBeNull());
    expect(api.scanSummary).toHaveBeenCalledWith(7, 2);
    // The session has no analyst role: the scan button says so.
    expect((document.getElementById('scan-start') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(document.getElementById('review-back')!);
    await waitFor(() => expect(screen.getByRole('heading', { name: 'discharges_2024' })).toBeTruthy());
    fireEvent.click(document.getElementById('nav-review')!);
    await waitFor(() => expect(screen.getByRole('heading', { name: 'PHI review' })).toBeTruthy());
  });
});
