import * as api from '../../api';
import type { ScanProgress, ScanSummary } from '../../types';
import { formatCount } from '../../format';
import { useJob } from '../../components/useJob';
import { JobCancelButton, JobProgress, JobStatus } from '../../components/JobProgress';

interface Props {
  dataset: number;
  version: number;
  /** The user has the analyst role, which scanning needs. */
  canScan: boolean;
  /** Label of the start button. */
  startLabel: string;
  onScanned: (summary: ScanSummary) => void;
  /** Shown beside the start button when given (e.g. to close a "scan again" panel). */
  onDismiss?: () => void;
}

/** Progress as a sentence, e.g. "Looking for PHI: 3 of 12 columns". */
export function progressText(p: ScanProgress | null): string {
  if (!p) return 'Starting…';
  switch (p.stage) {
    case 'reading':
      return 'Reading the dataset…';
    case 'detecting':
      return `Looking for PHI: ${formatCount(p.columns_done)} of ${formatCount(p.columns)} columns`;
    case 'storing':
      return 'Saving the findings…';
    default:
      return 'Scanning…';
  }
}

/** Fraction done, or null when unknown (reading). */
export function progressFraction(p: ScanProgress | null): number | null {
  if (!p || p.stage === 'reading' || p.columns <= 0) return null;
  if (p.stage === 'storing') return 1;
  return Math.min(1, p.columns_done / p.columns);
}

/** Starts a PHI scan of the version, with progress and cancel, like an import. */
export function ScanPanel({ dataset, version, canScan, startLabel, onScanned, onDismiss }: Props) {
  const job = useJob<ScanProgress>();
  const { running: scanning, cancelling, progress, status, error } = job;

  const start = async () => {
    if (scanning || !canScan) return;
    await job.run({
      listen: api.onScanProgress,
      work: () => api.scanDataset(dataset, version),
      onDone: onScanned,
      cancelledStatus: 'Scan cancelled. Nothing was saved.',
    });
  };

  const cancel = () => job.cancel(api.cancelScan);

  const fraction = progressFraction(progress);

  return (
    <div className="scan-panel">
      <div className="form-actions">
        <button
          id="scan-start"
          type="button"
          className="btn btn-primary"
          onClick={() => void start()}
          disabled={scanning || !canScan}
          aria-describedby={canScan ? undefined : 'scan-role-hint'}
        >
          {scanning ? 'Scanning…' : startLabel}
        </button>
        <JobCancelButton id="scan-cancel" running={scanning} cancelling={cancelling} onCancel={() => void cancel()} />
        {!scanning && onDismiss && (
          <button id="scan-dismiss" type="button" className="btn btn-secondary" onClick={onDismiss}>
            Keep the current scan
          </button>
        )}
      </div>
      {!canScan && (
        <p id="scan-role-hint" className="field-hint">
          Scanning needs the analyst role. Ask an administrator to grant it.
        </p>
      )}
      <JobProgress
        id="scan-progress"
        label="Scan progress"
        running={scanning}
        fraction={fraction}
        text={progressText(progress)}
      />
      <JobStatus id="scan-status" errorId="scan-error" status={status} error={error} />
    </div>
  );
}
