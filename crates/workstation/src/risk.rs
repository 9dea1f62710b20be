//! Re-identification risk through the facade: on a plain delimited file (assess-only, no
//! workspace), or on a vault dataset version (analyst; audited with column numbers and
//! figures, never column names or values); optionally against a population table the data was
//! drawn from (journalist and marketer risk over its classes, δ-presence).

use std::path::{Path, PathBuf};
use std::time::Instant;

use risk::classes::{column_index, EquivalenceClasses};
use risk::models::{RiskQuery, RiskReport, SensitiveAttribute, SensitiveDistributions};
use risk::population::{
    population_uniqueness, sample_risk_summary, ClassSizes, DankarModel, Population, SolverConfig,
};
use risk::{DeltaBounds, SampleInPopulation};
use serde::Serialize;
use serde_json::json;
use table::{CsvOptions, Table};

use vault::VersionInfo;

use crate::{Error, Workstation};

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

/// The population table the assessed data was drawn from (ARX's superset of a research
/// subset), and the δ-presence bounds to check against it.
#[derive(Debug, Clone, PartialEq)]
pub struct PopulationTable {
    /// The population's records; only the quasi-identifier columns are used.
    pub table: Table,
    /// (δmin, δmax) to check, if any.
    pub delta_bounds: Option<(f64, f64)>,
}

/// A population table as a delimited file, read after the data so that errors in the data
/// come first.
#[derive(Debug, Clone, PartialEq)]
pub struct PopulationFile {
    /// The file.
    pub path: PathBuf,
    /// Its field delimiter; detected when `None`.
    pub delimiter: Option<u8>,
    /// (δmin, δmax) to check, if any.
    pub delta_bounds: Option<(f64, f64)>,
}

impl PopulationFile {
    /// Reads the file's quasi-identifier columns. A missing column fails with the file's
    /// real column names.
    pub fn read(&self, qi: &[String]) -> Result<PopulationTable, Error> {
        let options = CsvOptions {
            delimiter: self.delimiter,
            ..CsvOptions::default()
        };
        let columns: Vec<&str> = qi.iter().map(String::as_str).collect();
        Ok(PopulationTable {
            table: table::read_csv_columns(&self.path, &options, &columns)?,
            delta_bounds: self.delta_bounds,
        })
    }
}

/// Journalist and marketer risk over the classes of a population table (ARX's
/// `RiskModelSampleSummary` with a superset) and δ-presence (ARX's `DPresence`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PopulationTableFigures {
    /// Records of the population table, N.
    pub population_size: u64,
    /// n / N.
    pub sampling_fraction: f64,
    /// Equivalence classes of the population table.
    pub population_classes: u64,
    /// Population classes without a record in the data (their δ is 0).
    pub unsampled_population_classes: u64,
    /// 1 / the smallest population class of a class in the data.
    pub journalist_max_risk: f64,
    /// 1 / the largest population class of a class in the data.
    pub journalist_min_risk: f64,
    /// ARX's journalist success rate.
    pub journalist_avg_risk: f64,
    /// Fraction of records whose population class has 1 / size above the threshold.
    pub journalist_records_at_risk: f64,
    /// Expected fraction of records a marketer re-identifies.
    pub marketer_risk: f64,
    /// Least δ = |class in data| / |class in population| over the population classes.
    pub delta_min: f64,
    /// Greatest δ over the population classes.
    pub delta_max: f64,
    /// The bounds checked, if any were given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delta_bounds: Option<DeltaBounds>,
    /// Whether every population class has δ within the bounds; absent without bounds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_delta_present: Option<bool>,
}

/// A risk report, with population figures when a population size or table was given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskAssessment {
    /// Prosecutor risk, classes, k, l and t.
    #[serde(flatten)]
    pub report: RiskReport,
    /// Journalist, marketer and uniqueness figures for a population size.
    #[serde(flatten)]
    pub population: Option<PopulationFigures>,
    /// Journalist, marketer and δ-presence figures for a population table.
    #[serde(flatten)]
    pub population_table: Option<PopulationTableFigures>,
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

/// Assesses a delimited file against a population file, without any workspace.
pub fn assess_file_with_population(
    path: &Path,
    delimiter: Option<u8>,
    request: &RiskRequest,
    population: &PopulationFile,
) -> Result<RiskAssessment, Error> {
    let options = CsvOptions {
        delimiter,
        ..CsvOptions::default()
    };
    let named = request.qi.iter().chain(&request.sensitive);
    let columns: Vec<&str> = named.map(String::as_str).collect();
    let table = table::read_csv_columns(path, &options, &columns)?;
    let population = population.read(&request.qi)?;
    assess_table_with_population(&table, request, Some(&population))
}

/// Assesses an in-memory table.
pub fn assess_table(table: &Table, request: &RiskRequest) -> Result<RiskAssessment, Error> {
    assess_table_with_population(table, request, None)
}

