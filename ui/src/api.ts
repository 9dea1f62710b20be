// The only module that talks to Tauri. Every wrapper maps one-to-one to a Rust
// command; argument keys are camelCase as Tauri 2 expects on the JS side.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { open } from '@tauri-apps/plugin-dialog';
import { BreakwaterError, toBreakwaterError } from './errors';
import type {
  AnonymizeProgress,
  AnonymizeRequest,
  AnonymizeView,
  AuditEvent,
  AuditVerification,
  ColumnSummary,
  DatasetInfo,
  DatasetSummary,
  FindingPage,
  FindingQuery,
  ImportProgress,
  ImportResult,
  Page,
  ReviewOutcome,
  ReviewRequest,
  RiskRequest,
  RiskView,
  SavedRiskReport,
  ScanProgress,
  ScanSummary,
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

/**
 * Cheap (tens of ms); audited once per dataset version per session. The QIs are generalized
 * to `levels` of the anonymization search's default hierarchies first.
 */
export function assessRisk(request: RiskRequest): Promise<RiskView> {
  return call<RiskView>('assess_risk', { ...riskArgs(request), levels: request.levels });
}

/** Stores the assessment of the version as it is, every level ignored (audited). */
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

/**
 * Searches for the optimal k-anonymous generalization of a version (analyst; audited).
 * A what-if: no data is written. Progress arrives through onAnonymizeProgress;
 * cancelAnonymize stops it and nothing is recorded.
 */
export function anonymizeDataset(r: AnonymizeRequest): Promise<AnonymizeView> {
  return call<AnonymizeView>('anonymize_dataset', {
    dataset: r.dataset,
    version: r.version,
    qi: r.qi,
    k: r.k,
    l: r.l,
    sensitive: r.sensitive,
    maxSuppression: r.maxSuppression,
    threshold: r.threshold,
  });
}

export async function cancelAnonymize(): Promise<void> {
  await call<null>('cancel_anonymize');
}

/** Subscribes to 'anonymize-progress' events. Resolves to an unsubscribe function. */
export async function onAnonymizeProgress(
  handler: (progress: AnonymizeProgress) => void,
): Promise<() => void> {
  return listen<AnonymizeProgress>('anonymize-progress', (event) => {
    handler(event.payload);
  });
}

/**
 * Scans a version for PHI and stores the findings (analyst; audited). Long-running:
 * progress arrives through onScanProgress; cancelScan stops it and nothing is stored.
 */
export function scanDataset(dataset: number, version: number | null): Promise<ScanSummary> {
  return call<ScanSummary>('scan_dataset', { dataset, version });
}

export async function cancelScan(): Promise<void> {
  await call<null>('cancel_scan');
}

/** The version's current scan, or null when it was never scanned. */
export function scanSummary(dataset: number, version: number | null): Promise<ScanSummary | null> {
  return call<ScanSummary | null>('scan_summary', { dataset, version });
}

/** How the current scan classified each column; empty when the version was never scanned. */
export function columnFindings(dataset: number, version: number | null): Promise<ColumnSummary[]> {
  return call<ColumnSummary[]>('column_findings', { dataset, version });
}

/** A page of the current scan's findings with their review status. The first listing per version per session is audited as a view. */
export function listFindings(query: FindingQuery): Promise<FindingPage> {
  return call<FindingPage>('list_findings', {
    dataset: query.dataset,
    version: query.version,
    column: query.column,
    kinds: query.kinds.length > 0 ? query.kinds : null,
    status: query.status,
    minConfidence: query.minConfidence,
    rowFirst: query.rows ? query.rows.first : null,
    rowLast: query.rows ? query.rows.last : null,
    offset: query.offset,
    limit: query.limit,
  });
}

/** Accepts or rejects findings (analyst); stored in the vault and audited with the reason. */
export function reviewFindings(request: ReviewRequest): Promise<ReviewOutcome> {
  return call<ReviewOutcome>('review_findings', {
    dataset: request.dataset,
    version: request.version,
    selection: request.selection,
    decision: request.decision,
    reason: request.reason,
    scan: request.scan,
  });
}

/** Subscribes to 'scan-progress' events. Resolves to an unsubscribe function. */
export async function onScanProgress(handler: (progress: ScanProgress) => void): Promise<() => void> {
  return listen<ScanProgress>('scan-progress', (event) => {
    handler(event.payload);
  });
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
