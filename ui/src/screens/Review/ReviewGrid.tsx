import { useCallback, type Ref } from 'react';
import * as api from '../../api';
import type { ColumnSummary, DatasetInfo, Finding } from '../../types';
import { Grid, type CellDecoration, type GridHandle } from '../Dataset/Grid';
import type { FindingIndex } from './highlight';
import { kindStyle, kindText, statusLabel } from './kinds';
import { cellTitle, HighlightedText } from './HighlightedText';
import { ColumnBadge } from './ColumnBadge';

interface Props {
  info: DatasetInfo;
  /** The scan's classification of each column, in column order. */
  columns: ColumnSummary[];
  /** Findings known so far; `indexVersion` changes whenever it does. */
  index: FindingIndex;
  indexVersion: number;
  selected: Finding | null;
  onRowsRendered: (first: number, last: number) => void;
  ref?: Ref<GridHandle>;
}

/**
 * The dataset grid with PHI highlighted: cells of direct columns in their kind's colour,
 * spans inside free-text cells, a badge with the classification and its evidence on
 * each classified column. Accepted is filled, pending outlined, rejected plain.
 */
export function ReviewGrid({ info, columns, index, indexVersion, selected, onRowsRendered, ref }: Props) {
  const selectedNumber = selected?.finding ?? null;
  const decorateCell = useCallback(
    (row: number, column: number, value: string): CellDecoration | null => {
      const summary = columns[column];
      if (summary?.class === 'direct' && summary.kind) {
        const status = index.column(column)?.status ?? 'pending';
        return {
          className: `phi-cell phi-${status}`,
          style: kindStyle(summary.kind),
          title: `${value}\n— ${kindText(summary.kind)} column (${statusLabel(status).toLowerCase()})`,
        };
      }
      const spans = index.cell(row, column);
      if (spans.length === 0) return null;
      return {
        className: 'phi-cell-spans',
        content: <HighlightedText text={value} findings={spans} selected={selectedNumber} />,
        title: cellTitle(value, spans),
      };
    },
    // indexVersion: the index changed in place.
    [columns, index, indexVersion, selectedNumber], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const headerExtra = useCallback(
    (column: number) => {
      const summary = columns[column];
      if (!summary || (summary.class === 'none' && summary.kind === null)) return null;
      const status = summary.class === 'direct' ? (index.column(column)?.status ?? null) : null;
      return <ColumnBadge column={summary} status={status} idPrefix="grid" />;
    },
    [columns, index, indexVersion], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const { dataset, version } = info;
  const fetchRows = useCallback(
    (offset: number, limit: number) => api.datasetPage(dataset, version, offset, limit),
    [dataset, version],
  );

  return (
    <Grid
      ref={ref}
      label={`${info.name}, version ${info.version}, PHI highlighted`}
      columns={info.columns}
      totalRows={info.total_rows}
      fetchRows={fetchRows}
      decorateCell={decorateCell}
      headerExtra={headerExtra}
      selectedCell={selected && selected.row !== null ? { row: selected.row, column: selected.column } : null}
      onRowsRendered={onRowsRendered}
    />
  );
}
