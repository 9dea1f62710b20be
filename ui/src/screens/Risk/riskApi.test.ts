// The Risk screen's commands: names and camelCase argument keys sent to Rust.
import { describe, expect, it, vi, beforeEach } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...a: unknown[]) => invoke(...a) }));
vi.mock('@tauri-apps/api/event', () => ({ listen: vi.fn() }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn() }));

import * as api from '../../api';

const request = {
  dataset: 7,
  version: 2,
  qi: ['age', 'zip'],
  sensitive: 'diagnosis',
  personId: null,
  threshold: 0.2,
  populationSize: 250000,
  levels: [1, 0],
};

beforeEach(() => {
  invoke.mockReset().mockResolvedValue({ report: 3 });
});

describe('risk commands', () => {
  it('assess_risk sends every argument with the levels; save_risk_report without them', async () => {
    await api.assessRisk({ ...request, extra: 'not sent' } as typeof request);
    await expect(api.saveRiskReport(request, 'why')).resolves.toEqual({ report: 3 });
    const { levels: _levels, ...asItIs } = request;
    expect(invoke.mock.calls).toEqual([
      ['assess_risk', request],
      // A saved report is of the version as it is: no levels.
      ['save_risk_report', { ...asItIs, reason: 'why' }],
    ]);
  });

  it('wraps errors', async () => {
    invoke.mockRejectedValue({ code: 'input', message: 'No column "age".', hint: null });
    await expect(api.assessRisk(request)).rejects.toBeInstanceOf(api.BreakwaterError);
  });

  it('anonymize_dataset sends every argument; cancel_anonymize has none', async () => {
    const anonymize = {
      dataset: 7,
      version: 2,
      qi: ['age', 'zip'],
      k: 5,
      l: null,
      sensitive: null,
      maxSuppression: 0.05,
      threshold: 0.2,
    };
    await api.anonymizeDataset({ ...anonymize, extra: 'not sent' } as typeof anonymize);
    await api.cancelAnonymize();
    expect(invoke.mock.calls).toEqual([['anonymize_dataset', anonymize], ['cancel_anonymize', undefined]]);
  });
});
