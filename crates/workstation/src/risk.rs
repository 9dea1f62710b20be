//! Re-identification risk through the facade: on a plain delimited file (assess-only, no
//! workspace), or on a vault dataset version (analyst; audited with column numbers and
//! figures, never column names or values).

use std::path::Path;
use std::time::Instant;

use risk::classes::{column_index, EquivalenceClasses};
use risk::models::{RiskQuery, RiskReport, SensitiveAttribute, SensitiveDistributions};
use risk::population::{
    population_uniqueness, sample_risk_summary, ClassSizes, DankarModel, Population, SolverConfig,
};
use serde::Serialize;
use serde_json::json;
use table::{CsvOptions, Table};

use vault::VersionInfo;

use crate::Error;

/// What to assess.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskRequest {
    /// Quasi-identifier column names.
    pub qi: Vec<String>,
    /// Sensitive column name, for l-diversity and t-closeness.
    pub sensitive: Option<String>,
    /// Person-id column name, when a person may have several rows.
    pub person_id: Option<String>,
    /// Records whose re-identification probability is strictly above this are "at risk".
    pub threshold: f64,
    /// Size of the population the data was sampled from, for the population models.
    pub population_size: Option<u64>,
}

/// Journalist, marketer and population-uniqueness figures for a sample of a population.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PopulationFigures {
    /// Population size N.
    pub population_size: u64,
    /// n / N.
    pub sampling_fraction: f64,
    /// Highest journalist risk.
    pub journalist_max_risk: f64,
    /// Average journalist risk.
    pub journalist_avg_risk: f64,
    /// Fraction of records whose journalist risk is above the threshold.
    pub journalist_records_at_risk: f64,
    /// Marketer risk (expected fraction of records re-identified).
    pub marketer_risk: f64,
    /// Pitman's estimate of the fraction of population uniques.
    pub pitman: Option<f64>,
    /// Zayatz's estimate.
    pub zayatz: Option<f64>,
    /// The SNB estimate.
    pub snb: Option<f64>,
    /// Dankar's decision rule's estimate.
    pub dankar: Option<f64>,
    /// Which model Dankar's rule chose.
    pub dankar_model: String,
}

/// A risk report, with population figures when a population size was given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskAssessment {
    /// Prosecutor risk, classes, k, l and t.
    #[serde(flatten)]
    pub report: RiskReport,
    /// Journalist, marketer and uniqueness figures.
    #[serde(flatten)]
    pub population: Option<PopulationFigures>,
    /// Wall time of the computation (reading excluded).
    pub elapsed_ms: f64,
}

/// Assesses a delimited file without any workspace, reading only the columns the
/// request names.
pub fn assess_file(
    path: &Path,
    delimiter: Option<u8>,
    request: &RiskRequest,
) -> Result<RiskAssessment, Error> {
    let options = CsvOptions {
        delimiter,
        ..CsvOptions::default()
    };
    let named = request
        .qi
        .iter()
        .chain(&request.sensitive)
        .chain(&request.person_id);
    let columns: Vec<&str> = named.map(String::as_str).collect();
    let table = table::read_csv_columns(path, &options, &columns)?;
    assess_table(&table, request)
}

