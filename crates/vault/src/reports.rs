//! Saved risk reports: the assessment of a dataset version as JSON, sealed like every other
//! content (its figures are aggregate, but its column names are not public).

use rusqlite::{params, Connection, OptionalExtension};

use crate::keys::{Aad, Keys};
use crate::Error;

/// Stores `report` for a version inside the caller's transaction; returns its id.
pub(crate) fn save(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
    user_id: i64,
    dataset: i64,
    version: i64,
    report: &[u8],
) -> Result<i64, Error> {
    let id: i64 = conn.query_row(
        "SELECT COALESCE(MAX(id), 0) + 1 FROM risk_reports",
        [],
        |r| r.get(0),
    )?;
    let sealed = keys.seal(&Aad::risk_report(ws, id, dataset, version), report);
    conn.execute(
        "INSERT INTO risk_reports(id, dataset_id, version, created_at, created_by, report_ct)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, dataset, version, crate::audit::now(), user_id, sealed],
    )?;
    Ok(id)
}

/// A saved report's JSON bytes with its dataset and version.
pub(crate) fn load(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
    id: i64,
) -> Result<(i64, i64, Vec<u8>), Error> {
    let row: Option<(i64, i64, Vec<u8>)> = conn
        .query_row(
            "SELECT dataset_id, version, report_ct FROM risk_reports WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (dataset, version, sealed) = row.ok_or(Error::UnknownReport { report: id })?;
    let plain = keys
        .open(&Aad::risk_report(ws, id, dataset, version), &sealed)
        .ok_or_else(|| Error::Tampered {
            what: format!("risk report {id}"),
        })?;
    Ok((dataset, version, plain.to_vec()))
}
