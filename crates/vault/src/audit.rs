//! The append-only, hash-chained audit log and its verification.
//!
//! Each event's hash is SHA-256 over its canonical JSON (sorted keys) including the previous
//! event's hash. A MAC-protected anchor (keyed from the data key) pins the newest event written
//! while unlocked, so deleting events from the end is detected too.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::canonical::canonical_json;
use crate::crypto;
use crate::keys::Keys;
use crate::Error;

const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const ANCHOR_KEY: &str = "audit_anchor";

/// What an audit event records; the snake_case names are the CLI contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Action {
    /// Workspace created.
    Init,
    /// Successful unlock.
    Login,
    /// Failed unlock (unknown user or wrong passphrase).
    LoginFailed,
    /// User created.
    UserAdd,
    /// Passphrase changed.
    Passwd,
    /// Dataset imported.
    Import,
    /// Dataset cells shown to a user.
    View,
    /// Re-identification risk assessed.
    Risk,
    /// A dataset version scanned for PHI.
    Scan,
    /// Findings accepted or rejected.
    FindingsReview,
    /// An anonymization searched for (a what-if: no data written).
    Anonymize,
}

impl Action {
    /// The snake_case verb stored in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Init => "init",
            Action::Login => "login",
            Action::LoginFailed => "login_failed",
            Action::UserAdd => "user_add",
            Action::Passwd => "passwd",
            Action::Import => "import",
            Action::View => "view",
            Action::Risk => "risk",
            Action::Scan => "scan",
            Action::FindingsReview => "findings_review",
            Action::Anonymize => "anonymize",
        }
    }
}

/// An event to append. `details` holds ids, counts, hashes and parameters — never values.
#[derive(Debug, Clone)]
pub struct NewEvent {
    /// User name of who acted.
    pub actor: String,
    /// What was done.
    pub action: Action,
    /// What it was done to, e.g. `dataset:3`.
    pub object: Option<String>,
    /// Why, as given by the user.
    pub reason: Option<String>,
    /// Counts, hashes and parameters (a JSON object).
    pub details: Value,
}

/// A stored audit event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEvent {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// RFC 3339 UTC time.
    pub time: String,
    /// Who acted.
    pub actor: String,
    /// snake_case verb.
    pub action: String,
    /// Object acted on.
    pub object: Option<String>,
    /// Reason given.
    pub reason: Option<String>,
    /// Counts, hashes, parameters.
    pub details: Value,
    /// Hash of the previous event (zeros for the first).
    pub prev_hash: String,
    /// SHA-256 of this event's canonical JSON, lowercase hex.
    pub hash: String,
}

/// Outcome of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditVerification {
    /// True when every event and the anchor check out.
    pub ok: bool,
    /// Number of events read.
    pub events: i64,
    /// The first problem found, naming the event's sequence number.
    pub problem: Option<String>,
    /// Hash of the newest event: record it elsewhere to detect a later rollback of the whole file.
    pub head: Option<String>,
}

/// A stored object and the audit event its sealed content says created it, so cutting that
/// event out of the log is detected even if the log is rolled back whole.
pub(crate) struct EventLink {
    /// Sequence number of the creating event.
    pub(crate) audit_seq: i64,
    /// Its hash.
    pub(crate) audit_hash: String,
    /// Its action.
    pub(crate) action: Action,
    /// Its object, e.g. `dataset:3`.
    pub(crate) object: String,
    /// What it records, for the problem message, e.g. `the import of dataset 3 version 1`.
    pub(crate) what: String,
}

/// Rows of append-only tables whose every insertion is counted by an audit event, so rows
/// deleted behind the triggers' back are detected.
pub(crate) struct StoredCounts {
    /// Rows in `scans`; one `scan` event each.
    pub(crate) scans: i64,
    /// Rows in `finding_decisions`; `findings_review` events count them in `n_findings`.
    pub(crate) decisions: i64,
}

/// The current UTC time as RFC 3339 with milliseconds.
pub(crate) fn now() -> String {
    let t = time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.millisecond()
    )
}

