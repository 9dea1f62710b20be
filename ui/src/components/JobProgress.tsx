import type { ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage';

interface CancelProps {
  /** Element id of the button, e.g. "scan-cancel". */
  id: string;
  /** The job runs: the button is shown only then. */
  running: boolean;
  /** A cancel was asked for: the button is disabled and says so. */
  cancelling: boolean;
  onCancel: () => void;
}

/** The "Cancel" button beside a long job's start button, shown while the job runs. */
export function JobCancelButton({ id, running, cancelling, onCancel }: CancelProps) {
  if (!running) return null;
  return (
    <button id={id} type="button" className="btn btn-secondary" onClick={onCancel} disabled={cancelling}>
      {cancelling ? 'Cancelling…' : 'Cancel'}
    </button>
  );
}

interface ProgressProps {
  /** Element id of the progress bar, e.g. "scan-progress". */
  id: string;
  /** Accessible name of the bar, e.g. "Scan progress". */
  label: string;
  /** The job runs: the block is shown only then. */
  running: boolean;
  /** Fraction done from 0 to 1, or null for an indeterminate bar. */
  fraction: number | null;
  /** Progress as a sentence, beside the bar. */
  text: ReactNode;
}

/** A long job's progress bar and sentence, shown while the job runs. */
export function JobProgress({ id, label, running, fraction, text }: ProgressProps) {
  if (!running) return null;
  return (
    <div className="import-progress">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      {fraction === null ? <progress id={id} /> : <progress id={id} max={1} value={fraction} />}
      <span className="progress-text" aria-live="polite">
        {text}
      </span>
    </div>
  );
}

interface StatusProps {
  /** Element id of the status line, e.g. "scan-status". */
  id: string;
  /** Element id of the error region, e.g. "scan-error". */
  errorId: string;
  status: string | null;
  error: unknown;
}

/** A long job's status line (e.g. "Scan cancelled…") and its error region, both always in the DOM. */
export function JobStatus({ id, errorId, status, error }: StatusProps) {
  return (
    <>
      <p id={id} role="status" className={status ? 'status-line' : 'status-line empty'}>
        {status ?? ''}
      </p>
      <ErrorMessage id={errorId} error={error} />
    </>
  );
}
