import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen, fireEvent, waitFor, cleanup } from '@testing-library/react';
import type { ColumnSummary, DatasetInfo, QiHierarchy, RiskFigures, RiskRequest, RiskView, ScanSummary } from '../../types';
import { BreakwaterError } from '../../errors';

vi.mock('../../api', () => ({
  datasetInfo: vi.fn(),
  scanSummary: vi.fn(),
  assessRisk: vi.fn(),
  saveRiskReport: vi.fn(),
  anonymizeDataset: vi.fn(),
  cancelAnonymize: vi.fn(),
  onAnonymizeProgress: vi.fn(),
}));

import * as api from '../../api';
import { RiskScreen } from './RiskScreen';
import { anonymizeView } from './anonymizeFixture';

const info: DatasetInfo = {
  dataset: 7,
  name: 'discharges_2024',
  version: 2,
  versions: 2,
  total_rows: 1000,
  columns: [
    { name: 'patient_id', type: 'integer' },
    { name: 'age', type: 'integer' },
    { name: 'sex', type: 'text' },
    { name: 'zip', type: 'text' },
    { name: 'diagnosis', type: 'text' },
  ],
};

const figures: RiskFigures = {
  rows: 1000,
  persons: 1000,
  classes: 412,
  k_min: 1,
  avg_prosecutor_risk: 0.412,
  max_prosecutor_risk: 1,
  sample_uniques: 0.0123,
  records_at_risk: 0.0876,
  threshold: 0.2,
  class_size_histogram: [
    { size: 1, classes: 12 },
    { size: 5, classes: 200 },
  ],
  elapsed_ms: 12.4,
};

// Stand-ins for the SVG documents crates/charts makes.
const svg = (title: string) =>
  `<svg width="560" height="300" viewBox="0 0 560 300" xmlns="http://www.w3.org/2000/svg" role="img"><title>${title}</title><rect x="0" y="0" width="10" height="10"/></svg>`;

// The default hierarchies Rust would build for the test columns.
const levelNames: Record<string, string[]> = {
  age: ['original values', 'intervals of 5', 'intervals of 10', 'intervals of 20', 'suppressed (*)'],
  zip: ['original values', 'last 1 character masked', 'last 2 characters masked', 'suppressed (*)'],
};

function hierarchies(qi: string[]): QiHierarchy[] {
  return qi.map((column) => ({
    column,
    rule: column === 'age' ? 'intervals' : column === 'zip' ? 'masking' : 'suppression',
    level_names: levelNames[column] ?? ['original values', 'suppressed (*)'],
  }));
}

function riskView(f: Partial<RiskFigures> = {}, r?: RiskRequest): RiskView {
  return {
    figures: { ...figures, ...f },
    charts: {
      class_sizes: svg('Records by equivalence class size'),
      risk_distribution: svg('Records by re-identification risk'),
    },
    levels: r?.levels ?? [],
    hierarchies: hierarchies(r?.qi ?? []),
  };
}

function checkbox(column: string): HTMLInputElement {
  return document.querySelector(`#qi-list input[type=checkbox][data-column="${column}"]`)!;
}

function figure(key: string): HTMLElement {
  return document.querySelector(`#risk-figures [data-figure="${key}"]`)!;
}

async function renderLoaded(onBack = () => {}) {
  render(<RiskScreen datasetId={7} version={null} onBack={onBack} />);
  await waitFor(() => expect(checkbox('age')).not.toBeNull());
}

beforeEach(() => {
  vi.mocked(api.datasetInfo).mockReset().mockResolvedValue(info);
  vi.mocked(api.scanSummary).mockReset().mockResolvedValue(null);
  vi.mocked(api.assessRisk).mockReset().mockImplementation(async (r: RiskRequest) =>
    riskView({ threshold: r.threshold }, r),
  );
  vi.mocked(api.saveRiskReport).mockReset().mockResolvedValue({ report: 31 });
});