fn event_hash(ev: &AuditEvent) -> String {
    let canonical = canonical_json(&serde_json::json!({
        "seq": ev.seq,
        "time": ev.time,
        "actor": ev.actor,
        "action": ev.action,
        "object": ev.object,
        "reason": ev.reason,
        "details": ev.details,
        "prev_hash": ev.prev_hash,
    }));
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// Appends `event` to the chain inside the caller's transaction. With `keys`, the anchor
/// moves to the new event; without (a failed login), the anchor stays where it was.
pub(crate) fn append(
    conn: &Connection,
    workspace_id: &[u8; 16],
    keys: Option<&Keys>,
    event: NewEvent,
) -> Result<AuditEvent, Error> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (prev_seq, prev_hash) = last.unwrap_or((0, GENESIS_HASH.to_string()));
    let mut ev = AuditEvent {
        seq: prev_seq + 1,
        time: now(),
        actor: event.actor,
        action: event.action.as_str().to_string(),
        object: event.object,
        reason: event.reason,
        details: event.details,
        prev_hash,
        hash: String::new(),
    };
    ev.hash = event_hash(&ev);
    conn.execute(
        "INSERT INTO audit(seq, time, actor, action, object, reason, details, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            ev.seq,
            ev.time,
            ev.actor,
            ev.action,
            ev.object,
            ev.reason,
            canonical_json(&ev.details),
            ev.prev_hash,
            ev.hash
        ],
    )?;
    if let Some(keys) = keys {
        if anchor_still_holds(conn, workspace_id, keys)? {
            let anchor = Anchor {
                seq: ev.seq,
                hash: ev.hash.clone(),
            };
            conn.execute(
                "INSERT INTO meta(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![ANCHOR_KEY, anchor.seal(workspace_id, keys)],
            )?;
        }
    }
    Ok(ev)
}

