// The only module that talks to Tauri. Every wrapper maps one-to-one to a Rust
// command; argument keys are camelCase as Tauri 2 expects on the JS side.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { open } from '@tauri-apps/plugin-dialog';
import { BreakwaterError, toBreakwaterError } from './errors';
import type {
  AuditEvent,
  AuditVerification,
  DatasetInfo,
  DatasetSummary,
  ImportProgress,
  ImportResult,
  Page,
  RiskRequest,
  RiskView,
  SavedRiskReport,
  SessionInfo,
  WorkspaceStatus,
} from './types';

export * from './types';
export { BreakwaterError, errorText, errorCode } from './errors';

type LockedListener = (error: BreakwaterError) => void;
const lockedListeners = new Set<LockedListener>();

/**
 * Called whenever any command fails with code `locked`, so the shell can
 * return to the Unlock screen. Returns an unsubscribe function.
 */
export function onSessionLocked(listener: LockedListener): () => void {
  lockedListeners.add(listener);
  return () => {
    lockedListeners.delete(listener);
  };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    const err = toBreakwaterError(raw);
    if (err.code === 'locked') {
      for (const listener of [...lockedListeners]) listener(err);
    }
    throw err;
  }
}

/** Does not count as user activity on the Rust side. */
export function workspaceStatus(): Promise<WorkspaceStatus> {
  return call<WorkspaceStatus>('workspace_status');
}

export function createWorkspace(user: string, passphrase: string): Promise<SessionInfo> {
  return call<SessionInfo>('create_workspace', { user, passphrase });
}

export function unlock(user: string, passphrase: string): Promise<SessionInfo> {
  return call<SessionInfo>('unlock', { user, passphrase });
}

export async function lock(): Promise<void> {
  await call<null>('lock');
}

export function listDatasets(): Promise<DatasetSummary[]> {
  return call<DatasetSummary[]>('list_datasets');
}

/** Long-running; progress arrives through onImportProgress. */
export function importDataset(
  path: string,
  name: string,
  delimiter: string | null,
): Promise<ImportResult> {
  return call<ImportResult>('import_dataset', { path, name, delimiter });
}

export async function cancelImport(): Promise<void> {
  await call<null>('cancel_import');
}

export function datasetInfo(dataset: number, version: number | null): Promise<DatasetInfo> {
  return call<DatasetInfo>('dataset_info', { dataset, version });
}

export function datasetPage(
  dataset: number,
  version: number | null,
  offset: number,
  limit: number,
): Promise<Page> {
  return call<Page>('dataset_page', { dataset, version, offset, limit });
}

/** Cheap (tens of ms); audited once per dataset version per session. */
export function assessRisk(request: RiskRequest): Promise<RiskView> {
  return call<RiskView>('assess_risk', riskArgs(request));
}

/** Stores the assessment in the vault (audited). */
export function saveRiskReport(request: RiskRequest, reason: string | null): Promise<SavedRiskReport> {
  return call<SavedRiskReport>('save_risk_report', { ...riskArgs(request), reason });
}

function riskArgs(r: RiskRequest): Record<string, unknown> {
  return {
    dataset: r.dataset,
    version: r.version,
    qi: r.qi,
    sensitive: r.sensitive,
    personId: r.personId,
    threshold: r.threshold,
    populationSize: r.populationSize,
  };
}

/** Newest first. */
export function auditEvents(limit: number): Promise<AuditEvent[]> {
  return call<AuditEvent[]>('audit_events', { limit });
}

export function verifyAudit(): Promise<AuditVerification> {
  return call<AuditVerification>('verify_audit');
}

/** Subscribes to 'import-progress' events. Resolves to an unsubscribe function. */
export async function onImportProgress(
  handler: (progress: ImportProgress) => void,
): Promise<() => void> {
  const unlisten = await listen<ImportProgress>('import-progress', (event) => {
    handler(event.payload);
  });
  return unlisten;
}

/** Native file picker for a delimited text file. Null when the user cancels. */
export async function chooseImportFile(): Promise<string | null> {
  try {
    const picked = await open({
      multiple: false,
      directory: false,
      filters: [{ name: 'Delimited text', extensions: ['csv', 'tsv', 'txt'] }],
    });
    return typeof picked === 'string' ? picked : null;
  } catch (raw) {
    throw toBreakwaterError(raw);
  }
}
