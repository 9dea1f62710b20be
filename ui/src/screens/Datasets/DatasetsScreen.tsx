import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import * as api from '../../api';
import type { DatasetSummary } from '../../types';
import { formatCount, formatDateShort } from '../../format';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ImportPanel } from './ImportPanel';

interface Props {
  onOpen: (datasetId: number) => void;
}

export function DatasetsScreen({ onOpen }: Props) {
  const [datasets, setDatasets] = useState<DatasetSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const refresh = useCallback(async () => {
    try {
      const list = await api.listDatasets();
      setDatasets(list);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, id: number) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(id);
    }
  };

  return (
    <section className="screen screen-datasets" aria-labelledby="datasets-title">
      <h1 id="datasets-title">Datasets</h1>

      <ErrorMessage id="datasets-error" error={error} />

      <div className="panel">
        {datasets === null && error === null && <p className="muted">Loading datasets…</p>}
        {datasets !== null && datasets.length === 0 && (
          <p id="dataset-empty" className="empty-state">
            No datasets yet. Import a CSV file to begin.
          </p>
        )}
        {datasets !== null && datasets.length > 0 && (
          <table id="dataset-list" className="table table-interactive">
            <caption className="visually-hidden">
              Imported datasets. Select a row to open the dataset.
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col" className="num">
                  Columns
                </th>
                <th scope="col" className="num">
                  Versions
                </th>
                <th scope="col">Imported</th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((d) => (
                <tr
                  key={d.dataset}
                  data-dataset-id={d.dataset}
                  tabIndex={0}
                  onClick={() => onOpen(d.dataset)}
                  onKeyDown={(e) => onRowKey(e, d.dataset)}
                >
                  <td className="dataset-name">{d.name}</td>
                  <td className="num">{formatCount(d.rows)}</td>
                  <td className="num">{formatCount(d.columns)}</td>
                  <td className="num">{formatCount(d.versions)}</td>
                  <td>
                    <time dateTime={d.created_at}>{formatDateShort(d.created_at)}</time>
                    <span className="muted"> by {d.created_by}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>

      <ImportPanel onImported={() => void refresh()} />
    </section>
  );
}
