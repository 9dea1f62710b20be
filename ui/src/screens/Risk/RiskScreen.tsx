import { useEffect, useRef, useState } from 'react';
import * as api from '../../api';
import type { DatasetInfo, RiskRequest, RiskView, ScanSummary } from '../../types';
import { formatCount } from '../../format';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { DebouncedLatest } from './latest';
import { figureGroups, parsePopulation, parseThreshold, summaryLine } from './figures';
import { FigureCards } from './FigureCards';
import { RustSvg } from './RustSvg';
import { prefillHint, prefilledQi } from './prefill';
import { AnonymizePanel } from './AnonymizePanel';
import { isGeneralized, levelOptions, levelsFor, withLevelNames, type QiLevels } from './levels';

export const DEFAULT_THRESHOLD = '0.2';

interface Props {
  datasetId: number;
  /** Null: the latest version. */
  version: number | null;
  onBack: () => void;
}

/** Re-identification risk of one dataset version over chosen quasi-identifiers. */
export function RiskScreen({ datasetId, version, onBack }: Props) {
  const [info, setInfo] = useState<DatasetInfo | null>(null);
  // The version's PHI scan, if any: the QIs are pre-filled from it.
  const [prefill, setPrefill] = useState<{ scan: ScanSummary | null; qi: string[] } | null>(null);
  const [qi, setQi] = useState<string[]>([]);
  // The generalization level of each QI (absent: 0, the original values), and the names of
  // the levels of every QI assessed so far.
  const [levels, setLevels] = useState<QiLevels>({});
  const [levelNames, setLevelNames] = useState<Record<string, string[]>>({});
  const [sensitive, setSensitive] = useState<string | null>(null);
  const [personId, setPersonId] = useState<string | null>(null);
  const [thresholdText, setThresholdText] = useState(DEFAULT_THRESHOLD);
  const [populationText, setPopulationText] = useState('');
  const [reason, setReason] = useState('');

  const [view, setView] = useState<{ view: RiskView; request: RiskRequest } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);

  // The dataset's columns, and the QIs pre-filled from its PHI scan. The columns are shown
  // only with the pre-fill, so it never overwrites a choice the user made.
  useEffect(() => {
    let alive = true;
    // Without a scan (or the right to read it) the screen works as before.
    const scan = api.scanSummary(datasetId, version).catch(() => null);
    Promise.all([api.datasetInfo(datasetId, version), scan])
      .then(([result, summary]) => {
        if (!alive) return;
        const chosen = summary ? prefilledQi(result, summary) : [];
        setInfo(result);
        setPrefill({ scan: summary, qi: chosen });
        setQi(chosen);
      })
      .catch((e: unknown) => {
        if (alive) setError(e);
      });
    return () => {
      alive = false;
    };
  }, [datasetId, version]);

  const threshold = parseThreshold(thresholdText);
  const population = parsePopulation(populationText);

  // The request the settings describe, or null when there is nothing (valid) to assess.
  const request: RiskRequest | null =
    info && qi.length > 0 && threshold !== null && population.ok
      ? {
          dataset: info.dataset,
          version: info.version,
          qi,
          sensitive,
          personId,
          threshold,
          populationSize: population.value,
          levels: levelsFor(qi, levels),
        }
      : null;
  // Every field of the request, as one value the effects below can depend on.
  const requestKey = request ? JSON.stringify(request) : '';
  const noQi = qi.length === 0;

  // Assess on every change: debounced, and only the newest response is shown.
  const latest = useRef<DebouncedLatest<RiskRequest, RiskView> | null>(null);
  useEffect(() => {
    const runner = new DebouncedLatest<RiskRequest, RiskView>(api.assessRisk, {
      onResult: (result, args) => {
        setView({ view: result, request: args });
        setLevelNames((known) => withLevelNames(known, result.hierarchies));
        setError(null);
      },
      onError: (e) => {
        setView(null);
        setError(e);
      },
      onBusyChange: setBusy,
    });
    latest.current = runner;
    return () => runner.dispose();
  }, []);

  useEffect(() => {
    setSaved(null);
    const runner = latest.current;
    if (!runner) return;
    if (requestKey !== '') {
      runner.schedule(JSON.parse(requestKey) as RiskRequest);
    } else {
      // Nothing valid to assess: drop what is pending. Invalid fields keep the last
      // figures on screen (the field says what is wrong); no QI clears them.
      runner.cancel();
      if (noQi) {
        setView(null);
        setError(null);
      }
    }
  }, [requestKey, noQi]);

  const toggleQi = (column: string, checked: boolean) => {
    if (!info) return;
    const chosen = new Set(qi);
    if (checked) chosen.add(column);
    else chosen.delete(column);
    // Keep the dataset's column order.
    setQi(info.columns.map((c) => c.name).filter((name) => chosen.has(name)));
    // A column has one role at a time.
    if (checked && sensitive === column) setSensitive(null);
    if (checked && personId === column) setPersonId(null);
    // A column dropped from the QIs starts again from its original values.
    if (!checked) setLevels(({ [column]: _dropped, ...rest }) => rest);
  };

  const setLevel = (column: string, level: number) => setLevels((current) => ({ ...current, [column]: level }));

  const onSave = async () => {
    if (!view || busy) return;
    setSaving(true);
    setSaved(null);
    setError(null);
    try {
      const trimmed = reason.trim();
      const result = await api.saveRiskReport(view.request, trimmed === '' ? null : trimmed);
      setSaved(result.report);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const columns = info?.columns ?? [];
  const others = columns.filter((c) => !qi.includes(c.name));
  const shown = view?.view ?? null;
  const groups = view ? figureGroups(view.view.figures, view.request.sensitive) : [];
  const thresholdInvalid = threshold === null;
  const populationInvalid = !population.ok;
  // Saved reports are of the version as it is, so saving waits for every level at 0.
  const generalized = isGeneralized(qi, levels);

  return (
    <section className="screen screen-risk" aria-labelledby="risk-title">
      <div className="dataset-header">
        <button id="risk-back" type="button" className="btn btn-secondary" onClick={onBack}>
          ← Back to dataset
        </button>
        <div className="dataset-heading">
          <h1 id="risk-title">Re-identification risk</h1>
          {info && (
            <p id="risk-dataset" className="muted">
              {info.name} · version {formatCount(info.version)}
              {info.version === info.versions ? ' (latest)' : ` of ${formatCount(info.versions)}`}
            </p>
          )}
        </div>
      </div>

      <ErrorMessage id="risk-error" error={error} />

      <div className="risk-layout">
        <form
          className="panel risk-settings"
          aria-label="Assessment settings"
          onSubmit={(e) => e.preventDefault()}
        >
          <fieldset id="qi-list" className="qi-list">
            <legend>Quasi-identifiers</legend>
            <p className="field-hint">Columns an attacker could know from other sources.</p>
            {prefill && (
              <p id="qi-prefill-hint" className="field-hint">
                {prefillHint(prefill.scan, prefill.qi.length)}
              </p>
            )}
            {!info && !error && <p className="muted">Loading columns…</p>}
            {columns.map((c) => {
              const isQi = qi.includes(c.name);
              const level = levels[c.name] ?? 0;
              return (
                <div key={c.name} className="qi-row">
                  <label className="check">
                    <input
                      type="checkbox"
                      data-column={c.name}
                      checked={isQi}
                      onChange={(e) => toggleQi(c.name, e.target.checked)}
                    />
                    <span className="check-name">{c.name}</span>
                    <span className={`type-tag type-${c.type}`}>{c.type}</span>
                  </label>
                  {isQi && (
                    <select
                      id={`qi-level-${c.name}`}
                      className="qi-level"
                      data-column={c.name}
                      aria-label={`Generalization of ${c.name}`}
                      value={level}
                      onChange={(e) => setLevel(c.name, Number(e.target.value))}
                    >
                      {levelOptions(levelNames[c.name], level).map((name, l) => (
                        <option key={l} value={l}>
                          {name}
                        </option>
                      ))}
                    </select>
                  )}
                </div>
              );
            })}
            {generalized && (
              <p id="qi-levels-hint" className="field-hint">
                The figures are for the quasi-identifiers generalized as chosen, every record kept.
              </p>
            )}
          </fieldset>

          <div className="field">
            <label htmlFor="risk-sensitive">Sensitive attribute</label>
            <select
              id="risk-sensitive"
              value={sensitive ?? ''}
              onChange={(e) => setSensitive(e.target.value === '' ? null : e.target.value)}
              aria-describedby="risk-sensitive-hint"
            >
              <option value="">None</option>
              {others
                .filter((c) => c.name !== personId)
                .map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
            </select>
            <p id="risk-sensitive-hint" className="field-hint">
              For l-diversity and t-closeness: a column that must not be revealed, such as a diagnosis.
            </p>
          </div>

          <div className="field">
            <label htmlFor="risk-person-id">Person identifier</label>
            <select
              id="risk-person-id"
              value={personId ?? ''}
              onChange={(e) => setPersonId(e.target.value === '' ? null : e.target.value)}
              aria-describedby="risk-person-id-hint"
            >
              <option value="">None — one row per person</option>
              {others
                .filter((c) => c.name !== sensitive)
                .map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
            </select>
            <p id="risk-person-id-hint" className="field-hint">
              When one person can have several rows, the column that identifies the person.
            </p>
          </div>

          <TextField
            id="risk-threshold"
            label="Risk threshold"
            type="number"
            inputMode="decimal"
            min={0}
            max={1}
            step={0.01}
            value={thresholdText}
            onChange={setThresholdText}
            hint="A record is at risk when the chance of re-identifying it is above this."
            problem={thresholdInvalid ? 'Enter a number from 0 to 1.' : null}
          />

          <TextField
            id="risk-population"
            label="Population size (optional)"
            inputMode="numeric"
            autoComplete="off"
            value={populationText}
            onChange={setPopulationText}
            hint="How many people the data was drawn from, for the journalist and marketer figures."
            problem={populationInvalid ? 'Enter a whole number of people.' : null}
          />
        </form>

        <div className="risk-results">
          {qi.length === 0 ? (
            <p id="risk-empty" className="panel empty-state">
              Choose the quasi-identifiers: the columns an attacker could know from other sources (for
              example age, sex, ZIP code).
            </p>
          ) : (
            <>
              <p id="risk-status" className="risk-status muted" role="status">
                {busy ? 'Assessing…' : shown ? summaryLine(shown.figures) : ''}
              </p>
              {shown && (
                <div className={busy ? 'risk-view risk-view-updating' : 'risk-view'} aria-busy={busy}>
                  <div id="risk-figures">
                    <FigureCards groups={groups} />
                  </div>
                  <div className="risk-charts">
                    <figure id="chart-class-sizes" className="risk-chart">
                      <RustSvg svg={shown.charts.class_sizes} />
                    </figure>
                    <figure id="chart-risk" className="risk-chart">
                      <RustSvg svg={shown.charts.risk_distribution} />
                    </figure>
                  </div>
                  <form
                    className="panel risk-save"
                    aria-label="Save report"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void onSave();
                    }}
                  >
                    <div className="field risk-reason">
                      <label htmlFor="risk-reason">Reason (optional)</label>
                      <input
                        id="risk-reason"
                        type="text"
                        value={reason}
                        onChange={(e) => setReason(e.target.value)}
                        placeholder="For example: release request 2025-014"
                      />
                    </div>
                    <button
                      id="risk-save"
                      type="submit"
                      className="btn btn-primary"
                      disabled={busy || saving || request === null || generalized}
                      aria-describedby={generalized ? 'risk-save-hint' : undefined}
                    >
                      {saving ? 'Saving…' : 'Save report'}
                    </button>
                    {generalized && (
                      <p id="risk-save-hint" className="field-hint">
                        A saved report is of the data as it is: set every quasi-identifier to its original values
                        to save.
                      </p>
                    )}
                  </form>
                </div>
              )}
            </>
          )}
          <p id="risk-saved" className={saved === null ? 'status-line empty' : 'status-line'} role="status">
            {saved === null ? '' : `Saved as report ${formatCount(saved)}`}
          </p>
          {info && qi.length > 0 && (
            <AnonymizePanel
              dataset={info.dataset}
              version={info.version}
              qi={qi}
              sensitive={sensitive}
              threshold={threshold}
              onUseLevels={(chosen) => setLevels((current) => ({ ...current, ...chosen }))}
            />
          )}
        </div>
      </div>
    </section>
  );
}
