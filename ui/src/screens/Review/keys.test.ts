import { describe, expect, it } from 'vitest';
import { PAGE_STEP, listKeyAction, selectionAfterLoad, type ListPosition } from './keys';

const mid: ListPosition = { index: 4, count: 50, hasPrevPage: true, hasNextPage: true };

describe('listKeyAction', () => {
  it('moves the selection with the arrow keys, Home, End, PageUp and PageDown', () => {
    expect(listKeyAction({ key: 'ArrowDown' }, mid)).toEqual({ type: 'select', index: 5 });
    expect(listKeyAction({ key: 'ArrowUp' }, mid)).toEqual({ type: 'select', index: 3 });
    expect(listKeyAction({ key: 'Home' }, mid)).toEqual({ type: 'select', index: 0 });
    expect(listKeyAction({ key: 'End' }, mid)).toEqual({ type: 'select', index: 49 });
    expect(listKeyAction({ key: 'PageDown' }, mid)).toEqual({ type: 'select', index: 4 + PAGE_STEP });
    expect(listKeyAction({ key: 'PageUp' }, mid)).toEqual({ type: 'select', index: 0 });
    expect(listKeyAction({ key: 'PageDown' }, { ...mid, index: 45 })).toEqual({ type: 'select', index: 49 });
  });

  it('starts a selection from either end when none is selected', () => {
    const none = { ...mid, index: -1 };
    expect(listKeyAction({ key: 'ArrowDown' }, none)).toEqual({ type: 'select', index: 0 });
    expect(listKeyAction({ key: 'ArrowUp' }, none)).toEqual({ type: 'select', index: 49 });
  });

  it('goes on to the next or previous page at the ends, and stops at the last', () => {
    expect(listKeyAction({ key: 'ArrowDown' }, { ...mid, index: 49 })).toEqual({ type: 'page', delta: 1, select: 'first' });
    expect(listKeyAction({ key: 'ArrowUp' }, { ...mid, index: 0 })).toEqual({ type: 'page', delta: -1, select: 'last' });
    expect(listKeyAction({ key: 'ArrowDown' }, { ...mid, index: 49, hasNextPage: false })).toBeNull();
    expect(listKeyAction({ key: 'ArrowUp' }, { ...mid, index: 0, hasPrevPage: false })).toBeNull();
  });

  it('accepts with A, rejects with R, jumps with Enter — only with a selection', () => {
    expect(listKeyAction({ key: 'a' }, mid)).toEqual({ type: 'decide', decision: 'accepted' });
    expect(listKeyAction({ key: 'A' }, mid)).toEqual({ type: 'decide', decision: 'accepted' });
    expect(listKeyAction({ key: 'r' }, mid)).toEqual({ type: 'decide', decision: 'rejected' });
    expect(listKeyAction({ key: 'R' }, mid)).toEqual({ type: 'decide', decision: 'rejected' });
    expect(listKeyAction({ key: 'Enter' }, mid)).toEqual({ type: 'jump' });
    const none = { ...mid, index: -1 };
    expect(listKeyAction({ key: 'a' }, none)).toBeNull();
    expect(listKeyAction({ key: 'Enter' }, none)).toBeNull();
  });

  it('leaves shortcuts with modifiers and other keys to the browser', () => {
    expect(listKeyAction({ key: 'a', ctrlKey: true }, mid)).toBeNull();
    expect(listKeyAction({ key: 'r', metaKey: true }, mid)).toBeNull();
    expect(listKeyAction({ key: 'ArrowDown', altKey: true }, mid)).toBeNull();
    expect(listKeyAction({ key: 'x' }, mid)).toBeNull();
    expect(listKeyAction({ key: 'Tab' }, mid)).toBeNull();
  });

  it('handles an empty page', () => {
    const empty = { index: -1, count: 0, hasPrevPage: false, hasNextPage: false };
    for (const key of ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp', 'a', 'Enter']) {
      expect(listKeyAction({ key }, empty)).toBeNull();
    }
  });
});

describe('selectionAfterLoad', () => {
  const page = [{ finding: 10 }, { finding: 11 }, { finding: 12 }];

  it('moves past a decided finding that is still listed', () => {
    expect(selectionAfterLoad(0, { after: 10, index: 0 }, page)).toBe(1);
    expect(selectionAfterLoad(2, { after: 12, index: 2 }, page)).toBe(2);
  });

  it('keeps the place of a decided finding that left the list', () => {
    // 11 was at index 1 and is gone: index 1 now holds the next one.
    expect(selectionAfterLoad(1, { after: 11, index: 1 }, [{ finding: 10 }, { finding: 12 }])).toBe(1);
    expect(selectionAfterLoad(1, { after: 12, index: 2 }, [{ finding: 10 }, { finding: 11 }])).toBe(1);
  });

  it('selects the first or last finding of a page turned from the keyboard', () => {
    expect(selectionAfterLoad(-1, 'first', page)).toBe(0);
    expect(selectionAfterLoad(-1, 'last', page)).toBe(2);
  });

  it('otherwise keeps the selection, clamped, and selects nothing on an empty page', () => {
    expect(selectionAfterLoad(1, null, page)).toBe(1);
    expect(selectionAfterLoad(7, null, page)).toBe(2);
    expect(selectionAfterLoad(-1, null, page)).toBe(-1);
    expect(selectionAfterLoad(1, 'first', [])).toBe(-1);
  });
});
