// Shapes returned by the Rust commands. The UI only renders these values.

export type Role = 'admin' | 'analyst' | 'approver' | 'auditor';

export interface SessionInfo {
  workspace: string;
  user: string;
  roles: Role[];
  idle_timeout_secs: number;
}

export type LockedReason = 'idle' | 'manual';

export interface WorkspaceStatus {
  workspace: string;
  exists: boolean;
  unlocked: boolean;
  session: SessionInfo | null;
  locked_reason: LockedReason | null;
}

export type ColumnType = 'integer' | 'decimal' | 'date' | 'text';

export interface ColumnInfo {
  name: string;
  type: ColumnType;
}

export interface DatasetSummary {
  dataset: number;
  name: string;
  versions: number;
  rows: number;
  columns: number;
  /** RFC 3339 */
  created_at: string;
  created_by: string;
}

export interface DatasetInfo {
  dataset: number;
  name: string;
  version: number;
  versions: number;
  columns: ColumnInfo[];
  total_rows: number;
}

export interface Page {
  offset: number;
  rows: string[][];
}

export interface ImportResult {
  dataset: number;
  name: string;
  version: number;
  rows: number;
  columns: string[];
}

/** Payload of the 'import-progress' event. */
export interface ImportProgress {
  bytes_read: number;
  total_bytes: number | null;
  rows_read: number;
}

export interface AuditEvent {
  seq: number;
  time: string;
  actor: string;
  action: string;
  object: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  events: number;
  problem: string | null;
}
