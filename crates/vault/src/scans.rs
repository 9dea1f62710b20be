//! PHI scans of dataset versions: each scan's column classifications and its findings, sealed
//! and bound to their place, and the findings model (what a finding number stands for).
//!
//! A column classified `direct` gives one whole-column finding (no row, no offsets) standing
//! for every cell; every span the detector found in another column's cell (free text) gives
//! one cell finding. Findings are numbered from 1 in (column, row, start) order, so the same
//! detector on the same version numbers them the same way. A re-scan adds a scan: the newest
//! scan of a version is its current one, and nothing older is ever changed or deleted.

use std::collections::BTreeMap;

use detect::{ColumnClass, Kind, ScanResult};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::audit::{Action, AuditEvent, EventLink};
use crate::keys::{Aad, Keys};
use crate::reviews::{self, FindingStatus};
use crate::Error;

/// Rule of a whole-column finding: the column's classification is its evidence.
pub const COLUMN_RULE: &str = "column";

/// How one column was classified by a scan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanColumn {
    /// Column index in the version (from 0).
    pub column: usize,
    /// Identifier kind of a direct-identifier column; `None` otherwise.
    pub kind: Option<Kind>,
    /// What the column is for de-identification.
    pub class: ColumnClass,
    /// How sure the classifier was, 0 to 1.
    pub confidence: f64,
    /// The classifier's reasons in words (never a cell value).
    pub evidence: String,
    /// Values sampled.
    pub sampled: usize,
    /// Findings in this column.
    pub n_findings: i64,
}

/// A stored scan of a dataset version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScanRecord {
    /// Scan id (unique in the workspace).
    pub scan: i64,
    /// Dataset id.
    pub dataset: i64,
    /// Version scanned.
    pub version: i64,
    /// When (RFC 3339 UTC).
    pub created_at: String,
    /// Who ran it.
    pub created_by: String,
    /// Findings of the scan, numbered 1 to `n_findings`.
    pub n_findings: i64,
    /// Findings per kind (kinds without findings are absent).
    pub by_kind: BTreeMap<Kind, i64>,
    /// One classification per column, in column order.
    pub columns: Vec<ScanColumn>,
}

/// One finding with its review status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Finding number, 1 to the scan's `n_findings`.
    pub finding: i64,
    /// Column index (from 0).
    pub column: usize,
    /// Row index (from 0); `None` for a whole-column finding.
    pub row: Option<u64>,
    /// First character of the span in the cell, in Unicode scalar values; `None` for a
    /// whole-column finding.
    pub start: Option<u64>,
    /// One past the span's last character; `None` for a whole-column finding.
    pub end: Option<u64>,
    /// What was found.
    pub kind: Kind,
    /// How sure the detector was, 0 to 1.
    pub confidence: f64,
    /// The detector's rule, or [`COLUMN_RULE`].
    pub rule: String,
    /// Its latest review decision, else pending.
    pub status: FindingStatus,
}

#[derive(Serialize, Deserialize)]
struct StoredScan {
    columns: Vec<ScanColumn>,
    n_findings: i64,
    by_kind: BTreeMap<Kind, i64>,
    /// The `scan` audit event, so cutting it out of the log is detected.
    audit_seq: i64,
    audit_hash: String,
}

/// The sealed part of a finding: kind, offsets, confidence and rule.
#[derive(Serialize, Deserialize)]
struct SealedFinding {
    #[serde(rename = "s")]
    start: Option<u64>,
    #[serde(rename = "e")]
    end: Option<u64>,
    #[serde(rename = "k")]
    kind: Kind,
    #[serde(rename = "c")]
    confidence: f64,
    #[serde(rename = "r")]
    rule: String,
}

/// A scan ready to store: its findings numbered, its counts and audit details worked out.
pub(crate) struct PreparedScan {
    pub(crate) scan: i64,
    dataset: i64,
    version: i64,
    columns: Vec<ScanColumn>,
    findings: Vec<(usize, Option<u64>, SealedFinding)>,
    by_kind: BTreeMap<Kind, i64>,
}

/// A detector confidence as the shortest decimal that reads back as the same `f32`, so 0.9
/// is stored and shown as 0.9, not 0.899999976.
fn confidence(c: f32) -> f64 {
    if !c.is_finite() {
        return 0.0;
    }
    c.to_string().parse::<f64>().unwrap_or(f64::from(c))
}

