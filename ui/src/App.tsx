import { useCallback, useEffect, useRef, useState } from 'react';
import * as api from './api';
import type { SessionInfo, WorkspaceStatus } from './types';
import { roleLabel } from './format';
import { lockNotice } from './session';
import { ErrorMessage } from './components/ErrorMessage';
import { UnlockScreen } from './screens/Unlock/UnlockScreen';
import { DatasetsScreen } from './screens/Datasets/DatasetsScreen';
import { DatasetScreen } from './screens/Dataset/DatasetScreen';
import { AuditScreen } from './screens/Audit/AuditScreen';
import { RiskScreen } from './screens/Risk/RiskScreen';
import { ReviewScreen } from './screens/Review/ReviewScreen';

const POLL_MS = 10_000;

type Screen =
  | { name: 'datasets' }
  | { name: 'dataset'; id: number }
  | { name: 'risk'; id: number; version: number | null }
  | { name: 'review'; id: number; version: number | null }
  | { name: 'audit' };

/** The dataset the Review and Risk tabs open; null shows neither tab. */
interface OpenDataset {
  id: number;
  version: number | null;
}

export function App() {
  const [status, setStatus] = useState<WorkspaceStatus | null>(null);
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [screen, setScreen] = useState<Screen>({ name: 'datasets' });
  const [openDataset, setOpenDataset] = useState<OpenDataset | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [startupError, setStartupError] = useState<unknown>(null);
  const [lockError, setLockError] = useState<unknown>(null);
  const lastSession = useRef<SessionInfo | null>(null);

  const goToUnlock = useCallback((next: WorkspaceStatus | null, fallbackNotice: string | null) => {
    const idle = lastSession.current?.idle_timeout_secs ?? null;
    const text = (next && lockNotice(next.locked_reason, idle)) ?? fallbackNotice;
    setSession(null);
    setScreen({ name: 'datasets' });
    setOpenDataset(null);
    setNotice(text);
    setStatus((prev) =>
      next ?? (prev ? { ...prev, unlocked: false, session: null } : prev),
    );
  }, []);

  /** Called when the Rust side says the session is locked. */
  const handleLocked = useCallback(async () => {
    let next: WorkspaceStatus | null = null;
    try {
      next = await api.workspaceStatus();
    } catch {
      next = null;
    }
    if (next && next.unlocked) return; // Not actually locked any more.
    goToUnlock(next, 'Your session was locked. Unlock the workspace to continue.');
  }, [goToUnlock]);

  // Initial status.
  useEffect(() => {
    let alive = true;
    api
      .workspaceStatus()
      .then((s) => {
        if (!alive) return;
        setStatus(s);
        if (s.unlocked && s.session) {
          lastSession.current = s.session;
          setSession(s.session);
        } else {
          setNotice(lockNotice(s.locked_reason, null));
        }
      })
      .catch((e: unknown) => {
        if (alive) setStartupError(e);
      });
    return () => {
      alive = false;
    };
  }, []);

  // Any command failing with code `locked` returns to the Unlock screen.
  useEffect(() => api.onSessionLocked(() => void handleLocked()), [handleLocked]);

  // Poll while unlocked, to notice the idle auto-lock.
  useEffect(() => {
    if (!session) return;
    const timer = window.setInterval(() => {
      api
        .workspaceStatus()
        .then((s) => {
          if (!s.unlocked) goToUnlock(s, null);
        })
        .catch(() => {
          /* a `locked` error is handled by onSessionLocked */
        });
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [session, goToUnlock]);

  const onUnlocked = (s: SessionInfo) => {
    lastSession.current = s;
    setSession(s);
    setNotice(null);
    setLockError(null);
    setScreen({ name: 'datasets' });
    setOpenDataset(null);
    setStatus((prev) => ({
      workspace: s.workspace || prev?.workspace || '',
      exists: true,
      unlocked: true,
      session: s,
      locked_reason: null,
    }));
  };

  const onLock = async () => {
    setLockError(null);
    try {
      await api.lock();
    } catch (e) {
      if (api.errorCode(e) !== 'locked') {
        setLockError(e);
        return;
      }
    }
    let next: WorkspaceStatus | null = null;
    try {
      next = await api.workspaceStatus();
    } catch {
      next = null;
    }
    goToUnlock(next, 'The workspace is locked.');
  };

  if (startupError) {
    return (
      <main className="unlock-page">
        <div className="unlock-card">
          <h1>Breakwater could not open the workspace</h1>
          <ErrorMessage id="startup-error" error={startupError} />
        </div>
      </main>
    );
  }

  if (!status) {
    return (
      <main className="unlock-page">
        <p className="muted" role="status">
          Opening workspace…
        </p>
      </main>
    );
  }

  if (!session) {
    return (
      <UnlockScreen
        key={status.exists ? 'unlock' : 'create'}
        status={status}
        notice={notice}
        defaultUser={lastSession.current?.user}
        onUnlocked={onUnlocked}
      />
    );
  }

  const tab =
    screen.name === 'audit' || screen.name === 'risk' || screen.name === 'review' ? screen.name : 'datasets';

  const showDatasets = () => {
    setOpenDataset(null);
    setScreen({ name: 'datasets' });
  };
  const openRisk = (dataset: OpenDataset) => {
    setOpenDataset(dataset);
    setScreen({ name: 'risk', id: dataset.id, version: dataset.version });
  };
  const openReview = (dataset: OpenDataset) => {
    setOpenDataset(dataset);
    setScreen({ name: 'review', id: dataset.id, version: dataset.version });
  };

  return (
    <div className="shell">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Breakwater
        </div>
        <nav className="nav" aria-label="Main">
          <button
            id="nav-datasets"
            type="button"
            className="nav-tab"
            aria-current={tab === 'datasets' ? 'page' : undefined}
            onClick={showDatasets}
          >
            Datasets
          </button>
          {openDataset && (
            <button
              id="nav-review"
              type="button"
              className="nav-tab"
              aria-current={tab === 'review' ? 'page' : undefined}
              onClick={() => openReview(openDataset)}
            >
              PHI review
            </button>
          )}
          {openDataset && (
            <button
              id="nav-risk"
              type="button"
              className="nav-tab"
              aria-current={tab === 'risk' ? 'page' : undefined}
              onClick={() => openRisk(openDataset)}
            >
              Risk
            </button>
          )}
          <button
            id="nav-audit"
            type="button"
            className="nav-tab"
            aria-current={tab === 'audit' ? 'page' : undefined}
            onClick={() => setScreen({ name: 'audit' })}
          >
            Audit
          </button>
        </nav>
        <div className="session-info">
          <span id="current-user" className="session-user">
            {session.user}
          </span>
          <span id="current-roles" className="session-roles">
            {session.roles.length > 0 ? session.roles.map(roleLabel).join(', ') : 'No roles'}
          </span>
        </div>
        <button id="lock" type="button" className="btn btn-header" onClick={() => void onLock()}>
          Lock
        </button>
      </header>
      <ErrorMessage id="lock-error" error={lockError} />
      <main className="content">
        {screen.name === 'datasets' && (
          <DatasetsScreen
            onOpen={(id) => {
              setOpenDataset({ id, version: null });
              setScreen({ name: 'dataset', id });
            }}
          />
        )}
        {screen.name === 'dataset' && (
          <DatasetScreen
            key={screen.id}
            datasetId={screen.id}
            onBack={showDatasets}
            onAssessRisk={(version) => openRisk({ id: screen.id, version })}
            onReview={(version) => openReview({ id: screen.id, version })}
          />
        )}
        {screen.name === 'review' && (
          <ReviewScreen
            key={`${screen.id}:${screen.version ?? 'latest'}`}
            datasetId={screen.id}
            version={screen.version}
            roles={session.roles}
            onBack={() => setScreen({ name: 'dataset', id: screen.id })}
          />
        )}
        {screen.name === 'risk' && (
          <RiskScreen
            key={`${screen.id}:${screen.version ?? 'latest'}`}
            datasetId={screen.id}
            version={screen.version}
            onBack={() => setScreen({ name: 'dataset', id: screen.id })}
          />
        )}
        {screen.name === 'audit' && <AuditScreen />}
      </main>
    </div>
  );
}
