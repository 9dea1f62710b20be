// Keyboard control of the findings list. Plain TypeScript so it can be unit-tested
// without a DOM: a key press becomes an action, the list carries it out.

export type ListAction =
  | { type: 'select'; index: number }
  | { type: 'page'; delta: 1 | -1; select: 'first' | 'last' }
  | { type: 'decide'; decision: 'accepted' | 'rejected' }
  | { type: 'jump' };

export interface KeyInput {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

export interface ListPosition {
  /** Selected index on this page, -1 for none. */
  index: number;
  /** Findings on this page. */
  count: number;
  hasPrevPage: boolean;
  hasNextPage: boolean;
}

/** Rows PageUp and PageDown move. */
export const PAGE_STEP = 10;

/**
 * The action for a key in the findings list, or null when the key is not the
 * list's (it is then left to the browser). Arrow keys move the selection and go
 * on to the next or previous page at the ends; A accepts and R rejects the
 * selected finding; Enter shows it in the grid. Keys with Ctrl, Alt or Meta are
 * never taken, so browser and system shortcuts keep working.
 */
export function listKeyAction(e: KeyInput, pos: ListPosition): ListAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  const { index, count } = pos;
  const last = count - 1;
  const selected = index >= 0 && index < count;
  switch (e.key) {
    case 'ArrowDown':
    case 'Down':
      if (count === 0) return pos.hasNextPage ? { type: 'page', delta: 1, select: 'first' } : null;
      if (!selected) return { type: 'select', index: 0 };
      if (index < last) return { type: 'select', index: index + 1 };
      return pos.hasNextPage ? { type: 'page', delta: 1, select: 'first' } : null;
    case 'ArrowUp':
    case 'Up':
      if (count === 0) return pos.hasPrevPage ? { type: 'page', delta: -1, select: 'last' } : null;
      if (!selected) return { type: 'select', index: last };
      if (index > 0) return { type: 'select', index: index - 1 };
      return pos.hasPrevPage ? { type: 'page', delta: -1, select: 'last' } : null;
    case 'PageDown':
      return count === 0 ? null : { type: 'select', index: Math.min(last, Math.max(0, index) + PAGE_STEP) };
    case 'PageUp':
      return count === 0 ? null : { type: 'select', index: Math.max(0, index - PAGE_STEP) };
    case 'Home':
      return count === 0 ? null : { type: 'select', index: 0 };
    case 'End':
      return count === 0 ? null : { type: 'select', index: last };
    case 'a':
    case 'A':
      return selected ? { type: 'decide', decision: 'accepted' } : null;
    case 'r':
    case 'R':
      return selected ? { type: 'decide', decision: 'rejected' } : null;
    case 'Enter':
      return selected ? { type: 'jump' } : null;
    default:
      return null;
  }
}

/** What to select when a new page of findings arrives. */
export type SelectAfterLoad =
  /** After a decision on finding `after`, which was at `index`. */
  | { after: number; index: number }
  /** After the page was turned from the keyboard. */
  | 'first'
  | 'last'
  | null;

/**
 * The selected index on a freshly loaded page. After a decision the selection moves
 * on to the next finding, whether the decided one is still listed (status "all") or
 * left the list (a status filter); otherwise it stays, clamped to the page.
 */
export function selectionAfterLoad(
  previous: number,
  want: SelectAfterLoad,
  findings: readonly { finding: number }[],
): number {
  const count = findings.length;
  if (count === 0) return -1;
  if (want === 'first') return 0;
  if (want === 'last') return count - 1;
  if (want) {
    const pos = findings.findIndex((f) => f.finding === want.after);
    return pos >= 0 ? Math.min(pos + 1, count - 1) : Math.min(want.index, count - 1);
  }
  return previous >= count ? count - 1 : previous;
}
