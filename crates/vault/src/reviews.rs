//! Review decisions on findings: an append-only list of accepted/rejected decisions, each
//! sealed with its reason and bound to its finding, status, author and time. A finding's status
//! is its latest decision, else pending. Decisions belong to one scan: a re-scan starts pending.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::keys::{Aad, Keys};
use crate::scans::ScanRecord;
use crate::Error;

/// Where a finding stands in review.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingStatus {
    /// Not reviewed yet; counts as PHI.
    #[default]
    Pending,
    /// Confirmed as PHI.
    Accepted,
    /// Judged not PHI; presets skip it.
    Rejected,
}

impl FindingStatus {
    /// The lowercase name used in the CLI and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingStatus::Pending => "pending",
            FindingStatus::Accepted => "accepted",
            FindingStatus::Rejected => "rejected",
        }
    }
}

impl fmt::Display for FindingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not pending, accepted or rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown status (use pending, accepted or rejected)")]
pub struct UnknownStatus;

impl FromStr for FindingStatus {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [Self::Pending, Self::Accepted, Self::Rejected]
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or(UnknownStatus)
    }
}

/// A reviewer's decision on findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// The findings are PHI.
    Accepted,
    /// The findings are not PHI.
    Rejected,
}

impl Decision {
    /// The status the findings get.
    pub fn status(self) -> FindingStatus {
        match self {
            Decision::Accepted => FindingStatus::Accepted,
            Decision::Rejected => FindingStatus::Rejected,
        }
    }

    fn parse(stored: &str) -> Option<Self> {
        match stored {
            "accepted" => Some(Decision::Accepted),
            "rejected" => Some(Decision::Rejected),
            _ => None,
        }
    }
}

/// Which findings of a scan a review covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// These finding numbers (duplicates are ignored; each must exist).
    Ids(Vec<i64>),
    /// Every finding of the column with this index (from 0).
    Column(usize),
    /// Every finding of the scan.
    All,
}

#[derive(Serialize, Deserialize)]
struct SealedReason {
    reason: Option<String>,
}

/// Each finding's latest decision in `scan`, every decision's seal checked.
pub(crate) fn statuses(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
    scan: i64,
) -> Result<HashMap<i64, FindingStatus>, Error> {
    let mut stmt = conn.prepare(
        "SELECT id, finding, status, decided_by, decided_at, reason_ct FROM finding_decisions
         WHERE scan_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([scan], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Vec<u8>>(5)?,
        ))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, finding, status, decided_by, decided_at, ct) = row?;
        let tampered = || Error::Tampered {
            what: format!("review decision {id} of scan {scan}"),
        };
        let aad = Aad::decision(ws, id, scan, finding, &status, decided_by, &decided_at);
        keys.open(&aad, &ct).ok_or_else(tampered)?;
        let decision = Decision::parse(&status).ok_or_else(tampered)?;
        out.insert(finding, decision.status());
    }
    Ok(out)
}

/// The finding numbers `selection` covers in `scan`, ascending; unknown numbers and columns
/// are refused.
pub(crate) fn select(
    conn: &Connection,
    scan: &ScanRecord,
    selection: &Selection,
) -> Result<Vec<i64>, Error> {
    let numbers = |column: Option<i64>| -> Result<Vec<i64>, Error> {
        let mut stmt = conn.prepare(
            "SELECT finding FROM findings WHERE scan_id = ?1 AND (?2 IS NULL OR column_idx = ?2)
             ORDER BY finding",
        )?;
        let rows = stmt.query_map(params![scan.scan, column], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    };
    match selection {
        Selection::Ids(ids) => {
            let mut ids = ids.clone();
            ids.sort_unstable();
            ids.dedup();
            let mut exists =
                conn.prepare("SELECT 1 FROM findings WHERE scan_id = ?1 AND finding = ?2")?;
            for &finding in &ids {
                if !exists.exists(params![scan.scan, finding])? {
                    return Err(Error::UnknownFinding {
                        scan: scan.scan,
                        finding,
                        n_findings: scan.n_findings,
                    });
                }
            }
            Ok(ids)
        }
        Selection::Column(c) => {
            if *c >= scan.columns.len() {
                return Err(Error::UnknownColumnNumber {
                    column: *c as i64 + 1,
                    n_columns: scan.columns.len() as i64,
                });
            }
            numbers(Some(*c as i64))
        }
        Selection::All => numbers(None),
    }
}

/// Decisions to append: one per finding of a scan, by one user, with one reason.
pub(crate) struct NewDecisions<'a> {
    pub(crate) scan: i64,
    pub(crate) findings: &'a [i64],
    pub(crate) decision: Decision,
    pub(crate) decided_by: i64,
    pub(crate) reason: Option<&'a str>,
}

/// Appends the decisions inside the caller's transaction, each with the reason sealed.
pub(crate) fn record(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
    new: &NewDecisions<'_>,
) -> Result<(), Error> {
    let status = new.decision.status().as_str();
    let decided_at = crate::audit::now();
    let first: i64 = conn.query_row(
        "SELECT COALESCE(MAX(id), 0) + 1 FROM finding_decisions",
        [],
        |r| r.get(0),
    )?;
    // Invariant: an optional string always serializes.
    let plain = zeroize::Zeroizing::new(
        serde_json::to_vec(&SealedReason {
            reason: new.reason.map(str::to_string),
        })
        .expect("reason serializes"),
    );
    let mut insert = conn.prepare(
        "INSERT INTO finding_decisions(id, scan_id, finding, status, decided_at, decided_by, reason_ct)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (id, &finding) in (first..).zip(new.findings) {
        let aad = Aad::decision(
            ws,
            id,
            new.scan,
            finding,
            status,
            new.decided_by,
            &decided_at,
        );
        insert.execute(params![
            id,
            new.scan,
            finding,
            status,
            decided_at,
            new.decided_by,
            keys.seal(&aad, &plain)
        ])?;
    }
    Ok(())
}

/// Rows in `finding_decisions`.
pub(crate) fn count(conn: &Connection) -> Result<i64, Error> {
    Ok(conn.query_row("SELECT COUNT(*) FROM finding_decisions", [], |r| r.get(0))?)
}

/// Rows in `finding_decisions` of one scan.
pub(crate) fn count_of_scan(conn: &Connection, scan: i64) -> Result<i64, Error> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM finding_decisions WHERE scan_id = ?1",
        [scan],
        |r| r.get(0),
    )?)
}