/// Rows and columns of a version, from its plaintext sizes.
fn version_shape(conn: &Connection, dataset: i64, version: i64) -> Result<(i64, i64), Error> {
    conn.query_row(
        "SELECT n_rows, n_columns FROM versions WHERE dataset_id = ?1 AND version = ?2",
        params![dataset, version],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or(Error::UnknownVersion { dataset, version })
}

/// Applies the findings model to a detector result and checks it fits the version.
pub(crate) fn prepare(
    conn: &Connection,
    dataset: i64,
    version: i64,
    result: &ScanResult,
) -> Result<PreparedScan, Error> {
    let (n_rows, n_columns) = version_shape(conn, dataset, version)?;
    let misfit = || Error::Storage("the PHI scan does not fit the dataset version's shape".into());
    let positioned = result
        .columns
        .iter()
        .enumerate()
        .all(|(i, c)| c.column == i);
    if result.columns.len() as i64 != n_columns || !positioned {
        return Err(misfit());
    }
    let mut cells: Vec<_> = result.cells.iter().collect();
    cells.sort_by_key(|c| (c.column, c.row, c.start, c.end));
    let mut findings = Vec::with_capacity(cells.len() + result.columns.len());
    let mut columns = Vec::with_capacity(result.columns.len());
    let mut cells = cells.into_iter().peekable();
    for column in &result.columns {
        let idx = column.column;
        let first = findings.len();
        if column.class == ColumnClass::Direct {
            // A direct identifier of unknown kind is still one: keep it rather than drop it.
            findings.push((
                idx,
                None,
                SealedFinding {
                    start: None,
                    end: None,
                    kind: column.kind.unwrap_or(Kind::OtherId),
                    confidence: confidence(column.confidence),
                    rule: COLUMN_RULE.to_string(),
                },
            ));
        }
        while let Some(cell) = cells.next_if(|c| c.column == idx) {
            if cell.row as i64 >= n_rows || cell.start > cell.end {
                return Err(misfit());
            }
            // The whole-column finding stands for every cell of a direct column.
            if column.class != ColumnClass::Direct {
                findings.push((
                    idx,
                    Some(cell.row as u64),
                    SealedFinding {
                        start: Some(cell.start as u64),
                        end: Some(cell.end as u64),
                        kind: cell.kind,
                        confidence: confidence(cell.confidence),
                        rule: cell.rule.to_string(),
                    },
                ));
            }
        }
        columns.push(ScanColumn {
            column: idx,
            kind: column.kind,
            class: column.class,
            confidence: confidence(column.confidence),
            evidence: column.evidence.clone(),
            sampled: column.sampled,
            n_findings: (findings.len() - first) as i64,
        });
    }
    if cells.next().is_some() {
        return Err(misfit());
    }
    let mut by_kind = BTreeMap::new();
    for (_, _, f) in &findings {
        *by_kind.entry(f.kind).or_insert(0) += 1;
    }
    let scan: i64 = conn.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM scans", [], |r| {
        r.get(0)
    })?;
    Ok(PreparedScan {
        scan,
        dataset,
        version,
        columns,
        findings,
        by_kind,
    })
}

impl PreparedScan {
    /// The `scan` event's details: ids and counts only.
    pub(crate) fn audit_details(&self) -> Value {
        let mut by_class = BTreeMap::new();
        for c in &self.columns {
            *by_class.entry(c.class.as_str()).or_insert(0) += 1;
        }
        json!({
            "dataset": self.dataset,
            "version": self.version,
            "scan": self.scan,
            "columns": self.columns.len(),
            "n_findings": self.findings.len(),
            "by_kind": self.by_kind,
            "by_class": by_class,
        })
    }

    /// Stores the scan and its findings inside the caller's transaction, sealed with the
    /// audit event that records it.
    pub(crate) fn write(
        self,
        conn: &Connection,
        ws: &[u8; 16],
        keys: &Keys,
        user_id: i64,
        event: &AuditEvent,
    ) -> Result<(), Error> {
        let (scan, dataset, version) = (self.scan, self.dataset, self.version);
        let n_findings = self.findings.len() as i64;
        let stored = StoredScan {
            columns: self.columns,
            n_findings,
            by_kind: self.by_kind,
            audit_seq: event.seq,
            audit_hash: event.hash.clone(),
        };
        // Invariant: StoredScan is strings, numbers and enums; serializing cannot fail.
        let blob = zeroize::Zeroizing::new(serde_json::to_vec(&stored).expect("scan serializes"));
        conn.execute(
            "INSERT INTO scans(id, dataset_id, version, created_at, created_by, n_columns, n_findings, columns_ct)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                scan,
                dataset,
                version,
                event.time,
                user_id,
                stored.columns.len() as i64,
                n_findings,
                keys.seal(&Aad::scan(ws, scan, dataset, version), &blob)
            ],
        )?;
        let mut insert = conn.prepare(
            "INSERT INTO findings(scan_id, finding, column_idx, row_idx, ct) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (number, (column, row, sealed)) in self.findings.into_iter().enumerate() {
            let finding = number as i64 + 1;
            let (column, row) = (column as i64, row.map(|r| r as i64));
            let aad = Aad::finding(ws, scan, dataset, version, finding, column, row);
            // Invariant: SealedFinding is numbers, an enum and a string; serializing cannot fail.
            let plain =
                zeroize::Zeroizing::new(serde_json::to_vec(&sealed).expect("finding serializes"));
            insert.execute(params![scan, finding, column, row, keys.seal(&aad, &plain)])?;
        }
        Ok(())
    }
}