/// Assesses an in-memory table.
pub fn assess_table(table: &Table, request: &RiskRequest) -> Result<RiskAssessment, Error> {
    let started = Instant::now();
    let query = RiskQuery {
        qi: request.qi.clone(),
        person_id: request.person_id.clone(),
        sensitive: request.sensitive.clone().map(|column| SensitiveAttribute {
            column,
            hierarchy: None,
        }),
        threshold: request.threshold,
    };
    let classes = EquivalenceClasses::new(table, &query.qi, query.person_id.as_deref())?;
    let mut report = RiskReport::from_classes(&classes, query.threshold)?;
    if let Some(sensitive) = &request.sensitive {
        let distributions = SensitiveDistributions::new(table, &classes, sensitive)?;
        report.add_sensitive(&distributions, None)?;
    }
    let population = match request.population_size {
        Some(size) => Some(population_figures(&classes, size, request.threshold)?),
        None => None,
    };
    Ok(RiskAssessment {
        report,
        population,
        elapsed_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}

fn population_figures(
    classes: &EquivalenceClasses,
    size: u64,
    threshold: f64,
) -> Result<PopulationFigures, Error> {
    let histogram: Vec<(u64, u64)> = classes
        .size_histogram()
        .iter()
        .map(|c| (c.size as u64, c.classes as u64))
        .collect();
    let sizes = ClassSizes::new(&histogram)?;
    let summary = sample_risk_summary(&sizes, threshold)?;
    let uniqueness = population_uniqueness(
        &sizes,
        Population::Size(size),
        &SolverConfig::deterministic(),
    )?;
    Ok(PopulationFigures {
        population_size: uniqueness.population_size,
        sampling_fraction: uniqueness.sampling_fraction,
        journalist_max_risk: summary.journalist_max_risk,
        journalist_avg_risk: summary.journalist_avg_risk,
        journalist_records_at_risk: summary.journalist_records_at_risk,
        marketer_risk: summary.marketer_risk,
        pitman: uniqueness.pitman,
        zayatz: uniqueness.zayatz,
        snb: uniqueness.snb,
        dankar: uniqueness.dankar,
        dankar_model: match uniqueness.dankar_model {
            DankarModel::Pitman => "pitman",
            DankarModel::Zayatz => "zayatz",
            DankarModel::Snb => "snb",
            DankarModel::NoSampleUniques => "none_needed",
        }
        .to_string(),
    })
}

/// Audit details of an assessment: column numbers (1-based) and figures only.
pub(crate) fn audit_details(
    table: &Table,
    version: i64,
    request: &RiskRequest,
    a: &RiskAssessment,
) -> serde_json::Value {
    let number = |name: &str| column_index(table, name).map(|i| i + 1).ok();
    json!({
        "version": version,
        "qi_columns": request.qi.iter().filter_map(|q| number(q)).collect::<Vec<_>>(),
        "sensitive_column": request.sensitive.as_deref().and_then(number),
        "person_id_column": request.person_id.as_deref().and_then(number),
        "threshold": request.threshold.to_string(),
        "population_size": request.population_size,
        "rows": a.report.rows,
        "classes": a.report.classes,
        "k_min": a.report.k_min,
    })
}

/// The JSON saved as a risk report: what was assessed and the figures.
pub(crate) fn saved_report(
    info: &VersionInfo,
    request: &RiskRequest,
    assessment: &RiskAssessment,
) -> String {
    json!({
        "dataset": info.dataset,
        "name": info.name,
        "version": info.version,
        "qi": request.qi,
        "sensitive": request.sensitive,
        "person_id": request.person_id,
        "threshold": request.threshold,
        "population_size": request.population_size,
        "assessment": assessment,
    })
    .to_string()
}

/// The charts of an assessment, as SVG documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskCharts {
    /// Records by equivalence class size.
    pub class_sizes: String,
    /// Records by re-identification probability, threshold marked.
    pub risk_distribution: String,
}

/// Renders the charts of an assessment at the given pixel size.
pub fn risk_charts(
    assessment: &RiskAssessment,
    width: u32,
    height: u32,
) -> Result<RiskCharts, Error> {
    let sizes: Vec<(u64, u64)> = assessment
        .report
        .class_size_histogram
        .iter()
        .map(|c| (c.size as u64, c.classes as u64))
        .collect();
    Ok(RiskCharts {
        class_sizes: charts::class_size_histogram(&sizes, width, height)?,
        risk_distribution: charts::risk_distribution(
            &sizes,
            assessment.report.threshold,
            width,
            height,
        )?,
    })
}
