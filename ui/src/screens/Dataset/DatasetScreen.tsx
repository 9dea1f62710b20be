import { useCallback, useEffect, useState } from 'react';
import * as api from '../../api';
import type { DatasetInfo } from '../../types';
import { formatCount, plural } from '../../format';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Grid } from './Grid';

interface Props {
  datasetId: number;
  onBack: () => void;
  /** Opens the Risk screen on the version shown. */
  onAssessRisk?: (version: number) => void;
  /** Opens the PHI review screen on the version shown. */
  onReview?: (version: number) => void;
}

export function DatasetScreen({ datasetId, onBack, onAssessRisk, onReview }: Props) {
  const [info, setInfo] = useState<DatasetInfo | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    setError(null);
    api
      .datasetInfo(datasetId, version)
      .then((result) => {
        if (alive) setInfo(result);
      })
      .catch((e: unknown) => {
        if (alive) setError(e);
      })
      .finally(() => {
        if (alive) setLoading(false);
      });
    return () => {
      alive = false;
    };
  }, [datasetId, version]);

  const shownVersion = info?.version ?? null;
  const fetchRows = useCallback(
    (offset: number, limit: number) => api.datasetPage(datasetId, shownVersion, offset, limit),
    [datasetId, shownVersion],
  );

  return (
    <section className="screen screen-dataset" aria-labelledby="dataset-title">
      <div className="dataset-header">
        <button id="dataset-back" type="button" className="btn btn-secondary" onClick={onBack}>
          ← All datasets
        </button>
        <div className="dataset-heading">
          <h1 id="dataset-title">{info ? info.name : 'Dataset'}</h1>
          {info && (
            <p id="dataset-shape" className="muted">
              {formatCount(info.total_rows)} {info.total_rows === 1 ? 'row' : 'rows'} ×{' '}
              {plural(info.columns.length, 'column')}
              {info.versions > 1 ? ` · version ${formatCount(info.version)} of ${formatCount(info.versions)}` : ''}
            </p>
          )}
        </div>
        {info && info.versions > 1 && (
          <div className="field field-inline">
            <label htmlFor="dataset-version">Version</label>
            <select
              id="dataset-version"
              value={info.version}
              onChange={(e) => setVersion(Number(e.target.value))}
              disabled={loading}
            >
              {Array.from({ length: info.versions }, (_, i) => info.versions - i).map((v) => (
                <option key={v} value={v}>
                  Version {formatCount(v)}
                  {v === info.versions ? ' (latest)' : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        {info && onReview && (
          <button
            id="open-review"
            type="button"
            className="btn btn-primary"
            onClick={() => onReview(info.version)}
          >
            Review PHI
          </button>
        )}
        {info && onAssessRisk && (
          <button
            id="open-risk"
            type="button"
            className="btn btn-primary"
            onClick={() => onAssessRisk(info.version)}
          >
            Assess risk
          </button>
        )}
      </div>

      <ErrorMessage id="dataset-error" error={error} />

      {loading && !info && <p className="muted">Loading dataset…</p>}

      {info && (
        <Grid
          key={`${info.dataset}:${info.version}`}
          label={`${info.name}, version ${info.version}`}
          columns={info.columns}
          totalRows={info.total_rows}
          fetchRows={fetchRows}
        />
      )}
    </section>
  );
}
