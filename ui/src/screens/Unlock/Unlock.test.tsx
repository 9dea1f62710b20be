import { describe, expect, it, vi, beforeEach } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SessionInfo, WorkspaceStatus } from '../../types';
import { BreakwaterError } from '../../errors';

vi.mock('../../api', () => ({
  unlock: vi.fn(),
  createWorkspace: vi.fn(),
}));

import * as api from '../../api';
import { UnlockScreen } from './UnlockScreen';

const session: SessionInfo = {
  workspace: '/home/ana/Breakwater',
  user: 'ana',
  roles: ['admin', 'analyst'],
  idle_timeout_secs: 900,
};

function status(exists: boolean): WorkspaceStatus {
  return { workspace: '/home/ana/Breakwater', exists, unlocked: false, session: null, locked_reason: null };
}

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} not found`);
  return el as T;
}

beforeEach(() => {
  vi.mocked(api.unlock).mockReset();
  vi.mocked(api.createWorkspace).mockReset();
});

describe('UnlockScreen — create workspace', () => {
  it('shows the create form and the workspace path', () => {
    render(<UnlockScreen status={status(false)} onUnlocked={() => {}} />);
    expect(byId('create-workspace')).toBeTruthy();
    expect(byId('passphrase-confirm')).toBeTruthy();
    expect(document.getElementById('unlock')).toBeNull();
    expect(screen.getByText('/home/ana/Breakwater')).toBeTruthy();
    expect(screen.getByText(/cannot be recovered/)).toBeTruthy();
  });

  it('refuses a short passphrase without calling the api', async () => {
    const user = userEvent.setup();
    render(<UnlockScreen status={status(false)} onUnlocked={() => {}} />);
    await user.type(byId('user'), 'ana');
    await user.type(byId('passphrase'), 'short');
    await user.type(byId('passphrase-confirm'), 'short');
    await user.click(byId('create-workspace'));
    expect(byId('unlock-error').textContent).toMatch(/at least 12 characters/);
    expect(api.createWorkspace).not.toHaveBeenCalled();
  });

  it('refuses mismatched passphrases without calling the api', async () => {
    const user = userEvent.setup();
    render(<UnlockScreen status={status(false)} onUnlocked={() => {}} />);
    await user.type(byId('user'), 'ana');
    await user.type(byId('passphrase'), 'correct horse battery');
    await user.type(byId('passphrase-confirm'), 'correct horse battery staple{Enter}');
    expect(byId('unlock-error').textContent).toMatch(/do not match/);
    expect(api.createWorkspace).not.toHaveBeenCalled();
  });

  it('creates the workspace when the passphrases are valid', async () => {
    vi.mocked(api.createWorkspace).mockResolvedValue(session);
    const onUnlocked = vi.fn();
    const user = userEvent.setup();
    render(<UnlockScreen status={status(false)} onUnlocked={onUnlocked} />);
    await user.type(byId('user'), 'ana');
    await user.type(byId('passphrase'), 'correct horse battery');
    await user.type(byId('passphrase-confirm'), 'correct horse battery');
    await user.click(byId('create-workspace'));
    await waitFor(() => expect(onUnlocked).toHaveBeenCalledWith(session));
    expect(api.createWorkspace).toHaveBeenCalledWith('ana', 'correct horse battery');
  });
});

describe('UnlockScreen — unlock', () => {
  it('calls api.unlock and reports success', async () => {
    vi.mocked(api.unlock).mockResolvedValue(session);
    const onUnlocked = vi.fn();
    const user = userEvent.setup();
    render(<UnlockScreen status={status(true)} onUnlocked={onUnlocked} />);
    expect(document.getElementById('passphrase-confirm')).toBeNull();
    await user.type(byId('user'), 'ana');
    await user.type(byId('passphrase'), 'correct horse battery{Enter}');
    await waitFor(() => expect(onUnlocked).toHaveBeenCalledWith(session));
    expect(api.unlock).toHaveBeenCalledWith('ana', 'correct horse battery');
  });

  it('shows "Unlocking…" and disables the button while waiting', async () => {
    let resolve!: (s: SessionInfo) => void;
    vi.mocked(api.unlock).mockReturnValue(new Promise((r) => (resolve = r)));
    render(<UnlockScreen status={status(true)} onUnlocked={() => {}} />);
    fireEvent.change(byId('user'), { target: { value: 'ana' } });
    fireEvent.change(byId('passphrase'), { target: { value: 'secret passphrase' } });
    fireEvent.click(byId('unlock'));
    const button = byId<HTMLButtonElement>('unlock');
    await waitFor(() => expect(button.textContent).toBe('Unlocking…'));
    expect(button.disabled).toBe(true);
    resolve(session);
    await waitFor(() => expect(button.textContent).toBe('Unlock'));
  });

  it('shows the message and hint of a rejected BreakwaterError', async () => {
    vi.mocked(api.unlock).mockRejectedValue(
      new BreakwaterError('auth', 'Wrong user name or passphrase.', 'Passphrases are case-sensitive.'),
    );
    const onUnlocked = vi.fn();
    const user = userEvent.setup();
    render(<UnlockScreen status={status(true)} onUnlocked={onUnlocked} />);
    await user.type(byId('user'), 'ana');
    await user.type(byId('passphrase'), 'wrong passphrase!{Enter}');
    await waitFor(() =>
      expect(byId('unlock-error').textContent).toBe(
        'Wrong user name or passphrase. — Passphrases are case-sensitive.',
      ),
    );
    expect(byId('unlock-error').getAttribute('role')).toBe('alert');
    expect(onUnlocked).not.toHaveBeenCalled();
    expect(byId<HTMLInputElement>('passphrase').value).toBe('');
  });

  it('shows the lock notice', () => {
    render(
      <UnlockScreen
        status={status(true)}
        notice="Locked after 15 minutes without activity."
        defaultUser="ana"
        onUnlocked={() => {}}
      />,
    );
    expect(screen.getByText('Locked after 15 minutes without activity.')).toBeTruthy();
    expect(byId<HTMLInputElement>('user').value).toBe('ana');
  });

  it('shows integrity errors prominently', async () => {
    vi.mocked(api.unlock).mockRejectedValue(new BreakwaterError('integrity', 'The vault has been modified.'));
    render(<UnlockScreen status={status(true)} onUnlocked={() => {}} />);
    fireEvent.change(byId('user'), { target: { value: 'ana' } });
    fireEvent.change(byId('passphrase'), { target: { value: 'secret passphrase' } });
    fireEvent.click(byId('unlock'));
    await waitFor(() => expect(byId('unlock-error').className).toContain('alert-integrity'));
    expect(byId('unlock-error').textContent).toContain('The vault has been modified.');
  });
});
