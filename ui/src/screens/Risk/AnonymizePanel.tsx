import { useState } from 'react';
import * as api from '../../api';
import type { AnonymizeProgress, AnonymizeRequest, AnonymizeView } from '../../types';
import { formatCount } from '../../format';
import { useJob } from '../../components/useJob';
import { JobCancelButton, JobProgress, JobStatus } from '../../components/JobProgress';
import { TextField } from '../../components/TextField';
import { RustSvg } from './RustSvg';
import {
  levelRows,
  parseK,
  parseL,
  parseSuppression,
  riskRows,
  searchFraction,
  searchProgressText,
  suppressedText,
} from './anonymizeView';
import { searchFitsQi, searchLevels, type QiLevels } from './levels';

export const DEFAULT_K = '5';
export const DEFAULT_SUPPRESSION = '5';

interface Props {
  dataset: number;
  version: number;
  /** The QIs chosen on the screen, in column order. */
  qi: string[];
  sensitive: string | null;
  /** The screen's risk threshold; null while the field is invalid. */
  threshold: number | null;
  /** Copies a search's levels into the screen's level controls. */
  onUseLevels: (levels: QiLevels) => void;
}

/**
 * "Find a k-anonymous generalization": runs the optimal search on the QIs chosen above,
 * with progress and cancel, and shows the levels, the suppressed records and the risk
 * before and after. A what-if: nothing is written but the audit event.
 */
export function AnonymizePanel({ dataset, version, qi, sensitive, threshold, onUseLevels }: Props) {
  const [kText, setKText] = useState(DEFAULT_K);
  const [lText, setLText] = useState('');
  const [suppressionText, setSuppressionText] = useState(DEFAULT_SUPPRESSION);
  const job = useJob<AnonymizeProgress>();
  const { running, cancelling, progress, status, error } = job;
  const [shown, setShown] = useState<{ view: AnonymizeView; key: string } | null>(null);

  const k = parseK(kText);
  const l = parseL(lText);
  const maxSuppression = parseSuppression(suppressionText);
  const lValue = sensitive !== null && l.ok ? l.value : null;
  const request: AnonymizeRequest | null =
    qi.length > 0 && k !== null && l.ok && maxSuppression !== null && threshold !== null
      ? { dataset, version, qi, k, l: lValue, sensitive, maxSuppression, threshold }
      : null;
  const requestKey = request ? JSON.stringify(request) : '';
  const isStale = shown !== null && shown.key !== requestKey;

  const run = async () => {
    if (!request || running) return;
    await job.run({
      listen: api.onAnonymizeProgress,
      work: () => api.anonymizeDataset(request),
      onDone: (view) => setShown({ view, key: JSON.stringify(request) }),
      cancelledStatus: 'Search cancelled. Nothing was recorded.',
    });
  };

  const cancel = () => job.cancel(api.cancelAnonymize);

  const fraction = searchFraction(progress);
  const result = shown?.view.result ?? null;

  return (
    <section id="anonymize-panel" className="panel anonymize-panel" aria-labelledby="anonymize-title">
      <h2 id="anonymize-title">Find a k-anonymous generalization</h2>
      <p className="field-hint">
        Searches for the least generalization of the quasi-identifiers above (ZIP codes masked digit by digit, dates
        to month, quarter or year, numbers to intervals of 5, 10 or 20, other values kept or replaced by *) that puts
        every record in a group of at least k. A what-if: the dataset is not changed.
      </p>
      <form
        className="anonymize-settings"
        aria-label="Anonymization settings"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <TextField
          id="anonymize-k"
          label="k (smallest group)"
          inputMode="numeric"
          autoComplete="off"
          value={kText}
          onChange={setKText}
          hint="Every record shares its generalized values with at least k − 1 others."
          problem={k === null ? 'Enter a whole number of 2 or more.' : null}
        />
        <TextField
          id="anonymize-suppression"
          label="Most records suppressed (%)"
          inputMode="decimal"
          autoComplete="off"
          value={suppressionText}
          onChange={setSuppressionText}
          hint="Records that would need too much generalization may be left out, up to this share."
          problem={maxSuppression === null ? 'Enter a percentage from 0 to 100.' : null}
        />
        {sensitive !== null && (
          <TextField
            id="anonymize-l"
            label="l (optional)"
            inputMode="numeric"
            autoComplete="off"
            value={lText}
            onChange={setLText}
            hint={<>Every group also has at least l different values of {sensitive}.</>}
            problem={l.ok ? null : 'Enter a whole number of 2 or more, or leave it empty.'}
          />
        )}
        <div className="form-actions">
          <button id="anonymize-run" type="submit" className="btn btn-primary" disabled={running || request === null}>
            {running ? 'Searching…' : 'Find generalization'}
          </button>
          <JobCancelButton
            id="anonymize-cancel"
            running={running}
            cancelling={cancelling}
            onCancel={() => void cancel()}
          />
        </div>
      </form>

      <JobProgress
        id="anonymize-progress"
        label="Search progress"
        running={running}
        fraction={fraction}
        text={searchProgressText(progress)}
      />
      <JobStatus id="anonymize-status" errorId="anonymize-error" status={status} error={error} />

      {result && shown && (
        <div id="anonymize-result" className={isStale ? 'anonymize-result stale' : 'anonymize-result'}>
          {isStale && (
            <p id="anonymize-stale" className="field-hint">
              The settings changed since this search; run it again to update.
            </p>
          )}
          <table id="anonymize-levels" className="anonymize-table">
            <caption>Generalization per column</caption>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Shown as</th>
                <th scope="col">Level</th>
              </tr>
            </thead>
            <tbody>
              {levelRows(result).map((row) => (
                <tr key={row.column} data-column={row.column}>
                  <th scope="row">{row.column}</th>
                  <td>{row.generalization}</td>
                  <td>{row.level}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="form-actions">
            <button
              id="anonymize-use-levels"
              type="button"
              className="btn btn-secondary"
              onClick={() => onUseLevels(searchLevels(result))}
              disabled={!searchFitsQi(result, qi)}
              aria-describedby="anonymize-use-levels-hint"
            >
              Use these levels
            </button>
            <p id="anonymize-use-levels-hint" className="field-hint">
              {searchFitsQi(result, qi)
                ? 'Sets each quasi-identifier above to its level here, to see the risk of every record.'
                : 'The quasi-identifiers changed since this search; run it again to use its levels.'}
            </p>
          </div>
          <p id="anonymize-suppressed">{suppressedText(result)}</p>
          <table id="anonymize-risk" className="anonymize-table">
            <caption>Risk before → after</caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {riskRows(result).map((row) => (
                <tr key={row.key} data-figure={row.key}>
                  <th scope="row">{row.label}</th>
                  <td>{row.before}</td>
                  <td>{row.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            {formatCount(result.nodes_checked)} of {formatCount(result.nodes_total)} combinations checked in{' '}
            {formatCount(Math.round(result.elapsed_ms))} ms. The after figures count the records kept.
          </p>
          <figure id="chart-before-after" className="risk-chart">
            <RustSvg svg={shown.view.chart} />
          </figure>
        </div>
      )}
    </section>
  );
}
