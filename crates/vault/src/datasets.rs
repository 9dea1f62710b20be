//! Datasets and their immutable versions: encrypted names and schemas, column chunks, and
//! reading cells back with every chunk's authenticity checked.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use table::{Column, ColumnType, Table, TypeInference};

use crate::audit::{Action, AuditEvent, EventLink};
use crate::chunk;
use crate::keys::{Aad, Keys};
use crate::Error;

/// Rows per encrypted column chunk; importers hand batches of exactly this size.
pub const CHUNK_ROWS: usize = 65_536;

/// A column's name and inferred type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMeta {
    /// Column name as in the header.
    pub name: String,
    /// Inferred type.
    #[serde(rename = "type")]
    pub column_type: ColumnType,
}

/// One dataset in the workspace list, latest version's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatasetSummary {
    /// Dataset id.
    pub dataset: i64,
    /// Dataset name.
    pub name: String,
    /// Number of versions.
    pub versions: i64,
    /// Rows in the latest version.
    pub rows: i64,
    /// Columns in the latest version.
    pub columns: i64,
    /// When the dataset was imported (RFC 3339 UTC).
    pub created_at: String,
    /// Who imported it.
    pub created_by: String,
}

/// One version of a dataset, with its decrypted schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionInfo {
    /// Dataset id.
    pub dataset: i64,
    /// Dataset name.
    pub name: String,
    /// This version.
    pub version: i64,
    /// Number of versions of the dataset.
    pub versions: i64,
    /// Columns with types.
    pub columns: Vec<ColumnMeta>,
    /// Rows in this version.
    pub total_rows: i64,
    /// SHA-256 of the imported file, when known.
    pub source_sha256: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredSchema {
    columns: Vec<ColumnMeta>,
    n_rows: i64,
    /// Sequence number and hash of the audit event that created this version, so that
    /// cutting that event out of the log is detected even if the log is rolled back whole.
    audit_seq: i64,
    audit_hash: String,
}

/// What the importer knows about its source once every row is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFacts {
    /// Bytes read from the source.
    pub bytes: u64,
    /// SHA-256 of the source bytes, lowercase hex.
    pub sha256: String,
}

/// The figures of a finished import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    /// New dataset id.
    pub dataset: i64,
    /// Always 1 for an import.
    pub version: i64,
    /// Rows stored.
    pub rows: i64,
    /// Columns with inferred types.
    pub columns: Vec<ColumnMeta>,
    /// Encrypted chunks written.
    pub chunks: i64,
}

/// Checks a dataset name: 1–200 characters, not all whitespace.
pub fn validate_dataset_name(name: &str) -> Result<(), Error> {
    let n = name.chars().count();
    ((1..=200).contains(&n) && !name.trim().is_empty())
        .then_some(())
        .ok_or(Error::InvalidDatasetName)
}

