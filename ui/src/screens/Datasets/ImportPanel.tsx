import { useState, type FormEvent } from 'react';
import * as api from '../../api';
import type { ImportProgress, ImportResult } from '../../types';
import { BreakwaterError } from '../../errors';
import { fileStem, formatCount } from '../../format';
import { useJob } from '../../components/useJob';
import { JobCancelButton, JobProgress, JobStatus } from '../../components/JobProgress';

const DELIMITERS: { value: string; label: string }[] = [
  { value: '', label: 'Auto-detect' },
  { value: ',', label: 'Comma  ( , )' },
  { value: ';', label: 'Semicolon  ( ; )' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe  ( | )' },
];

interface Props {
  onImported: (result: ImportResult) => void;
}

export function importSummary(result: ImportResult): string {
  const rows = `${formatCount(result.rows)} ${result.rows === 1 ? 'row' : 'rows'}`;
  const cols = `${formatCount(result.columns.length)} ${result.columns.length === 1 ? 'column' : 'columns'}`;
  if (result.version > 1) {
    return `Imported ${rows} × ${cols} as version ${formatCount(result.version)} of “${result.name}”.`;
  }
  return `Imported ${rows} × ${cols} as “${result.name}”.`;
}

export function ImportPanel({ onImported }: Props) {
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [delimiter, setDelimiter] = useState('');
  const job = useJob<ImportProgress>();
  const { running: importing, cancelling, progress, status, error, setStatus, setError } = job;

  const fillNameFrom = (p: string) => {
    if (name.trim() === '' && p.trim() !== '') setName(fileStem(p));
  };

  const browse = async () => {
    setError(null);
    try {
      const picked = await api.chooseImportFile();
      if (picked) {
        setPath(picked);
        fillNameFrom(picked);
      }
    } catch (e) {
      setError(e);
    }
  };

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (importing) return;
    const trimmedPath = path.trim();
    const finalName = name.trim() || fileStem(trimmedPath);
    setStatus(null);
    if (trimmedPath === '') {
      setError(new BreakwaterError('input', 'Choose a file to import.', 'Type its full path or use Browse…'));
      return;
    }
    if (finalName === '') {
      setError(new BreakwaterError('input', 'Enter a name for the dataset.'));
      return;
    }
    setName(finalName);
    await job.run({
      listen: api.onImportProgress,
      work: () => api.importDataset(trimmedPath, finalName, delimiter === '' ? null : delimiter),
      onDone: (result) => {
        setStatus(importSummary(result));
        setPath('');
        setName('');
        onImported(result);
      },
      cancelledStatus: 'Import cancelled. Nothing was saved.',
    });
  };

  const cancel = () => job.cancel(api.cancelImport);

  const fraction =
    progress && progress.total_bytes && progress.total_bytes > 0
      ? Math.min(1, progress.bytes_read / progress.total_bytes)
      : null;

  return (
    <section className="panel import-panel" aria-labelledby="import-title">
      <h2 id="import-title">Import a dataset</h2>
      <p className="muted">
        Choose a CSV or other delimited text file. Every value is encrypted as it is stored in the
        workspace.
      </p>
      <form className="form import-form" onSubmit={start} noValidate>
        <div className="field field-wide">
          <label htmlFor="import-path">File</label>
          <div className="input-row">
            <input
              id="import-path"
              type="text"
              value={path}
              onChange={(e) => setPath(e.target.value)}
              onBlur={() => fillNameFrom(path)}
              placeholder="Full path to a .csv, .tsv or .txt file"
              spellCheck={false}
              autoComplete="off"
              disabled={importing}
            />
            <button
              id="import-browse"
              type="button"
              className="btn btn-secondary"
              onClick={() => void browse()}
              disabled={importing}
            >
              Browse…
            </button>
          </div>
        </div>
        <div className="field">
          <label htmlFor="import-name">Dataset name</label>
          <input
            id="import-name"
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            spellCheck={false}
            autoComplete="off"
            disabled={importing}
          />
        </div>
        <div className="field">
          <label htmlFor="import-delimiter">Separator</label>
          <select
            id="import-delimiter"
            value={delimiter}
            onChange={(e) => setDelimiter(e.target.value)}
            disabled={importing}
          >
            {DELIMITERS.map((d) => (
              <option key={d.label} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button id="import-start" type="submit" className="btn btn-primary" disabled={importing}>
            {importing ? 'Importing…' : 'Import'}
          </button>
          <JobCancelButton
            id="import-cancel"
            running={importing}
            cancelling={cancelling}
            onCancel={() => void cancel()}
          />
        </div>
      </form>

      <JobProgress
        id="import-progress"
        label="Import progress"
        running={importing}
        fraction={fraction}
        text={
          <>
            {progress ? `${formatCount(progress.rows_read)} rows read` : 'Starting…'}
            {fraction !== null ? ` · ${Math.floor(fraction * 100)}%` : ''}
          </>
        }
      />

      <JobStatus id="import-status" errorId="import-error" status={status} error={error} />
    </section>
  );
}
