import type { PhiKind } from '../../types';
import { PHI_KINDS, kindDescription, kindStyle, kindText } from './kinds';

interface Props {
  /** Kinds to explain, shown in the Safe Harbor order. */
  kinds: Iterable<PhiKind>;
}

/** What the colours and outlines mean: the kinds present, then the review statuses. */
export function KindLegend({ kinds }: Props) {
  const present = new Set(kinds);
  const shown = PHI_KINDS.filter((k) => present.has(k));
  return (
    <div id="review-legend" className="review-legend" aria-label="Highlight key" role="group">
      {shown.length > 0 && (
        <ul className="legend-kinds">
          {shown.map((kind) => (
            <li key={kind} className="legend-kind" style={kindStyle(kind)} title={kindDescription(kind)} data-kind={kind}>
              <span className="legend-swatch" aria-hidden="true" />
              {kindText(kind)}
              <span className="visually-hidden">: {kindDescription(kind)}</span>
            </li>
          ))}
        </ul>
      )}
      <ul className="legend-statuses">
        <li>
          <span className="legend-sample phi-mark phi-accepted" style={kindStyle('OTHER_ID')} aria-hidden="true">
            Abc
          </span>{' '}
          Accepted
        </li>
        <li>
          <span className="legend-sample phi-mark phi-pending" style={kindStyle('OTHER_ID')} aria-hidden="true">
            Abc
          </span>{' '}
          Pending
        </li>
        <li>
          <span className="legend-sample phi-mark phi-rejected" style={kindStyle('OTHER_ID')} aria-hidden="true">
            Abc
          </span>{' '}
          Rejected (not PHI)
        </li>
      </ul>
    </div>
  );
}
