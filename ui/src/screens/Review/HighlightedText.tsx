import { Fragment } from 'react';
import type { Finding } from '../../types';
import { cellSegments, compareForDisplay, primaryFinding } from './highlight';
import { kindStyle, kindText, statusLabel } from './kinds';

interface Props {
  text: string;
  findings: readonly Finding[];
  /**
   * Labelled: every span says its kind — a visible tag after it, and for screen readers
   * the kind and status where it starts. Unlabelled (grid cells): colour and style only,
   * the cell's tooltip names the kinds.
   */
  labelled?: boolean;
  /** This finding's pieces are drawn as selected. */
  selected?: number | null;
}

/**
 * Text with its span findings highlighted by kind (scalar offsets cut on code points).
 * Where spans overlap, the piece is drawn as the finding that matters most
 * (accepted, then pending, then rejected).
 */
export function HighlightedText({ text, findings, labelled = false, selected = null }: Props) {
  const segments = cellSegments(text, findings);
  const textEnd = segments.length > 0 ? segments[segments.length - 1].end : 0;
  return (
    <>
      {segments.map((seg) => {
        if (seg.spans.length === 0) return <Fragment key={seg.start}>{seg.text}</Fragment>;
        const top = primaryFinding(seg.spans)!;
        // Spans are clamped to the text, so compare clamped edges.
        const starting = labelled
          ? seg.spans.filter((f) => Math.max(0, f.start) === seg.start).sort(compareForDisplay)
          : [];
        const ending = labelled
          ? seg.spans.filter((f) => Math.min(textEnd, f.end) === seg.end).sort(compareForDisplay)
          : [];
        const isSelected = selected !== null && seg.spans.some((f) => f.finding === selected);
        return (
          <mark
            key={seg.start}
            className={`phi-mark phi-${top.status}${isSelected ? ' phi-mark-selected' : ''}`}
            style={kindStyle(top.kind)}
            data-kind={top.kind}
            data-finding={top.finding}
          >
            {starting.map((f) => (
              <span key={f.finding} className="visually-hidden">
                {`${kindText(f.kind)}, ${statusLabel(f.status).toLowerCase()}: `}
              </span>
            ))}
            {seg.text}
            {ending.map((f) => (
              <span key={f.finding} className={`phi-tag phi-tag-${f.status}`} style={kindStyle(f.kind)} aria-hidden="true">
                {kindText(f.kind)}
              </span>
            ))}
          </mark>
        );
      })}
    </>
  );
}

/** The tooltip of a grid cell with spans: its value, then the kinds found in it. */
export function cellTitle(value: string, findings: readonly Finding[]): string {
  const spans = findings.filter((f) => f.row !== null);
  if (spans.length === 0) return value;
  const parts = [...spans].sort((a, b) => (a.start ?? 0) - (b.start ?? 0)).map((f) => `${kindText(f.kind)} (${statusLabel(f.status).toLowerCase()})`);
  return `${value}\n— ${parts.join(', ')}`;
}
