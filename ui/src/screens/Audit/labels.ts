// Readable labels for audit actions. Unknown actions are shown as they are.

const ACTION_LABELS: Record<string, string> = {
  init: 'Created workspace',
  login: 'Signed in',
  login_failed: 'Failed sign-in',
  logout: 'Signed out',
  lock: 'Locked workspace',
  auto_lock: 'Locked after inactivity',
  idle_lock: 'Locked after inactivity',
  import: 'Imported dataset',
  import_cancelled: 'Cancelled import',
  import_failed: 'Import failed',
  view: 'Viewed dataset',
  export: 'Exported data',
  user_add: 'Added user',
  user_remove: 'Removed user',
  role_grant: 'Granted role',
  role_revoke: 'Revoked role',
  passwd: 'Changed passphrase',
  verify: 'Verified audit trail',
  approve: 'Approved request',
  reject: 'Rejected request',
  request: 'Requested approval',
  delete: 'Deleted dataset',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Details as [key, value] pairs of plain text, keys with underscores spaced. */
export function detailPairs(details: Record<string, unknown> | null | undefined): [string, string][] {
  if (!details || typeof details !== 'object') return [];
  return Object.entries(details).map(([k, v]) => [k.replace(/_/g, ' '), valueText(v)]);
}

export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}
