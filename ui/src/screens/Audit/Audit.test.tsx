import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/react';
import type { AuditEvent } from '../../types';

vi.mock('../../api', () => ({
  auditEvents: vi.fn(),
  verifyAudit: vi.fn(),
}));

import * as api from '../../api';
import { AuditScreen } from './AuditScreen';
import { actionLabel, detailPairs } from './labels';

const hash = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';
const events: AuditEvent[] = [
  {
    seq: 3,
    time: '2025-03-04T14:06:00Z',
    actor: 'ana',
    action: 'import',
    object: 'dataset:1',
    reason: 'Quarterly review',
    details: { rows: 3000, name: 'clinic_visits' },
    hash,
  },
  {
    seq: 2,
    time: '2025-03-04T14:05:00Z',
    actor: 'ana',
    action: 'login',
    object: null,
    reason: null,
    details: {},
    hash: 'ffff' + hash.slice(4),
  },
  {
    seq: 1,
    time: '2025-03-04T14:00:00Z',
    actor: 'ana',
    action: 'something_new',
    object: null,
    reason: null,
    details: {},
    hash: '0000' + hash.slice(4),
  },
];

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} not found`);
  return el;
}

beforeEach(() => {
  vi.mocked(api.auditEvents).mockReset().mockResolvedValue(events);
  vi.mocked(api.verifyAudit).mockReset();
});

describe('AuditScreen', () => {
  it('lists events newest first with readable labels', async () => {
    render(<AuditScreen />);
    expect(screen.getByRole('heading', { name: 'Audit trail' })).toBeTruthy();
    await waitFor(() => expect(document.getElementById('audit-list')).not.toBeNull());
    const items = byId('audit-list').querySelectorAll('li.audit-event');
    expect(items).toHaveLength(3);
    expect(items[0].getAttribute('data-action')).toBe('import');
    expect(items[0].textContent).toContain('Imported dataset');
    expect(items[0].textContent).toContain('dataset:1');
    expect(items[0].textContent).toContain('Quarterly review');
    expect(items[0].textContent).toContain('rows:');
    expect(items[0].textContent).toContain('3,000');
    const hashEl = items[0].querySelector('.audit-hash')!;
    expect(hashEl.textContent).toBe(hash.slice(0, 12));
    expect(hashEl.getAttribute('title')).toBe(hash);
    expect(items[1].textContent).toContain('Signed in');
    expect(items[2].textContent).toContain('something_new');
    expect(api.auditEvents).toHaveBeenCalledWith(expect.any(Number));
  });

  it('shows an intact chain in green', async () => {
    vi.mocked(api.verifyAudit).mockResolvedValue({ ok: true, events: 1234, problem: null });
    render(<AuditScreen />);
    fireEvent.click(byId('verify-audit'));
    await waitFor(() => expect(byId('verify-result').textContent).toBe('Chain intact: 1,234 events verified'));
    expect(byId('verify-result').className).toContain('verify-ok');
  });

  it('shows a problem in red', async () => {
    vi.mocked(api.verifyAudit).mockResolvedValue({
      ok: false,
      events: 17,
      problem: 'event 12 does not match its hash',
    });
    render(<AuditScreen />);
    fireEvent.click(byId('verify-audit'));
    await waitFor(() =>
      expect(byId('verify-result').textContent).toBe('Integrity problem: event 12 does not match its hash'),
    );
    expect(byId('verify-result').className).toContain('verify-problem');
  });
});

describe('audit labels', () => {
  it('maps known actions and keeps unknown ones', () => {
    expect(actionLabel('login_failed')).toBe('Failed sign-in');
    expect(actionLabel('init')).toBe('Created workspace');
    expect(actionLabel('view')).toBe('Viewed dataset');
    expect(actionLabel('frobnicate')).toBe('frobnicate');
  });

  it('formats details compactly', () => {
    expect(detailPairs({ rows: 3000, ok: true, cols: ['a', 'b'], note: null })).toEqual([
      ['rows', '3,000'],
      ['ok', 'yes'],
      ['cols', 'a, b'],
      ['note', '—'],
    ]);
  });
});