/// Writes a new dataset's version 1 from `batches` inside the caller's transaction.
pub(crate) fn write_new(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
    user_id: i64,
    name: &str,
    column_names: &[String],
    batches: &mut dyn FnMut() -> Result<Option<Table>, Error>,
) -> Result<ImportOutcome, Error> {
    validate_dataset_name(name)?;
    if column_names.is_empty() {
        return Err(Error::NoColumns);
    }
    let tag = keys.name_tag(name);
    let taken: Option<i64> = conn
        .query_row(
            "SELECT id FROM datasets WHERE name_tag = ?1",
            [&tag[..]],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(Error::NameTaken);
    }
    let dataset: i64 =
        conn.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM datasets", [], |r| {
            r.get(0)
        })?;
    let version = 1;
    conn.execute(
        "INSERT INTO datasets(id, name_ct, name_tag, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![dataset, keys.seal(&Aad::dataset_name(ws, dataset), name.as_bytes()), &tag[..], crate::audit::now(), user_id],
    )?;

    let mut insert = conn.prepare(
        "INSERT INTO chunks(dataset_id, version, column_idx, chunk_idx, n_cells, ct) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut inference = TypeInference::new(column_names.len());
    let mut n_rows: i64 = 0;
    let mut chunk_idx: i64 = 0;
    let mut short_batch_seen = false;
    while let Some(batch) = batches()? {
        if batch.n_columns() != column_names.len()
            || batch.n_rows() > CHUNK_ROWS
            || short_batch_seen
        {
            return Err(Error::Storage(
                "the importer handed a batch of the wrong shape".into(),
            ));
        }
        if batch.n_rows() == 0 {
            continue;
        }
        short_batch_seen = batch.n_rows() < CHUNK_ROWS;
        inference.observe(&batch);
        let n_cells = batch.n_rows() as i64;
        for (column_idx, column) in batch.columns().iter().enumerate() {
            let column_idx = column_idx as i64;
            let aad = Aad::chunk(ws, dataset, version, column_idx, chunk_idx, n_cells);
            let plaintext = zeroize::Zeroizing::new(chunk::encode(column));
            insert.execute(params![
                dataset,
                version,
                column_idx,
                chunk_idx,
                n_cells,
                keys.seal(&aad, &plaintext)
            ])?;
        }
        n_rows += n_cells;
        chunk_idx += 1;
    }

    let columns: Vec<ColumnMeta> = column_names
        .iter()
        .zip(inference.types())
        .map(|(name, column_type)| ColumnMeta {
            name: name.clone(),
            column_type,
        })
        .collect();
    Ok(ImportOutcome {
        dataset,
        version,
        rows: n_rows,
        columns,
        chunks: chunk_idx * column_names.len() as i64,
    })
}

/// Writes the version row of a dataset whose chunks [`write_new`] stored, sealing its schema
/// together with the audit event that records the import.
pub(crate) fn write_version(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
    user_id: i64,
    outcome: &ImportOutcome,
    source_sha256: &str,
    event: &AuditEvent,
) -> Result<(), Error> {
    let stored = StoredSchema {
        columns: outcome.columns.clone(),
        n_rows: outcome.rows,
        audit_seq: event.seq,
        audit_hash: event.hash.clone(),
    };
    // Invariant: StoredSchema is strings and integers; serializing cannot fail.
    let schema = zeroize::Zeroizing::new(serde_json::to_vec(&stored).expect("schema serializes"));
    let (dataset, version) = (outcome.dataset, outcome.version);
    conn.execute(
        "INSERT INTO versions(dataset_id, version, n_rows, n_columns, chunk_rows, schema_ct, source_sha256,
                              created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            dataset,
            version,
            outcome.rows,
            outcome.columns.len() as i64,
            CHUNK_ROWS as i64,
            keys.seal(&Aad::version_schema(ws, dataset, version), &schema),
            source_sha256,
            event.time,
            user_id
        ],
    )?;
    Ok(())
}

/// Finds a dataset by id (when the reference is digits and such an id exists) or exact name.
pub(crate) fn resolve(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
    reference: &str,
) -> Result<i64, Error> {
    if let Ok(id) = reference.parse::<i64>() {
        let by_id: Option<i64> = conn
            .query_row("SELECT id FROM datasets WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        if let Some(id) = by_id {
            return Ok(id);
        }
    }
    let by_name: Option<i64> = conn
        .query_row(
            "SELECT id FROM datasets WHERE name_tag = ?1",
            [&keys.name_tag(reference)[..]],
            |r| r.get(0),
        )
        .optional()?;
    let Some(id) = by_name else {
        return Err(Error::UnknownDataset {
            reference: match reference.parse::<i64>() {
                Ok(id) => format!("with id {id}"),
                Err(_) => "with that name".into(),
            },
        });
    };
    // The tag is only an index: the sealed name decides, so swapped tags are caught.
    if dataset_name(conn, ws, keys, id)? != reference {
        return Err(Error::Tampered {
            what: format!("dataset {id}'s name index"),
        });
    }
    Ok(id)
}

