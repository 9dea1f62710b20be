import type { LockedReason } from './types';

/** The sentence shown on the Unlock screen after the session was locked. */
export function lockNotice(
  reason: LockedReason | null,
  idleTimeoutSecs: number | null,
): string | null {
  if (reason === 'idle') {
    if (idleTimeoutSecs == null || idleTimeoutSecs <= 0) {
      return 'Locked after a period without activity.';
    }
    const minutes = Math.max(1, Math.round(idleTimeoutSecs / 60));
    return `Locked after ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} without activity.`;
  }
  if (reason === 'manual') return 'The workspace is locked.';
  return null;
}
