// Checks the command names and argument keys sent to Rust. The Tauri modules
// are replaced by mocks; nothing from @tauri-apps is loaded.
import { describe, expect, it, vi, beforeEach } from 'vitest';

const invoke = vi.fn();
const listen = vi.fn();
const open = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...a: unknown[]) => invoke(...a) }));
vi.mock('@tauri-apps/api/event', () => ({ listen: (...a: unknown[]) => listen(...a) }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: (...a: unknown[]) => open(...a) }));

import * as api from './api';

beforeEach(() => {
  invoke.mockReset().mockResolvedValue(null);
  listen.mockReset();
  open.mockReset();
});

describe('api wrappers', () => {
  it('send the right command names and camelCase argument keys', async () => {
    await api.workspaceStatus();
    await api.createWorkspace('ana', 'pp');
    await api.unlock('ana', 'pp');
    await api.lock();
    await api.listDatasets();
    await api.importDataset('/a.csv', 'a', null);
    await api.cancelImport();
    await api.datasetInfo(4, null);
    await api.datasetPage(4, 2, 400, 200);
    await api.auditEvents(50);
    await api.verifyAudit();
    expect(invoke.mock.calls).toEqual([
      ['workspace_status', undefined],
      ['create_workspace', { user: 'ana', passphrase: 'pp' }],
      ['unlock', { user: 'ana', passphrase: 'pp' }],
      ['lock', undefined],
      ['list_datasets', undefined],
      ['import_dataset', { path: '/a.csv', name: 'a', delimiter: null }],
      ['cancel_import', undefined],
      ['dataset_info', { dataset: 4, version: null }],
      ['dataset_page', { dataset: 4, version: 2, offset: 400, limit: 200 }],
      ['audit_events', { limit: 50 }],
      ['verify_audit', undefined],
    ]);
  });

  it('wraps command errors in BreakwaterError', async () => {
    invoke.mockRejectedValue({ code: 'auth', message: 'Wrong passphrase.', hint: 'Check Caps Lock.' });
    const err = await api.unlock('ana', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(api.BreakwaterError);
    expect(api.errorText(err)).toBe('Wrong passphrase. — Check Caps Lock.');
  });

  it('tells subscribers when a command fails because the session is locked', async () => {
    const onLocked = vi.fn();
    const unsubscribe = api.onSessionLocked(onLocked);
    invoke.mockRejectedValue({ code: 'locked', message: 'Locked.', hint: null });
    await expect(api.listDatasets()).rejects.toMatchObject({ code: 'locked' });
    expect(onLocked).toHaveBeenCalledTimes(1);
    unsubscribe();
    await expect(api.listDatasets()).rejects.toMatchObject({ code: 'locked' });
    expect(onLocked).toHaveBeenCalledTimes(1);
  });

  it('opens the file dialog for delimited text and returns the path', async () => {
    open.mockResolvedValue('/data/x.csv');
    await expect(api.chooseImportFile()).resolves.toBe('/data/x.csv');
    expect(open).toHaveBeenCalledWith({
      multiple: false,
      directory: false,
      filters: [{ name: 'Delimited text', extensions: ['csv', 'tsv', 'txt'] }],
    });
    open.mockResolvedValue(null);
    await expect(api.chooseImportFile()).resolves.toBeNull();
  });

  it('listens to import-progress events', async () => {
    const unlisten = vi.fn();
    listen.mockResolvedValue(unlisten);
    const handler = vi.fn();
    const stop = await api.onImportProgress(handler);
    expect(listen.mock.calls[0][0]).toBe('import-progress');
    const cb = listen.mock.calls[0][1] as (e: { payload: unknown }) => void;
    cb({ payload: { bytes_read: 1, total_bytes: 2, rows_read: 3 } });
    expect(handler).toHaveBeenCalledWith({ bytes_read: 1, total_bytes: 2, rows_read: 3 });
    stop();
    expect(unlisten).toHaveBeenCalled();
  });

  it('sends the PHI review commands with the keys of docs/review-api.md', async () => {
    await api.scanDataset(4, null);
    await api.cancelScan();
    await api.scanSummary(4, 3);
    await api.columnFindings(4, 3);
    await api.listFindings({
      dataset: 4,
      version: 3,
      column: 2,
      kinds: ['NAME', 'SSN'],
      status: 'pending',
      minConfidence: 0.8,
      rows: { first: 200, last: 399 },
      offset: 100,
      limit: 100,
    });
    await api.listFindings({
      dataset: 4,
      version: null,
      column: null,
      kinds: [],
      status: null,
      minConfidence: null,
      rows: null,
      offset: 0,
      limit: 1000,
    });
    await api.reviewFindings({
      dataset: 4,
      version: 3,
      selection: { ids: [5, 9] },
      decision: 'rejected',
      reason: 'Drug name, not a person',
      scan: 12,
    });
    await api.reviewFindings({ dataset: 4, version: null, selection: { column: 3 }, decision: 'accepted', reason: null, scan: null });
    await api.reviewFindings({ dataset: 4, version: 3, selection: { all: true }, decision: 'accepted', reason: null, scan: 12 });
    expect(invoke.mock.calls).toEqual([
      ['scan_dataset', { dataset: 4, version: null }],
      ['cancel_scan', undefined],
      ['scan_summary', { dataset: 4, version: 3 }],
      ['column_findings', { dataset: 4, version: 3 }],
      [
        'list_findings',
        {
          dataset: 4,
          version: 3,
          column: 2,
          kinds: ['NAME', 'SSN'],
          status: 'pending',
          minConfidence: 0.8,
          rowFirst: 200,
          rowLast: 399,
          offset: 100,
          limit: 100,
        },
      ],
      [
        'list_findings',
        {
          dataset: 4,
          version: null,
          column: null,
          kinds: null,
          status: null,
          minConfidence: null,
          rowFirst: null,
          rowLast: null,
          offset: 0,
          limit: 1000,
        },
      ],
      [
        'review_findings',
        {
          dataset: 4,
          version: 3,
          selection: { ids: [5, 9] },
          decision: 'rejected',
          reason: 'Drug name, not a person',
          scan: 12,
        },
      ],
      ['review_findings', { dataset: 4, version: null, selection: { column: 3 }, decision: 'accepted', reason: null, scan: null }],
      ['review_findings', { dataset: 4, version: 3, selection: { all: true }, decision: 'accepted', reason: null, scan: 12 }],
    ]);
  });

  it('listens to scan-progress events', async () => {
    const unlisten = vi.fn();
    listen.mockResolvedValue(unlisten);
    const handler = vi.fn();
    const stop = await api.onScanProgress(handler);
    expect(listen.mock.calls[0][0]).toBe('scan-progress');
    const cb = listen.mock.calls[0][1] as (e: { payload: unknown }) => void;
    cb({ payload: { stage: 'detecting', columns_done: 2, columns: 9 } });
    expect(handler).toHaveBeenCalledWith({ stage: 'detecting', columns_done: 2, columns: 9 });
    stop();
    expect(unlisten).toHaveBeenCalled();
  });
});