fn dataset_name(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
    dataset: i64,
) -> Result<String, Error> {
    let ct: Vec<u8> = conn
        .query_row(
            "SELECT name_ct FROM datasets WHERE id = ?1",
            [dataset],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| Error::UnknownDataset {
            reference: format!("with id {dataset}"),
        })?;
    let plain = keys
        .open(&Aad::dataset_name(ws, dataset), &ct)
        .ok_or_else(|| Error::Tampered {
            what: format!("dataset {dataset}'s name"),
        })?;
    String::from_utf8(plain.to_vec()).map_err(|_| Error::Tampered {
        what: format!("dataset {dataset}'s name"),
    })
}

/// Every dataset with its latest version's figures, by id.
pub(crate) fn list(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
) -> Result<Vec<DatasetSummary>, Error> {
    let mut stmt = conn.prepare(
        "SELECT d.id, d.created_at, d.created_by, COUNT(v.version),
                (SELECT n_rows FROM versions WHERE dataset_id = d.id ORDER BY version DESC LIMIT 1),
                (SELECT n_columns FROM versions WHERE dataset_id = d.id ORDER BY version DESC LIMIT 1)
         FROM datasets d JOIN versions v ON v.dataset_id = d.id
         GROUP BY d.id ORDER BY d.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (dataset, created_at, created_by, versions, rows, columns) = row?;
        out.push(DatasetSummary {
            dataset,
            name: dataset_name(conn, ws, keys, dataset)?,
            versions,
            rows,
            columns,
            created_at,
            created_by: crate::users::name_of(conn, created_by)?,
        });
    }
    Ok(out)
}

/// A version's decrypted schema; `version` `None` is the latest.
pub(crate) fn version_info(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
    dataset: i64,
    version: Option<i64>,
) -> Result<VersionInfo, Error> {
    let name = dataset_name(conn, ws, keys, dataset)?;
    let versions: i64 = conn.query_row(
        "SELECT COUNT(*) FROM versions WHERE dataset_id = ?1",
        [dataset],
        |r| r.get(0),
    )?;
    let version = version.unwrap_or(versions);
    let row: Option<(i64, Vec<u8>, Option<String>)> = conn
        .query_row(
            "SELECT n_rows, schema_ct, source_sha256 FROM versions WHERE dataset_id = ?1 AND version = ?2",
            params![dataset, version],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (n_rows, schema_ct, source_sha256) =
        row.ok_or(Error::UnknownVersion { dataset, version })?;
    let schema = open_schema(ws, keys, dataset, version, n_rows, &schema_ct)?;
    Ok(VersionInfo {
        dataset,
        name,
        version,
        versions,
        columns: schema.columns,
        total_rows: n_rows,
        source_sha256,
    })
}

fn open_schema(
    ws: &[u8; 16],
    keys: &Keys,
    dataset: i64,
    version: i64,
    n_rows: i64,
    sealed: &[u8],
) -> Result<StoredSchema, Error> {
    let tampered = || Error::Tampered {
        what: format!("dataset {dataset} version {version}'s schema"),
    };
    let plain = keys
        .open(&Aad::version_schema(ws, dataset, version), sealed)
        .ok_or_else(tampered)?;
    let schema: StoredSchema = serde_json::from_slice(&plain).map_err(|_| tampered())?;
    if schema.n_rows != n_rows {
        return Err(tampered());
    }
    Ok(schema)
}

/// Every version with the audit event that created it, from the sealed schemas.
pub(crate) fn version_links(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
) -> Result<Vec<EventLink>, Error> {
    let mut stmt = conn.prepare(
        "SELECT dataset_id, version, n_rows, schema_ct FROM versions ORDER BY dataset_id, version",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, Vec<u8>>(3)?,
        ))
    })?;
    rows.map(|row| {
        let (dataset, version, n_rows, sealed) = row?;
        let schema = open_schema(ws, keys, dataset, version, n_rows, &sealed)?;
        Ok(EventLink {
            audit_seq: schema.audit_seq,
            audit_hash: schema.audit_hash,
            action: Action::Import,
            object: format!("dataset:{dataset}"),
            what: format!("the import of dataset {dataset} version {version}"),
        })
    })
    .collect()
}

