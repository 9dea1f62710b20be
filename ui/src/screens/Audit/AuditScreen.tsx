import { useCallback, useEffect, useState } from 'react';
import * as api from '../../api';
import type { AuditEvent, AuditVerification } from '../../types';
import { formatCount, formatDateTime } from '../../format';
import { ErrorMessage } from '../../components/ErrorMessage';
import { actionLabel, detailPairs, shortHash } from './labels';

const PAGE = 200;

export function AuditScreen() {
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const [error, setError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);

  const load = useCallback(async (n: number) => {
    try {
      setEvents(await api.auditEvents(n));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);

  useEffect(() => {
    void load(limit);
  }, [load, limit]);

  const verify = async () => {
    setVerifying(true);
    setVerification(null);
    setVerifyError(null);
    try {
      setVerification(await api.verifyAudit());
    } catch (e) {
      setVerifyError(e);
    } finally {
      setVerifying(false);
    }
    void load(limit);
  };

  return (
    <section className="screen screen-audit" aria-labelledby="audit-title">
      <div className="screen-heading-row">
        <h1 id="audit-title">Audit trail</h1>
        <button
          id="verify-audit"
          type="button"
          className="btn btn-primary"
          onClick={() => void verify()}
          disabled={verifying}
        >
          {verifying ? 'Verifying…' : 'Verify chain'}
        </button>
      </div>
      <p className="muted">
        Every action in this workspace is recorded here. Each entry is linked to the one before it by
        a cryptographic hash, so any change to past entries is detected when the chain is verified.
      </p>

      <div
        id="verify-result"
        role="status"
        className={
          verification
            ? verification.ok
              ? 'verify-result verify-ok'
              : 'verify-result verify-problem'
            : 'verify-result empty'
        }
      >
        {verification &&
          (verification.ok
            ? `Chain intact: ${formatCount(verification.events)} events verified`
            : `Integrity problem: ${verification.problem ?? 'the audit trail does not verify.'}`)}
      </div>
      <ErrorMessage id="verify-error" error={verifyError} />
      <ErrorMessage id="audit-error" error={error} />

      {events === null && error === null && <p className="muted">Loading audit trail…</p>}
      {events !== null && events.length === 0 && <p className="empty-state">No events recorded yet.</p>}
      {events !== null && events.length > 0 && (
        <ol id="audit-list" className="timeline" aria-label="Audit events, newest first">
          {events.map((ev) => {
            const pairs = detailPairs(ev.details);
            return (
              <li key={ev.seq} className="audit-event" data-action={ev.action} data-seq={ev.seq}>
                <div className="audit-line">
                  <time className="audit-time" dateTime={ev.time}>
                    {formatDateTime(ev.time)}
                  </time>
                  <span className={`audit-action action-${ev.action.replace(/[^a-z0-9_-]/gi, '')}`}>
                    {actionLabel(ev.action)}
                  </span>
                  {ev.object && <span className="audit-object">{ev.object}</span>}
                </div>
                <div className="audit-meta">
                  <span className="audit-actor">
                    by <strong>{ev.actor}</strong>
                  </span>
                  <span className="audit-seq">#{ev.seq}</span>
                  <code className="audit-hash" title={ev.hash}>
                    {shortHash(ev.hash)}
                  </code>
                </div>
                {ev.reason && (
                  <p className="audit-reason">
                    <span className="muted">Reason:</span> {ev.reason}
                  </p>
                )}
                {pairs.length > 0 && (
                  <dl className="audit-details">
                    {pairs.map(([k, v]) => (
                      <div key={k} className="audit-detail">
                        <dt>{k}:</dt>
                        <dd>{v}</dd>
                      </div>
                    ))}
                  </dl>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {events !== null && events.length >= limit && (
        <button
          id="audit-more"
          type="button"
          className="btn btn-secondary"
          onClick={() => setLimit((n) => n + PAGE)}
        >
          Show older events
        </button>
      )}
    </section>
  );
}
