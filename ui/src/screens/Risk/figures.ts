// Turns risk figures into labelled cards with one-line explanations, and parses
// the settings form. Presentation only: every figure is computed in Rust.
import type { RiskFigures } from '../../types';
import { formatCount, plural } from '../../format';

export interface FigureCard {
  /** Stable key, also `data-figure` on the card. */
  key: string;
  label: string;
  value: string;
  /** The raw value, shown as a tooltip. */
  raw?: string;
  /** A second line under the value, e.g. a count. */
  detail?: string;
  explanation: string;
  /** Draw attention: some records are above the threshold. */
  warn?: boolean;
  /** The model behind the figure does not apply to this data. */
  undefined?: boolean;
}

export interface FigureGroup {
  key: 'prosecutor' | 'sensitive' | 'population';
  title: string;
  cards: FigureCard[];
}

/** A fraction as a percentage with two decimals: 0.12345 → "12.35%". */
export function formatPercent(fraction: number, digits = 2): string {
  if (!Number.isFinite(fraction)) return String(fraction);
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A threshold as a short percentage: 0.2 → "20%", 0.125 → "12.5%". */
export function formatThreshold(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}

function percentCard(
  key: string,
  label: string,
  fraction: number,
  explanation: string,
  extra: Partial<FigureCard> = {},
): FigureCard {
  return { key, label, value: formatPercent(fraction), raw: String(fraction), explanation, ...extra };
}

/** "1,234 of 10,000 records" for a fraction of `total`. */
function countOf(fraction: number, total: number, noun: string): string {
  return `${formatCount(Math.round(fraction * total))} of ${formatCount(total)} ${noun}`;
}

const DANKAR_MODELS: Record<string, string> = {
  pitman: 'Pitman',
  zayatz: 'Zayatz',
  snb: 'SNB',
  none_needed: 'no model needed: there are no unique records',
};

function uniquenessCard(
  key: string,
  label: string,
  value: number | null | undefined,
  explanation: string,
): FigureCard {
  if (value === null || value === undefined) {
    return {
      key,
      label,
      value: 'undefined',
      undefined: true,
      explanation: `${explanation} Undefined: the model does not apply to this data.`,
    };
  }
  return percentCard(key, label, value, explanation);
}

/**
 * The cards for an assessment: prosecutor figures always, l-diversity and
 * t-closeness when a sensitive attribute was assessed, population figures when
 * a population size was given.
 */
export function figureGroups(f: RiskFigures, sensitive: string | null): FigureGroup[] {
  const threshold = formatThreshold(f.threshold);
  const groups: FigureGroup[] = [
    {
      key: 'prosecutor',
      title: 'Prosecutor risk: the attacker knows the person is in the data',
      cards: [
        {
          key: 'k_min',
          label: 'Smallest class (k)',
          value: formatCount(f.k_min),
          raw: String(f.k_min),
          explanation:
            f.k_min === 1
              ? 'Some records match no other record on the quasi-identifiers.'
              : `Every record looks the same as at least ${plural(f.k_min - 1, 'other record')} ` +
                'on the quasi-identifiers.',
        },
        percentCard(
          'avg_prosecutor_risk',
          'Average prosecutor risk',
          f.avg_prosecutor_risk,
          'The average chance that an attacker who knows someone is in the data picks out their record.',
        ),
        percentCard(
          'max_prosecutor_risk',
          'Highest risk',
          f.max_prosecutor_risk,
          'The chance of re-identifying the most exposed record: 1 ÷ the smallest class size.',
          { warn: f.max_prosecutor_risk > f.threshold },
        ),
        percentCard(
          'sample_uniques',
          'Unique records',
          f.sample_uniques,
          'Records whose combination of quasi-identifier values no other record shares.',
          { detail: countOf(f.sample_uniques, f.persons, 'records'), warn: f.sample_uniques > 0 },
        ),
        percentCard(
          'records_at_risk',
          'Records at risk',
          f.records_at_risk,
          `Records whose chance of being re-identified is above the threshold of ${threshold}.`,
          { detail: countOf(f.records_at_risk, f.persons, 'records'), warn: f.records_at_risk > 0 },
        ),
      ],
    },
  ];

  if (sensitive !== null) {
    const cards: FigureCard[] = [];
    if (f.l_distinct_min !== undefined) {
      cards.push({
        key: 'l_distinct_min',
        label: 'Distinct l-diversity',
        value: formatCount(f.l_distinct_min),
        raw: String(f.l_distinct_min),
        explanation: `Every group of look-alike records has at least this many values of ${sensitive}.`,
        warn: f.l_distinct_min < 2,
      });
    }
    if (f.l_entropy_min !== undefined) {
      cards.push({
        key: 'l_entropy_min',
        label: 'Entropy l-diversity',
        value: f.l_entropy_min.toFixed(2),
        raw: String(f.l_entropy_min),
        explanation: `In the least varied group, ${sensitive} varies as much as this many equally common values.`,
      });
    }
    if (f.t_closeness_max !== undefined) {
      cards.push({
        key: 't_closeness_max',
        label: 't-closeness',
        value: f.t_closeness_max.toFixed(3),
        raw: String(f.t_closeness_max),
        explanation:
          `The most any group’s ${sensitive} values differ from the whole dataset’s ` +
          '(0 = the same, 1 = completely different).',
      });
    }
    if (cards.length > 0) {
      groups.push({ key: 'sensitive', title: `Sensitive attribute: ${sensitive}`, cards });
    }
  }

  if (f.population_size !== undefined) {
    const cards: FigureCard[] = [];
    const fraction = f.sampling_fraction;
    if (f.journalist_max_risk !== undefined) {
      cards.push(
        percentCard(
          'journalist_max_risk',
          'Journalist: highest risk',
          f.journalist_max_risk,
          'The highest chance of re-identifying a record when the attacker does not know who is in the data.',
          { warn: f.journalist_max_risk > f.threshold },
        ),
      );
    }
    if (f.journalist_avg_risk !== undefined) {
      cards.push(
        percentCard(
          'journalist_avg_risk',
          'Journalist: average risk',
          f.journalist_avg_risk,
          'The average chance of re-identifying a record when the attacker does not know who is in the data.',
        ),
      );
    }
    if (f.journalist_records_at_risk !== undefined) {
      cards.push(
        percentCard(
          'journalist_records_at_risk',
          'Journalist: records at risk',
          f.journalist_records_at_risk,
          `Records above the threshold of ${threshold} for such an attacker.`,
          { warn: f.journalist_records_at_risk > 0 },
        ),
      );
    }
    if (f.marketer_risk !== undefined) {
      cards.push(
        percentCard(
          'marketer_risk',
          'Marketer risk',
          f.marketer_risk,
          'The share of records an attacker would re-identify by trying to match every record.',
        ),
      );
    }
    const dankarModel = f.dankar_model ? (DANKAR_MODELS[f.dankar_model] ?? f.dankar_model) : null;
    cards.push(
      uniquenessCard(
        'pitman',
        'Population uniques (Pitman)',
        f.pitman,
        'Estimated share of the population that is unique on the quasi-identifiers.',
      ),
      uniquenessCard('zayatz', 'Population uniques (Zayatz)', f.zayatz, 'The same estimate with Zayatz’s model.'),
      uniquenessCard(
        'snb',
        'Population uniques (SNB)',
        f.snb,
        'The same estimate with the slide negative binomial model.',
      ),
      uniquenessCard(
        'dankar',
        'Population uniques (Dankar)',
        f.dankar,
        `The estimate Dankar’s rule recommends for this data${dankarModel ? ` (${dankarModel})` : ''}.`,
      ),
    );
    const size = `${formatCount(f.population_size)} people`;
    const title =
      fraction !== undefined
        ? `Population: ${size}, the data is ${formatPercent(fraction)} of it`
        : `Population: ${size}`;
    groups.push({ key: 'population', title, cards });
  }
  return groups;
}

/** "12,345 rows · 10,000 persons · 4,321 classes · 35 ms" */
export function summaryLine(f: RiskFigures): string {
  const parts = [`${formatCount(f.rows)} ${f.rows === 1 ? 'row' : 'rows'}`];
  if (f.persons !== f.rows) parts.push(`${formatCount(f.persons)} ${f.persons === 1 ? 'person' : 'persons'}`);
  parts.push(`${formatCount(f.classes)} equivalence ${f.classes === 1 ? 'class' : 'classes'}`);
  parts.push(`assessed in ${formatCount(Math.round(f.elapsed_ms))} ms`);
  return parts.join(' · ');
}

/** The threshold field: a number in [0, 1], or null when it is not one. */
export function parseThreshold(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : null;
}

/** The population field: empty is "no population"; otherwise a whole number ≥ 1. */
export function parsePopulation(text: string): { ok: true; value: number | null } | { ok: false } {
  const t = text.trim().replace(/[,_\s]/g, '');
  if (t === '') return { ok: true, value: null };
  if (!/^\d+$/.test(t)) return { ok: false };
  const n = Number(t);
  return Number.isSafeInteger(n) && n >= 1 ? { ok: true, value: n } : { ok: false };
}