/// Decrypts one column chunk, checking it belongs exactly here.
fn read_chunk(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
    info: &VersionInfo,
    column_idx: usize,
    chunk_idx: i64,
) -> Result<Column, Error> {
    let (dataset, version) = (info.dataset, info.version);
    let tampered = || Error::Tampered {
        what: format!(
            "dataset {dataset} version {version}, column {} chunk {chunk_idx}",
            column_idx + 1
        ),
    };
    let row: Option<(i64, Vec<u8>)> = conn
        .query_row(
            "SELECT n_cells, ct FROM chunks WHERE dataset_id = ?1 AND version = ?2 AND column_idx = ?3 AND chunk_idx = ?4",
            params![dataset, version, column_idx as i64, chunk_idx],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (n_cells, ct) = row.ok_or_else(tampered)?;
    let expected = (info.total_rows - chunk_idx * CHUNK_ROWS as i64).min(CHUNK_ROWS as i64);
    if n_cells != expected {
        return Err(tampered());
    }
    let aad = Aad::chunk(ws, dataset, version, column_idx as i64, chunk_idx, n_cells);
    let plain = keys.open(&aad, &ct).ok_or_else(tampered)?;
    let column = chunk::decode(&info.columns[column_idx].name, &plain).ok_or_else(tampered)?;
    if column.len() as i64 != n_cells {
        return Err(tampered());
    }
    Ok(column)
}

/// Rows `offset..offset+limit` (clamped to the version's rows), every cell as imported.
pub(crate) fn read_rows(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
    info: &VersionInfo,
    offset: u64,
    limit: u64,
) -> Result<Vec<Vec<String>>, Error> {
    let start = i64::try_from(offset)
        .unwrap_or(i64::MAX)
        .min(info.total_rows);
    let end = start
        .saturating_add(i64::try_from(limit).unwrap_or(i64::MAX))
        .min(info.total_rows);
    if start >= end {
        return Ok(Vec::new());
    }
    let chunk_rows = CHUNK_ROWS as i64;
    let mut rows: Vec<Vec<String>> = (start..end)
        .map(|_| Vec::with_capacity(info.columns.len()))
        .collect();
    for column_idx in 0..info.columns.len() {
        for chunk_idx in start / chunk_rows..=(end - 1) / chunk_rows {
            let column = read_chunk(conn, ws, keys, info, column_idx, chunk_idx)?;
            let first = (chunk_idx * chunk_rows).max(start);
            let last = ((chunk_idx + 1) * chunk_rows).min(end);
            for row in first..last {
                // Invariant: read_chunk checked the chunk holds exactly its rows of this range.
                let cell = column
                    .get((row - chunk_idx * chunk_rows) as usize)
                    .expect("row inside its chunk");
                rows[(row - start) as usize].push(cell.to_string());
            }
        }
    }
    Ok(rows)
}

/// The whole version as one in-memory table.
pub(crate) fn read_table(
    conn: &Connection,
    ws: &[u8; 16],
    keys: &Keys,
    info: &VersionInfo,
) -> Result<Table, Error> {
    let n_chunks = (info.total_rows + CHUNK_ROWS as i64 - 1) / CHUNK_ROWS as i64;
    let mut table = Table::new(info.columns.iter().map(|c| c.name.clone()).collect());
    for chunk_idx in 0..n_chunks {
        let columns = (0..info.columns.len())
            .map(|c| read_chunk(conn, ws, keys, info, c, chunk_idx))
            .collect::<Result<Vec<_>, _>>()?;
        table.append(&Table::from_columns(columns)?)?;
    }
    Ok(table)
}