/// The id of a version's newest scan, checking the version exists.
pub(crate) fn current_id(
    conn: &Connection,
    dataset: i64,
    version: i64,
) -> Result<Option<i64>, Error> {
    version_shape(conn, dataset, version)?;
    Ok(conn
        .query_row(
            "SELECT MAX(id) FROM scans WHERE dataset_id = ?1 AND version = ?2",
            params![dataset, version],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

fn open_scan(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
    scan: i64,
) -> Result<(ScanRecord, StoredScan), Error> {
    let tampered = || Error::Tampered {
        what: format!("scan {scan}"),
    };
    let row: (i64, i64, String, i64, i64, i64, Vec<u8>) = conn.query_row(
        "SELECT dataset_id, version, created_at, created_by, n_columns, n_findings, columns_ct
         FROM scans WHERE id = ?1",
        [scan],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        },
    )?;
    let (dataset, version, created_at, created_by, n_columns, n_findings, sealed) = row;
    let plain = keys
        .open(&Aad::scan(ws, scan, dataset, version), &sealed)
        .ok_or_else(tampered)?;
    let stored: StoredScan = serde_json::from_slice(&plain).map_err(|_| tampered())?;
    if stored.n_findings != n_findings || stored.columns.len() as i64 != n_columns {
        return Err(tampered());
    }
    let record = ScanRecord {
        scan,
        dataset,
        version,
        created_at,
        created_by: crate::users::name_of(conn, created_by)?,
        n_findings,
        by_kind: stored.by_kind.clone(),
        columns: stored.columns.clone(),
    };
    Ok((record, stored))
}

/// A scan's record, its sealed content checked.
pub(crate) fn record(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
    scan: i64,
) -> Result<ScanRecord, Error> {
    open_scan(conn, ws, keys, scan).map(|(record, _)| record)
}

/// The findings of `scan` (of one column if given), by number, with their review status.
/// Every finding's seal is checked, and so is their number: a finding deleted, added or moved
/// from another scan is an integrity error.
pub(crate) fn findings(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
    scan: &ScanRecord,
    column: Option<usize>,
) -> Result<Vec<Finding>, Error> {
    let id = scan.scan;
    let tampered = || Error::Tampered {
        what: format!("the findings of scan {id}"),
    };
    let expected = match column {
        Some(c) => scan.columns.get(c).map_or(0, |c| c.n_findings),
        None => scan.n_findings,
    };
    let mut stmt = conn.prepare(
        "SELECT finding, column_idx, row_idx, ct FROM findings
         WHERE scan_id = ?1 AND (?2 IS NULL OR column_idx = ?2) ORDER BY finding",
    )?;
    let rows = stmt.query_map(params![id, column.map(|c| c as i64)], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, Vec<u8>>(3)?,
        ))
    })?;
    let statuses = reviews::statuses(conn, ws, keys, id)?;
    let mut out = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    for row in rows {
        let (finding, column_idx, row_idx, ct) = row?;
        let aad = Aad::finding(
            ws,
            id,
            scan.dataset,
            scan.version,
            finding,
            column_idx,
            row_idx,
        );
        let plain = keys.open(&aad, &ct).ok_or_else(tampered)?;
        let sealed: SealedFinding = serde_json::from_slice(&plain).map_err(|_| tampered())?;
        let in_range = (1..=scan.n_findings).contains(&finding)
            && usize::try_from(column_idx).is_ok_and(|c| c < scan.columns.len())
            && row_idx.map_or(true, |r| r >= 0);
        if !in_range || (row_idx.is_none() != sealed.start.is_none()) {
            return Err(tampered());
        }
        out.push(Finding {
            finding,
            column: column_idx as usize,
            row: row_idx.map(|r| r as u64),
            start: sealed.start,
            end: sealed.end,
            kind: sealed.kind,
            confidence: sealed.confidence,
            rule: sealed.rule,
            status: statuses.get(&finding).copied().unwrap_or_default(),
        });
    }
    if out.len() as i64 != expected {
        return Err(tampered());
    }
    Ok(out)
}

/// Every scan with the audit event that recorded it, from the sealed scans.
pub(crate) fn links(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
) -> Result<Vec<EventLink>, Error> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM scans ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.into_iter()
        .map(|scan| {
            let (record, stored) = open_scan(conn, ws, keys, scan)?;
            Ok(EventLink {
                audit_seq: stored.audit_seq,
                audit_hash: stored.audit_hash,
                action: Action::Scan,
                object: format!("dataset:{}", record.dataset),
                what: format!(
                    "scan {scan} of dataset {} version {}",
                    record.dataset, record.version
                ),
            })
        })
        .collect()
}

/// Rows in `scans`.
pub(crate) fn count(conn: &Connection) -> Result<i64, Error> {
    Ok(conn.query_row("SELECT COUNT(*) FROM scans", [], |r| r.get(0))?)
}
