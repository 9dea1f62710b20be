// An anonymization result as the anonymize_dataset command returns it, for tests.
import type { AnonymizeResult, AnonymizeView, RiskReportFigures } from '../../types';

const before: RiskReportFigures = {
  rows: 3000,
  persons: 3000,
  classes: 2400,
  k_min: 1,
  avg_prosecutor_risk: 0.8,
  max_prosecutor_risk: 1,
  sample_uniques: 0.7,
  records_at_risk: 0.9,
  threshold: 0.2,
  class_size_histogram: [{ size: 1, classes: 2100 }],
};

export const anonymizeResult: AnonymizeResult = {
  dataset: 7,
  version: 2,
  levels: [
    { column: 'age', level: 2, max_level: 4, loss: 0.4, non_uniform_entropy: 100 },
    { column: 'sex', level: 0, max_level: 1, loss: 0, non_uniform_entropy: 0 },
    { column: 'zip', level: 3, max_level: 5, loss: 0.6, non_uniform_entropy: 200 },
  ],
  rows: 3000,
  suppressed: 14,
  metric: 'loss',
  metrics: { loss: 0.3, discernibility: 100000, average_class_size: 40, non_uniform_entropy: 300 },
  nodes_checked: 13,
  nodes_total: 120,
  risk_after: {
    ...before,
    classes: 70,
    k_min: 5,
    avg_prosecutor_risk: 0.023,
    max_prosecutor_risk: 0.2,
    sample_uniques: 0,
    records_at_risk: 0,
    class_size_histogram: [{ size: 5, classes: 10 }],
  },
  hierarchies: [
    {
      column: 'age',
      rule: 'intervals',
      level_names: ['original values', 'intervals of 5', 'intervals of 10', 'intervals of 20', 'suppressed (*)'],
    },
    { column: 'sex', rule: 'suppression', level_names: ['original values', 'suppressed (*)'] },
    {
      column: 'zip',
      rule: 'masking',
      level_names: [
        'original values',
        'last 1 character masked',
        'last 2 characters masked',
        'last 3 characters masked',
        'last 4 characters masked',
        'suppressed (*)',
      ],
    },
  ],
  risk_before: before,
  elapsed_ms: 131.2,
};

export const anonymizeView: AnonymizeView = {
  result: anonymizeResult,
  chart:
    '<svg width="560" height="300" viewBox="0 0 560 300" xmlns="http://www.w3.org/2000/svg" role="img"><title>Re-identification risk before and after anonymization</title></svg>',
};
