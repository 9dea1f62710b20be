//! Optimal anonymization of a plain delimited file: hierarchies loaded from ARX-format CSV
//! files, the lattice search of the `risk` crate, the risk before and after, and the
//! transformed table written as RFC 4180 CSV.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use risk::anonymize::{
    anonymize, Anonymization, AnonymizeQuery, LDiversity, SearchProgress, TCloseness,
};
use risk::hierarchy::Hierarchy;
use risk::models::{RiskQuery, RiskReport, SensitiveAttribute, SensitiveHierarchy};
use serde::Serialize;
use sha2::{Digest, Sha256};
use table::{CsvOptions, Table};

use crate::Error;

/// What to anonymize.
#[derive(Debug, Clone, PartialEq)]
pub struct AnonymizeRequest {
    /// Quasi-identifier columns.
    pub qi: Vec<String>,
    /// Hierarchy file (ARX CSV format) per column.
    pub hierarchies: Vec<(String, PathBuf)>,
    /// Smallest class size kept.
    pub k: usize,
    /// Distinct l-diversity of the sensitive column, if required.
    pub l: Option<usize>,
    /// Sensitive column.
    pub sensitive: Option<String>,
    /// t-closeness of the sensitive column, if required: equal ground distance, or
    /// hierarchical over `sensitive_hierarchy`.
    pub t: Option<f64>,
    /// Hierarchy file (ARX CSV format) of the sensitive column, for hierarchical t-closeness.
    pub sensitive_hierarchy: Option<PathBuf>,
    /// Largest fraction of records that may be suppressed.
    pub max_suppression: f64,
    /// Risk threshold of the figures before and after.
    pub threshold: f64,
    /// Where to write the transformed table, if anywhere.
    pub out: Option<PathBuf>,
}

/// The chosen transformation, its metrics, the risk before and after, and the output file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnonymizeOutcome {
    /// Levels, suppressed records, metrics, nodes checked, risk after.
    #[serde(flatten)]
    pub anonymization: Anonymization,
    /// The risk of the original table over the same QIs.
    pub risk_before: RiskReport,
    /// The transformed table's path, when written.
    pub out: Option<String>,
    /// SHA-256 of the written file.
    pub out_sha256: Option<String>,
    /// Wall time of the search (reading and writing excluded).
    pub elapsed_ms: f64,
}

/// A hierarchy file's bytes and their sniffed delimiter.
fn read_hierarchy(path: &Path) -> Result<(Vec<u8>, u8), Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::InputFile {
        path: path.display().to_string(),
        source,
    })?;
    let delimiter = table::sniff_delimiter(&bytes);
    Ok((bytes, delimiter))
}

fn hierarchy_file(column: &str, path: &Path) -> Result<Hierarchy, Error> {
    let (bytes, delimiter) = read_hierarchy(path)?;
    Hierarchy::from_csv(&bytes, delimiter).map_err(|e| Error::Hierarchy {
        column: column.to_string(),
        source: e,
    })
}

fn sensitive_hierarchy_file(column: &str, path: &Path) -> Result<SensitiveHierarchy, Error> {
    let (bytes, delimiter) = read_hierarchy(path)?;
    SensitiveHierarchy::from_csv(&bytes, delimiter).map_err(|e| Error::Hierarchy {
        column: column.to_string(),
        source: e,
    })
}

/// Anonymizes a delimited file; `progress` may cancel by returning `false`.
pub fn anonymize_file(
    path: &Path,
    delimiter: Option<u8>,
    request: &AnonymizeRequest,
    progress: &mut dyn FnMut(SearchProgress) -> bool,
) -> Result<AnonymizeOutcome, Error> {
    let table = table::read_csv(
        path,
        &CsvOptions {
            delimiter,
            ..CsvOptions::default()
        },
    )?;
    let mut hierarchies = BTreeMap::new();
    for (column, file) in &request.hierarchies {
        hierarchies.insert(column.clone(), hierarchy_file(column, file)?);
    }
    let mut query = AnonymizeQuery::new(request.qi.clone(), hierarchies, request.k);
    query.sensitive = request.sensitive.clone();
    query.l_diversity = request.l.map(LDiversity::Distinct);
    query.t_closeness = match (request.t, &request.sensitive_hierarchy) {
        (Some(t), Some(file)) => {
            let column = request.sensitive.as_deref().unwrap_or_default();
            Some(TCloseness::Hierarchical(
                t,
                sensitive_hierarchy_file(column, file)?,
            ))
        }
        (Some(t), None) => Some(TCloseness::EqualDistance(t)),
        (None, _) => None,
    };
    query.max_suppression = request.max_suppression;
    query.threshold = request.threshold;

    let started = Instant::now();
    let anonymization = anonymize(&table, &query, progress)?;
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    let risk_before = risk_before(
        &table,
        &request.qi,
        request.sensitive.as_deref(),
        request.threshold,
    )?;
    let (out, out_sha256) = match &request.out {
        Some(out) => {
            let transformed = anonymization.transformed_table(&table)?;
            let sha256 = write_csv(&transformed, out)?;
            (Some(out.display().to_string()), Some(sha256))
        }
        None => (None, None),
    };
    Ok(AnonymizeOutcome {
        anonymization,
        risk_before,
        out,
        out_sha256,
        elapsed_ms,
    })
}

/// The risk of the table as it is, before an anonymization: over the QIs, with the
/// sensitive column (if any) for l-diversity.
pub(crate) fn risk_before(
    table: &Table,
    qi: &[String],
    sensitive: Option<&str>,
    threshold: f64,
) -> Result<RiskReport, Error> {
    let mut query = RiskQuery::new(qi.to_vec());
    query.threshold = threshold;
    query.sensitive = sensitive.map(|column| SensitiveAttribute {
        column: column.to_owned(),
        hierarchy: None,
    });
    Ok(risk::assess(table, &query)?)
}

/// Writes `table` as RFC 4180 CSV (UTF-8, no BOM, header row) and returns the file's SHA-256.
fn write_csv(table: &Table, path: &Path) -> Result<String, Error> {
    let label = path.display().to_string();
    let io = |e: std::io::Error| Error::OutputFile {
        path: label.clone(),
        source: e,
    };
    let csv_err = |e: csv::Error| io(std::io::Error::other(e.to_string()));
    let mut buffer = Vec::new();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut buffer);
        writer.write_record(table.column_names()).map_err(csv_err)?;
        for row_idx in 0..table.n_rows() {
            if let Some(row) = table.row(row_idx) {
                writer.write_record(row).map_err(csv_err)?;
            }
        }
        writer.flush().map_err(io)?;
    }
    std::fs::write(path, &buffer).map_err(io)?;
    Ok(hex::encode(Sha256::digest(&buffer)))
}
