import type { ColumnSummary, PhiKind } from '../../types';
import { PHI_KINDS, kindDescription, kindStyle, kindText } from './kinds';
import { DEFAULT_FILTER, isFiltering, toggleKind, type FindingFilterState, type StatusFilter } from './filters';

interface Props {
  filter: FindingFilterState;
  onChange: (filter: FindingFilterState) => void;
  /** Columns that have findings, for the column choice. */
  columns: ColumnSummary[];
}

function kindsSummary(kinds: PhiKind[]): string {
  if (kinds.length === 0) return 'All kinds';
  if (kinds.length <= 3) return kinds.map(kindText).join(', ');
  return `${kinds.length} kinds`;
}

/** Kind (several), minimum confidence, status and column. */
export function FindingFilters({ filter, onChange, columns }: Props) {
  const set = (patch: Partial<FindingFilterState>) => onChange({ ...filter, ...patch });
  const percent = Math.round(filter.minConfidence * 100);
  return (
    <div className="finding-filters" role="group" aria-label="Filter findings">
      <details id="filter-kinds" className="kind-filter">
        <summary>
          <span className="kind-filter-label">Kinds:</span> <span id="filter-kinds-summary">{kindsSummary(filter.kinds)}</span>
        </summary>
        <fieldset className="kind-filter-options">
          <legend className="visually-hidden">Show findings of these kinds</legend>
          {PHI_KINDS.map((kind) => (
            <label key={kind} className="check kind-check" title={kindDescription(kind)}>
              <input
                type="checkbox"
                data-kind={kind}
                checked={filter.kinds.includes(kind)}
                onChange={(e) => set({ kinds: toggleKind(filter.kinds, kind, e.target.checked, PHI_KINDS) })}
              />
              <span className="legend-swatch" style={kindStyle(kind)} aria-hidden="true" />
              <span className="check-name">{kindText(kind)}</span>
            </label>
          ))}
          <button
            id="filter-kinds-all"
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => set({ kinds: [] })}
            disabled={filter.kinds.length === 0}
          >
            All kinds
          </button>
        </fieldset>
      </details>

      <div className="field">
        <label htmlFor="filter-confidence">
          Minimum confidence: <output htmlFor="filter-confidence" id="filter-confidence-value">{percent}%</output>
        </label>
        <input
          id="filter-confidence"
          type="range"
          min={0}
          max={100}
          step={5}
          value={percent}
          aria-valuetext={`${percent}%`}
          onChange={(e) => set({ minConfidence: Number(e.target.value) / 100 })}
        />
      </div>

      <div className="filter-row">
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select
            id="filter-status"
            value={filter.status}
            onChange={(e) => set({ status: e.target.value as StatusFilter })}
          >
            <option value="all">All</option>
            <option value="pending">Pending</option>
            <option value="accepted">Accepted</option>
            <option value="rejected">Rejected</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-column">Column</label>
          <select
            id="filter-column"
            value={filter.column === null ? '' : String(filter.column)}
            onChange={(e) => set({ column: e.target.value === '' ? null : Number(e.target.value) })}
          >
            <option value="">All columns</option>
            {columns.map((c) => (
              <option key={c.column} value={c.column}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {isFiltering(filter) && (
        <button id="filter-clear" type="button" className="btn btn-secondary btn-small" onClick={() => onChange(DEFAULT_FILTER)}>
          Clear filters
        </button>
      )}
    </div>
  );
}
