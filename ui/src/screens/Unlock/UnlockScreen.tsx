import { useEffect, useRef, useState, type FormEvent } from 'react';
import * as api from '../../api';
import type { SessionInfo, WorkspaceStatus } from '../../types';
import { BreakwaterError, errorCode } from '../../errors';
import { ErrorMessage } from '../../components/ErrorMessage';
import { MIN_PASSPHRASE_LENGTH, newWorkspaceProblem, unlockProblem } from './validation';

interface Props {
  status: WorkspaceStatus;
  /** e.g. "Locked after 15 minutes without activity." */
  notice?: string | null;
  /** User name to pre-fill, e.g. the one whose session was just locked. */
  defaultUser?: string;
  onUnlocked: (session: SessionInfo) => void;
}

export function UnlockScreen({ status, notice, defaultUser, onUnlocked }: Props) {
  const creating = !status.exists;
  const [user, setUser] = useState(defaultUser ?? '');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const userRef = useRef<HTMLInputElement>(null);
  const passRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (user === '') userRef.current?.focus();
    else passRef.current?.focus();
    // Focus once, on mount only.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problem = creating
      ? newWorkspaceProblem(user, passphrase, confirm)
      : unlockProblem(user, passphrase);
    if (problem) {
      setError(new BreakwaterError('input', problem));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = creating
        ? await api.createWorkspace(user.trim(), passphrase)
        : await api.unlock(user.trim(), passphrase);
      setPassphrase('');
      setConfirm('');
      onUnlocked(session);
    } catch (e) {
      setError(e);
      if (errorCode(e) === 'auth') {
        setPassphrase('');
        passRef.current?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  const busyLabel = creating ? 'Creating workspace…' : 'Unlocking…';
  const idleLabel = creating ? 'Create workspace' : 'Unlock';

  return (
    <main className="unlock-page">
      <div className="unlock-card">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark" />
          Breakwater
        </div>
        <h1 id="unlock-title">{creating ? 'Create a workspace' : 'Unlock workspace'}</h1>
        {notice && (
          <p id="lock-notice" className="notice" role="status">
            {notice}
          </p>
        )}
        {creating && (
          <p className="muted">
            Choose a passphrase of at least {MIN_PASSPHRASE_LENGTH} characters. It encrypts every
            value in the workspace and cannot be recovered if it is lost.
          </p>
        )}
        <form className="form" onSubmit={submit} noValidate aria-labelledby="unlock-title">
          <div className="field">
            <label htmlFor="user">User name</label>
            <input
              id="user"
              ref={userRef}
              type="text"
              value={user}
              onChange={(e) => setUser(e.target.value)}
              autoComplete="username"
              autoCapitalize="off"
              spellCheck={false}
              disabled={busy}
            />
          </div>
          <div className="field">
            <label htmlFor="passphrase">Passphrase</label>
            <input
              id="passphrase"
              ref={passRef}
              type="password"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              autoComplete={creating ? 'new-password' : 'current-password'}
              aria-describedby={creating ? 'passphrase-hint' : undefined}
              disabled={busy}
            />
            {creating && (
              <p id="passphrase-hint" className="field-hint">
                At least {MIN_PASSPHRASE_LENGTH} characters
                {passphrase.length > 0 ? ` (${passphrase.length} so far)` : ''}.
              </p>
            )}
          </div>
          {creating && (
            <div className="field">
              <label htmlFor="passphrase-confirm">Confirm passphrase</label>
              <input
                id="passphrase-confirm"
                type="password"
                value={confirm}
                onChange={(e) => setConfirm(e.target.value)}
                autoComplete="new-password"
                disabled={busy}
              />
            </div>
          )}
          <ErrorMessage id="unlock-error" error={error} />
          <button
            id={creating ? 'create-workspace' : 'unlock'}
            type="submit"
            className="btn btn-primary btn-block"
            disabled={busy}
            aria-busy={busy}
          >
            {busy ? busyLabel : idleLabel}
          </button>
        </form>
        <p className="workspace-path">
          Workspace: <span id="workspace-path">{status.workspace}</span>
        </p>
      </div>
    </main>
  );
}