/// True when the anchored event is still in the log unchanged (or there is no anchor yet in
/// an empty log). A broken anchor is never moved, so tampering stays visible to `verify`.
fn anchor_still_holds(
    conn: &Connection,
    workspace_id: &[u8; 16],
    keys: &Keys,
) -> Result<bool, Error> {
    let sealed: Option<Vec<u8>> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [ANCHOR_KEY], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(sealed) = sealed else {
        let n: i64 = conn.query_row(
            "SELECT COUNT(*) FROM audit WHERE action != 'login_failed'",
            [],
            |r| r.get(0),
        )?;
        return Ok(n <= 1);
    };
    let Some(anchor) = Anchor::open(&sealed, workspace_id, keys) else {
        return Ok(false);
    };
    let hash: Option<String> = conn
        .query_row("SELECT hash FROM audit WHERE seq = ?1", [anchor.seq], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(hash.as_deref() == Some(anchor.hash.as_str()))
}

/// Every event, oldest first.
pub(crate) fn list(conn: &Connection) -> Result<Vec<AuditEvent>, Error> {
    let mut stmt = conn.prepare(
        "SELECT seq, time, actor, action, object, reason, details, prev_hash, hash
         FROM audit ORDER BY seq",
    )?;
    let rows = stmt.query_map([], |r| {
        let details: String = r.get(6)?;
        Ok(AuditEvent {
            seq: r.get(0)?,
            time: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            object: r.get(4)?,
            reason: r.get(5)?,
            details: serde_json::from_str(&details).unwrap_or(Value::Null),
            prev_hash: r.get(7)?,
            hash: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Checks the whole chain and the anchor; reports the first problem.
pub(crate) fn verify(
    conn: &Connection,
    workspace_id: &[u8; 16],
    keys: &Keys,
    links: &[EventLink],
    stored: &StoredCounts,
) -> Result<AuditVerification, Error> {
    let events = list(conn)?;
    let n_events = events.len() as i64;
    let head = events.last().map(|e| e.hash.clone());
    let fail = |problem: String| {
        Ok(AuditVerification {
            ok: false,
            events: n_events,
            problem: Some(problem),
            head: head.clone(),
        })
    };

    let mut prev_hash = GENESIS_HASH.to_string();
    for (idx, ev) in events.iter().enumerate() {
        let expected_seq = idx as i64 + 1;
        if ev.seq != expected_seq {
            return fail(format!(
                "event {expected_seq} is missing (the next event is {})",
                ev.seq
            ));
        }
        if ev.details == Value::Null {
            return fail(format!("event {} has unreadable details", ev.seq));
        }
        if ev.prev_hash != prev_hash {
            return fail(format!(
                "event {} does not link to event {} (deleted, inserted or reordered)",
                ev.seq,
                ev.seq - 1
            ));
        }
        if event_hash(ev) != ev.hash {
            return fail(format!("event {} does not match its hash (edited)", ev.seq));
        }
        prev_hash = ev.hash.clone();
    }

    let sealed: Option<Vec<u8>> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [ANCHOR_KEY], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(sealed) = sealed else {
        return fail("the audit anchor is missing".into());
    };
    let Some(anchor) = Anchor::open(&sealed, workspace_id, keys) else {
        return fail("the audit anchor was altered".into());
    };
    let Some(anchored) = usize::try_from(anchor.seq - 1)
        .ok()
        .and_then(|i| events.get(i))
    else {
        return fail(format!(
            "event {} and later are missing (deleted from the end)",
            anchor.seq
        ));
    };
    if anchored.hash != anchor.hash {
        return fail(format!(
            "event {} differs from the anchored chain (rewritten)",
            anchor.seq
        ));
    }
    if let Some(ev) = events[anchor.seq as usize..]
        .iter()
        .find(|e| e.action != Action::LoginFailed.as_str())
    {
        return fail(format!(
            "event {} was added without the workspace key (forged)",
            ev.seq
        ));
    }
    for link in links {
        let created_by = usize::try_from(link.audit_seq - 1)
            .ok()
            .and_then(|i| events.get(i));
        let intact = created_by.is_some_and(|e| {
            e.hash == link.audit_hash
                && e.action == link.action.as_str()
                && e.object.as_deref() == Some(link.object.as_str())
        });
        if !intact {
            return fail(format!(
                "event {}, which records {}, is missing or changed (log rolled back)",
                link.audit_seq, link.what
            ));
        }
    }
    let count = |action: Action| events.iter().filter(move |e| e.action == action.as_str());
    let scan_events = count(Action::Scan).count() as i64;
    if scan_events != stored.scans {
        return fail(format!(
            "the log records {scan_events} scans but the vault holds {} (scans deleted or added outside Breakwater)",
            stored.scans
        ));
    }
    let decided: i64 = count(Action::FindingsReview)
        .map(|e| e.details["n_findings"].as_i64().unwrap_or(-1))
        .sum();
    if decided != stored.decisions {
        return fail(format!(
            "the log records {decided} review decisions but the vault holds {} (decisions deleted or added outside Breakwater)",
            stored.decisions
        ));
    }
    Ok(AuditVerification {
        ok: true,
        events: n_events,
        problem: None,
        head,
    })
}

/// The newest event written with the key: its position and hash, under a MAC.
struct Anchor {
    seq: i64,
    hash: String,
}

impl Anchor {
    fn message(&self, workspace_id: &[u8; 16]) -> Vec<u8> {
        let mut m = b"breakwater/v1/audit-anchor".to_vec();
        m.extend_from_slice(workspace_id);
        m.extend_from_slice(&self.seq.to_le_bytes());
        m.extend_from_slice(self.hash.as_bytes());
        m
    }

    fn seal(&self, workspace_id: &[u8; 16], keys: &Keys) -> Vec<u8> {
        let tag = crypto::mac(&keys.audit_mac, &self.message(workspace_id));
        let mut out = self.seq.to_le_bytes().to_vec();
        out.extend_from_slice(self.hash.as_bytes());
        out.extend_from_slice(&tag);
        out
    }

    fn open(sealed: &[u8], workspace_id: &[u8; 16], keys: &Keys) -> Option<Self> {
        if sealed.len() != 8 + 64 + 32 {
            return None;
        }
        let seq = i64::from_le_bytes(sealed[..8].try_into().ok()?);
        let hash = String::from_utf8(sealed[8..72].to_vec()).ok()?;
        let anchor = Anchor { seq, hash };
        crypto::verify_mac(
            &keys.audit_mac,
            &anchor.message(workspace_id),
            &sealed[72..],
        )
        .then_some(anchor)
    }
}