describe('RiskScreen', () => {
  it('lists the columns and shows the empty state until a QI is chosen', async () => {
    const onBack = vi.fn();
    await renderLoaded(onBack);
    expect(api.datasetInfo).toHaveBeenCalledWith(7, null);
    expect(document.getElementById('risk-dataset')!.textContent).toBe('discharges_2024 · version 2 (latest)');
    const boxes = document.querySelectorAll('#qi-list input[type=checkbox]');
    expect([...boxes].map((b) => b.getAttribute('data-column'))).toEqual(info.columns.map((c) => c.name));
    expect(document.getElementById('risk-empty')!.textContent).toBe(
      'Choose the quasi-identifiers: the columns an attacker could know from other sources (for example age, sex, ZIP code).',
    );
    expect((document.getElementById('risk-threshold') as HTMLInputElement).value).toBe('0.2');
    expect(screen.getByText('A record is at risk when the chance of re-identifying it is above this.')).toBeTruthy();
    const person = document.getElementById('risk-person-id') as HTMLSelectElement;
    expect(person.options[0]!.textContent).toBe('None — one row per person');
    expect(person.options.length).toBe(1 + info.columns.length);
    expect(document.getElementById('risk-figures')).toBeNull();
    expect(api.assessRisk).not.toHaveBeenCalled();

    fireEvent.click(document.getElementById('risk-back')!);
    expect(onBack).toHaveBeenCalled();
  });

  it('choosing QIs assesses once, debounced, with the right arguments', async () => {
    await renderLoaded();
    fireEvent.click(checkbox('zip'));
    fireEvent.click(checkbox('age'));
    await waitFor(() => expect(api.assessRisk).toHaveBeenCalledTimes(1));
    expect(api.assessRisk).toHaveBeenCalledWith({
      dataset: 7,
      version: 2,
      qi: ['age', 'zip'], // column order, not click order
      sensitive: null,
      personId: null,
      threshold: 0.2,
      populationSize: null,
      levels: [0, 0],
    });

    fireEvent.change(document.getElementById('risk-sensitive')!, { target: { value: 'diagnosis' } });
    fireEvent.change(document.getElementById('risk-person-id')!, { target: { value: 'patient_id' } });
    fireEvent.change(document.getElementById('risk-threshold')!, { target: { value: '0.1' } });
    fireEvent.change(document.getElementById('risk-population')!, { target: { value: '250,000' } });
    await waitFor(() => expect(api.assessRisk).toHaveBeenCalledTimes(2));
    expect(api.assessRisk).toHaveBeenLastCalledWith({
      dataset: 7,
      version: 2,
      qi: ['age', 'zip'],
      sensitive: 'diagnosis',
      personId: 'patient_id',
      threshold: 0.1,
      populationSize: 250000,
      levels: [0, 0],
    });
  });

  it('renders the figures and the charts', async () => {
    await renderLoaded();
    fireEvent.click(checkbox('age'));
    await waitFor(() => expect(document.getElementById('risk-figures')).not.toBeNull());

    const avg = figure('avg_prosecutor_risk');
    expect(avg.querySelector('dt')!.textContent).toBe('Average prosecutor risk');
    expect(avg.querySelector('.figure-value')!.textContent).toBe('41.20%');
    expect(avg.querySelector('.figure-value')!.getAttribute('title')).toBe('0.412');
    expect(figure('k_min').querySelector('.figure-value')!.textContent).toBe('1');
    expect(figure('k_min').textContent).toContain('Smallest class (k)');
    expect(figure('max_prosecutor_risk').querySelector('.figure-value')!.textContent).toBe('100.00%');
    expect(figure('sample_uniques').textContent).toContain('12 of 1,000 records');
    expect(figure('records_at_risk').textContent).toContain('above the threshold of 20%');
    expect(figure('records_at_risk').className).toContain('figure-card-warn');
    // No sensitive attribute, no population: no l/t or population cards.
    expect(figure('l_distinct_min')).toBeNull();
    expect(figure('pitman')).toBeNull();
    expect(document.getElementById('risk-status')!.textContent).toBe(
      '1,000 rows · 412 equivalence classes · assessed in 12 ms',
    );

    const classSizes = document.querySelector('#chart-class-sizes svg')!;
    expect(classSizes.querySelector('title')!.textContent).toBe('Records by equivalence class size');
    expect(document.querySelector('#chart-risk svg title')!.textContent).toBe('Records by re-identification risk');
  });

  it('shows l-diversity, t-closeness and population figures when asked for', async () => {
    vi.mocked(api.assessRisk).mockResolvedValue(
      riskView({
        l_distinct_min: 2,
        l_entropy_min: 1.8734,
        t_closeness_max: 0.41234,
        population_size: 250000,
        sampling_fraction: 0.004,
        journalist_max_risk: 0.5,
        journalist_avg_risk: 0.01,
        journalist_records_at_risk: 0.003,
        marketer_risk: 0.0021,
        pitman: 0.00051,
        zayatz: null,
        snb: 0.0007,
        dankar: null,
        dankar_model: 'zayatz',
      }),
    );
    await renderLoaded();
    fireEvent.click(checkbox('age'));
    fireEvent.change(document.getElementById('risk-sensitive')!, { target: { value: 'diagnosis' } });
    fireEvent.change(document.getElementById('risk-population')!, { target: { value: '250000' } });
    await waitFor(() => expect(figure('l_distinct_min')).not.toBeNull());
    expect(figure('l_distinct_min').querySelector('.figure-value')!.textContent).toBe('2');
    expect(figure('l_distinct_min').textContent).toContain('this many values of diagnosis');
    expect(figure('l_entropy_min').querySelector('.figure-value')!.textContent).toBe('1.87');
    expect(figure('t_closeness_max').querySelector('.figure-value')!.textContent).toBe('0.412');
    expect(screen.getByRole('heading', { name: 'Sensitive attribute: diagnosis' })).toBeTruthy();

    expect(screen.getByRole('heading', { name: 'Population: 250,000 people, the data is 0.40% of it' })).toBeTruthy();
    expect(figure('journalist_max_risk').querySelector('.figure-value')!.textContent).toBe('50.00%');
    expect(figure('marketer_risk').querySelector('.figure-value')!.textContent).toBe('0.21%');
    expect(figure('pitman').querySelector('.figure-value')!.textContent).toBe('0.05%');
    expect(figure('zayatz').querySelector('.figure-value')!.textContent).toBe('undefined');
    expect(figure('snb').querySelector('.figure-value')!.textContent).toBe('0.07%');
    expect(figure('dankar').querySelector('.figure-value')!.textContent).toBe('undefined');
    expect(figure('dankar').textContent).toContain('(Zayatz)');
  });

  it('gives each column one role at a time', async () => {
    await renderLoaded();
    fireEvent.change(document.getElementById('risk-sensitive')!, { target: { value: 'diagnosis' } });
    fireEvent.click(checkbox('diagnosis'));
    expect((document.getElementById('risk-sensitive') as HTMLSelectElement).value).toBe('');
    const sensitiveOptions = [...(document.getElementById('risk-sensitive') as HTMLSelectElement).options].map(
      (o) => o.value,
    );
    expect(sensitiveOptions).toEqual(['', 'patient_id', 'age', 'sex', 'zip']);
  });

  it('does not assess with an invalid threshold or population, and says why', async () => {
    await renderLoaded();
    fireEvent.click(checkbox('age'));
    await waitFor(() => expect(api.assessRisk).toHaveBeenCalledTimes(1));
    fireEvent.change(document.getElementById('risk-threshold')!, { target: { value: '1.5' } });
    expect(document.getElementById('risk-threshold')!.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('risk-threshold-hint')!.textContent).toContain('Enter a number from 0 to 1.');
    fireEvent.change(document.getElementById('risk-threshold')!, { target: { value: '0.3' } });
    fireEvent.change(document.getElementById('risk-population')!, { target: { value: 'lots' } });
    expect(document.getElementById('risk-population-hint')!.textContent).toContain('Enter a whole number of people.');
    await new Promise((r) => setTimeout(r, 400));
    expect(api.assessRisk).toHaveBeenCalledTimes(1);
    expect((document.getElementById('risk-save') as HTMLButtonElement).disabled).toBe(true);
  });

  it('unchecking the last QI returns to the empty state', async () => {
    await renderLoaded();
    fireEvent.click(checkbox('sex'));
    await waitFor(() => expect(document.getElementById('risk-figures')).not.toBeNull());
    fireEvent.click(checkbox('sex'));
    expect(document.getElementById('risk-empty')).not.toBeNull();
    expect(document.getElementById('risk-figures')).toBeNull();
  });

  it('shows only the newest assessment when responses arrive out of order', async () => {
    let releaseFirst!: () => void;
    const firstGate = new Promise<void>((r) => (releaseFirst = r));
    vi.mocked(api.assessRisk).mockImplementation(async (r: RiskRequest) => {
      if (r.qi.length === 1) await firstGate; // the first request is slow
      return riskView({ k_min: r.qi.length === 1 ? 1 : 9 });
    });
    await renderLoaded();
    fireEvent.click(checkbox('age'));
    await waitFor(() => expect(api.assessRisk).toHaveBeenCalledTimes(1));
    fireEvent.click(checkbox('sex'));
    await waitFor(() => expect(figure('k_min')).not.toBeNull());
    expect(figure('k_min').querySelector('.figure-value')!.textContent).toBe('9');
    releaseFirst();
    await new Promise((r) => setTimeout(r, 50));
    expect(figure('k_min').querySelector('.figure-value')!.textContent).toBe('9');
  });

  it('saves the report with the reason and shows its number', async () => {
    await renderLoaded();
    fireEvent.click(checkbox('age'));
    fireEvent.click(checkbox('zip'));
    await waitFor(() => expect((document.getElementById('risk-save') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.change(document.getElementById('risk-reason')!, { target: { value: '  Release request 14 ' } });
    fireEvent.click(document.getElementById('risk-save')!);
    await waitFor(() => expect(document.getElementById('risk-saved')!.textContent).toBe('Saved as report 31'));
    expect(api.saveRiskReport).toHaveBeenCalledWith(
      {
        dataset: 7,
        version: 2,
        qi: ['age', 'zip'],
        sensitive: null,
        personId: null,
        threshold: 0.2,
        populationSize: null,
        levels: [0, 0],
      },
      'Release request 14',
    );

    // A change of settings makes the saved message out of date.
    fireEvent.click(checkbox('sex'));
    expect(document.getElementById('risk-saved')!.textContent).toBe('');
  });

  it('saves without a reason as null', async () => {
    await renderLoaded();
    fireEvent.click(checkbox('age'));
    await waitFor(() => expect((document.getElementById('risk-save') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(document.getElementById('risk-save')!);
    await waitFor(() => expect(document.getElementById('risk-saved')!.textContent).toBe('Saved as report 31'));
    expect(vi.mocked(api.saveRiskReport).mock.calls[0]![1]).toBeNull();
  });

  it('shows assessment errors and clears them on success', async () => {
    vi.mocked(api.assessRisk).mockRejectedValueOnce(
      new BreakwaterError('input', 'Population size 10 is smaller than the 1,000 persons in the data.', 'Check the size.'),
    );
    await renderLoaded();
    fireEvent.click(checkbox('age'));
    await waitFor(() => expect(document.getElementById('risk-error')!.className).toContain('alert-error'));
    expect(document.getElementById('risk-error')!.textContent).toBe(
      'Population size 10 is smaller than the 1,000 persons in the data. — Check the size.',
    );
    expect(document.getElementById('risk-figures')).toBeNull();

    fireEvent.click(checkbox('sex'));
    await waitFor(() => expect(document.getElementById('risk-figures')).not.toBeNull());
    expect(document.getElementById('risk-error')!.textContent).toBe('');
  });

  it('shows save errors', async () => {
    vi.mocked(api.saveRiskReport).mockRejectedValue(new BreakwaterError('auth', 'Only analysts can save reports.'));
    await renderLoaded();
    fireEvent.click(checkbox('age'));
    await waitFor(() => expect((document.getElementById('risk-save') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(document.getElementById('risk-save')!);
    await waitFor(() => expect(document.getElementById('risk-error')!.textContent).toBe('Only analysts can save reports.'));
    expect(document.getElementById('risk-saved')!.textContent).toBe('');
  });

  it('shows an error when the dataset cannot be loaded', async () => {
    vi.mocked(api.datasetInfo).mockRejectedValue(new BreakwaterError('input', 'No dataset 7.'));
    render(<RiskScreen datasetId={7} version={1} onBack={() => {}} />);
    await waitFor(() => expect(document.getElementById('risk-error')!.textContent).toBe('No dataset 7.'));
    expect(api.datasetInfo).toHaveBeenCalledWith(7, 1);
  });

  it('pre-fills the QIs from the PHI scan and says so; the user can change them', async () => {
    const col = (column: number, cls: ColumnSummary['class'], kind: ColumnSummary['kind'], evidence: string) => ({
      column,
      name: info.columns[column]!.name,
      kind,
      class: cls,
      confidence: 0.9,
      evidence,
      sampled: 200,
      n_findings: cls === 'direct' ? 1 : 0,
    });
    const scan: ScanSummary = {
      dataset: 7,
      version: 2,
      scan: 4,
      created_at: '2025-03-04T14:05:09Z',
      created_by: 'ana',
      n_findings: 2,
      by_kind: { MRN: 1, GEO: 1 },
      columns: [
        col(0, 'direct', 'MRN', 'identifier-like codes'),
        col(1, 'quasi', null, 'no sampled age is over 89; a quasi-identifier'),
        col(2, 'quasi', null, 'sex or gender values'),
        col(3, 'direct', 'GEO', '100% of 200 sampled values are 5-digit ZIP codes'),
        col(4, 'free_text', null, 'six words or more'),
      ],
    };
    vi.mocked(api.scanSummary).mockResolvedValue(scan);
    await renderLoaded();
    expect(api.scanSummary).toHaveBeenCalledWith(7, null);
    expect(checkbox('age').checked).toBe(true);
    expect(checkbox('sex').checked).toBe(true);
    expect(checkbox('zip').checked).toBe(true);
    expect(checkbox('patient_id').checked).toBe(false);
    expect(checkbox('diagnosis').checked).toBe(false);
    expect(document.getElementById('qi-prefill-hint')!.textContent).toMatch(
      /^Pre-filled from the PHI scan of .*2025.*: quasi-identifiers and generalizable dates, ages and places\./,
    );
    await waitFor(() => expect(api.assessRisk).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.assessRisk).mock.calls[0]![0].qi).toEqual(['age', 'sex', 'zip']);

    fireEvent.click(checkbox('zip'));
    await waitFor(() => expect(api.assessRisk).toHaveBeenCalledTimes(2));
    expect(vi.mocked(api.assessRisk).mock.calls[1]![0].qi).toEqual(['age', 'sex']);
  });

  it('suggests a scan when the version has none, and works when the scan cannot be read', async () => {
    await renderLoaded();
    expect(document.getElementById('qi-prefill-hint')!.textContent).toContain('scan this version for PHI');
    expect(document.querySelectorAll('#qi-list input:checked').length).toBe(0);
    cleanup();
    vi.mocked(api.scanSummary).mockRejectedValue(new BreakwaterError('auth', 'No analyst role.'));
    await renderLoaded();
    expect(document.getElementById('risk-error')!.textContent).toBe('');
    expect(document.getElementById('qi-prefill-hint')!.textContent).toContain('scan this version for PHI');
  });

  it('offers the anonymization search on the chosen QIs and threshold', async () => {
    vi.mocked(api.onAnonymizeProgress).mockResolvedValue(() => {});
    vi.mocked(api.anonymizeDataset).mockRejectedValue(new BreakwaterError('cancelled', 'cancelled'));
    await renderLoaded();
    expect(document.getElementById('anonymize-panel')).toBeNull();
    fireEvent.click(checkbox('zip'));
    fireEvent.click(checkbox('age'));
    fireEvent.change(document.getElementById('risk-threshold')!, { target: { value: '0.1' } });
    fireEvent.click(document.getElementById('anonymize-run')!);
    await waitFor(() => expect(api.anonymizeDataset).toHaveBeenCalledTimes(1));
    expect(api.anonymizeDataset).toHaveBeenCalledWith({
      dataset: 7,
      version: 2,
      qi: ['age', 'zip'],
      k: 5,
      l: null,
      sensitive: null,
      maxSuppression: 0.05,
      threshold: 0.1,
    });
    await waitFor(() => expect(document.getElementById('anonymize-status')!.textContent).toContain('cancelled'));
  });

  it('offers a level per QI with its names and reassesses when a level changes', async () => {
    await renderLoaded();
    expect(document.getElementById('qi-level-age')).toBeNull();
    fireEvent.click(checkbox('age'));
    fireEvent.click(checkbox('sex'));
    await waitFor(() => expect(api.assessRisk).toHaveBeenCalledTimes(1));
    const age = document.getElementById('qi-level-age') as HTMLSelectElement;
    await waitFor(() => expect(age.options.length).toBe(5));
    expect([...age.options].map((o) => o.textContent)).toEqual(levelNames.age);
    expect(age.value).toBe('0');
    expect(age.getAttribute('aria-label')).toBe('Generalization of age');
    expect(document.getElementById('qi-level-zip')).toBeNull();
    expect(document.getElementById('qi-levels-hint')).toBeNull();

    fireEvent.change(age, { target: { value: '1' } });
    await waitFor(() => expect(api.assessRisk).toHaveBeenCalledTimes(2));
    expect(vi.mocked(api.assessRisk).mock.calls[1]![0]).toMatchObject({ qi: ['age', 'sex'], levels: [1, 0] });
    expect(document.getElementById('qi-levels-hint')!.textContent).toContain('generalized as chosen');
    await waitFor(() => expect(document.getElementById('risk-save')).not.toBeNull());
    expect((document.getElementById('risk-save') as HTMLButtonElement).disabled).toBe(true);
    expect(document.getElementById('risk-save-hint')!.textContent).toContain('original values');

    // A QI dropped and chosen again starts from its original values.
    fireEvent.click(checkbox('age'));
    expect(document.getElementById('qi-level-age')).toBeNull();
    fireEvent.click(checkbox('age'));
    expect((document.getElementById('qi-level-age') as HTMLSelectElement).value).toBe('0');
    await waitFor(() => expect(vi.mocked(api.assessRisk).mock.lastCall![0].levels).toEqual([0, 0]));
    await waitFor(() => expect((document.getElementById('risk-save') as HTMLButtonElement).disabled).toBe(false));
  });

  it('"Use these levels" copies the search\'s levels into the controls and reassesses', async () => {
    vi.mocked(api.onAnonymizeProgress).mockResolvedValue(() => {});
    vi.mocked(api.anonymizeDataset).mockResolvedValue(anonymizeView);
    await renderLoaded();
    fireEvent.click(checkbox('age'));
    fireEvent.click(checkbox('sex'));
    fireEvent.click(checkbox('zip'));
    await waitFor(() => expect(api.assessRisk).toHaveBeenCalledTimes(1));
    fireEvent.click(document.getElementById('anonymize-run')!);
    await waitFor(() => expect(document.getElementById('anonymize-use-levels')).not.toBeNull());
    fireEvent.click(document.getElementById('anonymize-use-levels')!);
    expect((document.getElementById('qi-level-age') as HTMLSelectElement).value).toBe('2');
    expect((document.getElementById('qi-level-sex') as HTMLSelectElement).value).toBe('0');
    expect((document.getElementById('qi-level-zip') as HTMLSelectElement).value).toBe('3');
    await waitFor(() => expect(api.assessRisk).toHaveBeenCalledTimes(2));
    expect(vi.mocked(api.assessRisk).mock.lastCall![0].levels).toEqual([2, 0, 3]);
  });
});