/// Assesses an in-memory table, against a population table when one is given. With a
/// population table, `request.population_size` is not used (the table's rows are the
/// population) and a person id is refused ([`risk::Error::PopulationTableWithPersonId`]).
pub fn assess_table_with_population(
    table: &Table,
    request: &RiskRequest,
    population_table: Option<&PopulationTable>,
) -> Result<RiskAssessment, Error> {
    let started = Instant::now();
    if population_table.is_some() && request.person_id.is_some() {
        return Err(risk::Error::PopulationTableWithPersonId.into());
    }
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
    let (population, population_table) = match (population_table, request.population_size) {
        (Some(population), _) => (
            None,
            Some(population_table_figures(
                table,
                &population.table,
                request,
                population.delta_bounds,
            )?),
        ),
        (None, Some(size)) => (
            Some(population_figures(&classes, size, request.threshold)?),
            None,
        ),
        (None, None) => (None, None),
    };
    Ok(RiskAssessment {
        report,
        population,
        population_table,
        elapsed_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}

fn population_table_figures(
    sample: &Table,
    population: &Table,
    request: &RiskRequest,
    delta_bounds: Option<(f64, f64)>,
) -> Result<PopulationTableFigures, Error> {
    let delta_bounds = delta_bounds
        .map(|(min, max)| DeltaBounds::new(min, max))
        .transpose()?;
    let matched = SampleInPopulation::new(sample, population, &request.qi)?;
    let summary = matched.risk_summary(request.threshold)?;
    Ok(PopulationTableFigures {
        population_size: matched.population_records,
        sampling_fraction: matched.sample_records as f64 / matched.population_records as f64,
        population_classes: matched.population_classes,
        unsampled_population_classes: matched.unsampled_population_classes,
        journalist_max_risk: summary.journalist_max_risk,
        journalist_min_risk: summary.journalist_min_risk,
        journalist_avg_risk: summary.journalist_avg_risk,
        journalist_records_at_risk: summary.journalist_records_at_risk,
        marketer_risk: summary.marketer_risk,
        delta_min: matched.delta_min,
        delta_max: matched.delta_max,
        delta_bounds,
        is_delta_present: delta_bounds.map(|bounds| matched.is_delta_present(bounds)),
    })
}

impl Workstation {
    /// Assesses a dataset version against a population table (analyst; `None` is the latest
    /// version). Audited like [`Workstation::assess_risk`], with the population table's row
    /// count and the δ bounds added to the event's figures.
    pub fn assess_risk_with_population(
        &mut self,
        dataset: i64,
        version: Option<i64>,
        request: &RiskRequest,
        population: &PopulationFile,
    ) -> Result<RiskAssessment, Error> {
        let session = self.session(&[vault::Role::Analyst], "assess risk")?;
        let (info, table) = session.table(dataset, version)?;
        let population = population.read(&request.qi)?;
        let assessment = assess_table_with_population(&table, request, Some(&population))?;
        session.record_risk_once(info.dataset, info.version, || {
            let mut details = audit_details(&table, info.version, request, &assessment);
            details["population_table_rows"] = json!(population.table.n_rows());
            details["delta_bounds"] = json!(population.delta_bounds);
            details
        })?;
        Ok(assessment)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table(header: &[&str], rows: &[&[&str]]) -> Table {
        let mut table = Table::new(header.iter().map(|name| (*name).to_owned()).collect());
        for row in rows {
            table
                .push_row(row)
                .unwrap_or_else(|error| panic!("{error}"));
        }
        table
    }

    fn request(person_id: Option<&str>, population_size: Option<u64>) -> RiskRequest {
        RiskRequest {
            qi: vec!["sex".into()],
            sensitive: None,
            person_id: person_id.map(Into::into),
            threshold: 0.2,
            population_size,
        }
    }

    fn population() -> PopulationTable {
        PopulationTable {
            table: table(&["sex"], &[&["F"], &["F"], &["M"], &["M"], &["X"]]),
            delta_bounds: Some((0.0, 0.5)),
        }
    }

    #[test]
    fn a_population_table_replaces_the_population_size() -> Result<(), Error> {
        let sample = table(&["sex", "id"], &[&["F", "1"], &["M", "2"]]);
        let a =
            assess_table_with_population(&sample, &request(None, Some(99)), Some(&population()))?;
        assert!(a.population.is_none());
        let p = a.population_table.expect("population-table figures");
        assert_eq!((p.population_size, p.population_classes), (5, 3));
        assert_eq!((p.delta_min, p.delta_max), (0.0, 0.5));
        assert_eq!(p.is_delta_present, Some(true));
        let json = serde_json::to_value(p).expect("the figures serialize");
        assert_eq!(json["delta_bounds"], json!({"min": 0.0, "max": 0.5}));
        Ok(())
    }

    #[test]
    fn a_population_table_with_a_person_id_is_refused() {
        let sample = table(&["sex", "id"], &[&["F", "1"], &["M", "2"]]);
        let refused =
            assess_table_with_population(&sample, &request(Some("id"), None), Some(&population()));
        assert!(
            matches!(
                refused,
                Err(Error::Risk(risk::Error::PopulationTableWithPersonId))
            ),
            "{refused:?}"
        );
    }
}
