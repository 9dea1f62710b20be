import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Decision, Finding } from '../../types';
import { formatCount } from '../../format';
import { formatConfidence, kindDescription, kindStyle, kindText, statusLabel } from './kinds';
import { listKeyAction } from './keys';

interface Props {
  findings: Finding[];
  /** Selected index on this page, -1 for none. */
  selected: number;
  columnName: (column: number) => string;
  canDecide: boolean;
  deciding: boolean;
  hasPrevPage: boolean;
  hasNextPage: boolean;
  onSelect: (index: number) => void;
  onPage: (delta: 1 | -1, select: 'first' | 'last') => void;
  onDecide: (index: number, decision: Decision) => void;
  onJump: (index: number) => void;
}

/** Where a finding is, e.g. "notes · row 12" or "mrn · every row". */
export function findingPlace(f: Finding, columnName: (column: number) => string): string {
  return `${columnName(f.column)} · ${f.row === null ? 'every row' : `row ${formatCount(f.row + 1)}`}`;
}

/**
 * One page of findings. Keyboard: the arrow keys move the selection (and on to the
 * next page), A accepts, R rejects, Enter shows the finding in the grid. One row is
 * in the tab order at a time; its Accept and Reject buttons too.
 */
export function FindingList({
  findings,
  selected,
  columnName,
  canDecide,
  deciding,
  hasPrevPage,
  hasNextPage,
  onSelect,
  onPage,
  onDecide,
  onJump,
}: Props) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  // Set while the list is used from the keyboard, so a new selection (or a page that
  // replaced the focused row) takes the focus with it.
  const keyboard = useRef(false);

  const selectedId = selected >= 0 && selected < findings.length ? findings[selected].finding : null;
  useEffect(() => {
    if (!keyboard.current || selectedId === null) return;
    const row = bodyRef.current?.querySelector<HTMLElement>(`tr[data-finding="${selectedId}"]`);
    if (row && document.activeElement !== row && !row.contains(document.activeElement)) row.focus();
  }, [selectedId, findings]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    // Keys typed into the row's buttons (Enter, Space) keep their meaning.
    if (event.target instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' ')) return;
    const action = listKeyAction(event, {
      index: selected,
      count: findings.length,
      hasPrevPage,
      hasNextPage,
    });
    if (!action) return;
    event.preventDefault();
    keyboard.current = true;
    switch (action.type) {
      case 'select':
        onSelect(action.index);
        break;
      case 'page':
        onPage(action.delta, action.select);
        break;
      case 'decide':
        if (canDecide && !deciding) onDecide(selected, action.decision);
        break;
      case 'jump':
        onJump(selected);
        break;
    }
  };

  const tabbable = selected >= 0 && selected < findings.length ? selected : 0;

  return (
    <table id="finding-list" className="table findings-table">
      <caption className="visually-hidden">
        Findings. Use the arrow keys to move, A to accept, R to reject, Enter to show the finding in the grid.
      </caption>
      <colgroup>
        <col />
        <col className="findings-col-confidence" />
        <col className="findings-col-actions" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Finding</th>
          <th scope="col" className="num">
            <abbr title="Confidence">Conf.</abbr>
          </th>
          <th scope="col">
            <span className="visually-hidden">Decision</span>
          </th>
        </tr>
      </thead>
      <tbody
        ref={bodyRef}
        onKeyDown={onKeyDown}
        onMouseDown={() => {
          keyboard.current = false;
        }}
        onBlur={(e) => {
          if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget as Node)) keyboard.current = false;
        }}
      >
        {findings.map((f, i) => {
          const isSelected = i === selected;
          const inTabOrder = i === tabbable;
          return (
            <tr
              key={f.finding}
              data-finding={f.finding}
              className={`finding-row${isSelected ? ' finding-row-selected' : ''}`}
              tabIndex={inTabOrder ? 0 : -1}
              aria-current={isSelected ? 'true' : undefined}
              onClick={() => onSelect(i)}
              onFocus={(e) => {
                if (e.target === e.currentTarget && !isSelected) onSelect(i);
              }}
            >
              <td>
                <span className="finding-line">
                  <span className="phi-chip" style={kindStyle(f.kind)} title={kindDescription(f.kind)}>
                    {kindText(f.kind)}
                  </span>
                  <span className="finding-place">{findingPlace(f, columnName)}</span>
                </span>
                <span className="finding-line">
                  <span className={`status-chip status-${f.status}`}>{statusLabel(f.status)}</span>
                  <span className="finding-rule" title={`Finding ${f.finding}, rule ${f.rule}`}>
                    #{formatCount(f.finding)} · {f.rule}
                  </span>
                </span>
              </td>
              <td className="num">{formatConfidence(f.confidence)}</td>
              <td className="finding-actions">
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  data-action="accept"
                  tabIndex={inTabOrder ? 0 : -1}
                  disabled={!canDecide || deciding}
                  aria-label={`Accept finding ${f.finding}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    onSelect(i);
                    onDecide(i, 'accepted');
                  }}
                >
                  Accept
                </button>
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  data-action="reject"
                  tabIndex={inTabOrder ? 0 : -1}
                  disabled={!canDecide || deciding}
                  aria-label={`Reject finding ${f.finding}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    onSelect(i);
                    onDecide(i, 'rejected');
                  }}
                >
                  Reject
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
