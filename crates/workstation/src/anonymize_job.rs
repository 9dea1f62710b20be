//! Optimal anonymization of a vault dataset version as a what-if (analyst): default
//! hierarchies for the QIs (`hierarchies.rs`), the `risk` crate's lattice search with
//! progress and cancellation, the risk before and after and their chart. Nothing is written
//! but the `anonymize` audit event (column numbers, parameters and counts; never names or
//! values); a cancelled or failed search writes nothing.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use risk::anonymize::{anonymize, Anonymization, AnonymizeQuery, LDiversity, SearchProgress};
use risk::classes::column_index;
use risk::models::RiskReport;
use serde::Serialize;
use serde_json::json;
use table::Table;
use vault::{Action, NewEvent, UnlockedVault, VersionInfo};

use crate::anonymize::risk_before;
use crate::hierarchies::{default_hierarchy, HierarchyRule};
use crate::{Error, Role, Workstation};

/// How often a running search reports progress at most (cancellation is checked as often).
const PROGRESS_EVERY: Duration = Duration::from_millis(50);

/// What to anonymize in a dataset version.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetAnonymizeRequest {
    /// Quasi-identifier column names; each gets its default hierarchy.
    pub qi: Vec<String>,
    /// Smallest class size kept.
    pub k: usize,
    /// Distinct l-diversity of the sensitive column, if required.
    pub l: Option<usize>,
    /// Sensitive column, for l-diversity and the l/t figures after.
    pub sensitive: Option<String>,
    /// Largest fraction of records that may be suppressed, 0 to 1.
    pub max_suppression: f64,
    /// Risk threshold of the figures before and after.
    pub threshold: f64,
}

/// The hierarchy a QI was generalized with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QiHierarchy {
    /// The QI column.
    pub column: String,
    /// Which default rule built it.
    pub rule: HierarchyRule,
    /// What each level shows, in words, level 0 first.
    pub level_names: Vec<String>,
}

/// The optimal generalization of a version: levels, suppressed records, metrics, the risk
/// before and after. A what-if: no version is written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatasetAnonymization {
    /// Dataset id.
    pub dataset: i64,
    /// Version anonymized.
    pub version: i64,
    /// Levels per QI, suppressed records, metrics, nodes checked, risk after.
    #[serde(flatten)]
    pub anonymization: Anonymization,
    /// The hierarchy of each QI, in QI order.
    pub hierarchies: Vec<QiHierarchy>,
    /// The risk of the version as it is, over the same QIs.
    pub risk_before: RiskReport,
    /// Wall time of the search, hierarchies included.
    pub elapsed_ms: f64,
}

/// A search ready to run off the session, so a shell can run it on a worker thread.
pub struct AnonymizeJob {
    vault: UnlockedVault,
    info: VersionInfo,
    table: Arc<Table>,
    request: DatasetAnonymizeRequest,
}

impl AnonymizeJob {
    /// Builds the hierarchies, searches, and audits the result as `anonymize`. `progress`
    /// is called at most every 50 ms; returning `false` cancels the search (at the next
    /// node) with a `cancelled` error, and nothing is recorded.
    pub fn run(
        self,
        progress: &mut dyn FnMut(SearchProgress) -> bool,
    ) -> Result<DatasetAnonymization, Error> {
        let started = Instant::now();
        let table = &self.table;
        let request = &self.request;
        let mut hierarchies = BTreeMap::new();
        let mut described = Vec::with_capacity(request.qi.len());
        for name in &request.qi {
            let column = column_index(table, name)?;
            let Some(values) = table.column(column) else {
                continue;
            };
            let built = default_hierarchy(values)?;
            described.push(QiHierarchy {
                column: name.clone(),
                rule: built.rule,
                level_names: built.rule.level_names(built.hierarchy.n_levels()),
            });
            hierarchies.insert(name.clone(), built.hierarchy);
        }
        let mut query = AnonymizeQuery::new(request.qi.clone(), hierarchies, request.k);
        query.sensitive = request.sensitive.clone();
        query.l_diversity = request.l.map(LDiversity::Distinct);
        query.max_suppression = request.max_suppression;
        query.threshold = request.threshold;

        let mut last_report: Option<Instant> = None;
        let mut throttled = |p: SearchProgress| {
            if last_report.is_some_and(|t| t.elapsed() < PROGRESS_EVERY) {
                return true;
            }
            last_report = Some(Instant::now());
            progress(p)
        };
        let anonymization = anonymize(table, &query, &mut throttled)?;
        let risk_before = risk_before(
            table,
            &request.qi,
            request.sensitive.as_deref(),
            request.threshold,
        )?;
        let outcome = DatasetAnonymization {
            dataset: self.info.dataset,
            version: self.info.version,
            anonymization,
            hierarchies: described,
            risk_before,
            elapsed_ms: started.elapsed().as_secs_f64() * 1000.0,
        };
        self.vault.record(NewEvent {
            actor: self.vault.user().name.clone(),
            action: Action::Anonymize,
            object: Some(format!("dataset:{}", self.info.dataset)),
            reason: None,
            details: audit_details(table, request, &outcome),
        })?;
        Ok(outcome)
    }
}

/// Audit details: column numbers (1-based), parameters and counts only.
fn audit_details(
    table: &Table,
    request: &DatasetAnonymizeRequest,
    outcome: &DatasetAnonymization,
) -> serde_json::Value {
    let number = |name: &str| column_index(table, name).map(|i| i + 1).ok();
    let a = &outcome.anonymization;
    json!({
        "version": outcome.version,
        "qi_columns": request.qi.iter().filter_map(|q| number(q)).collect::<Vec<_>>(),
        "sensitive_column": request.sensitive.as_deref().and_then(number),
        "k": request.k,
        "l": request.l,
        "max_suppression": request.max_suppression.to_string(),
        "threshold": request.threshold.to_string(),
        "levels": a.levels.iter().map(|l| l.level).collect::<Vec<_>>(),
        "rows": a.rows,
        "suppressed": a.suppressed,
        "nodes_checked": a.nodes_checked,
        "nodes_total": a.nodes_total,
        "k_min_before": outcome.risk_before.k_min,
        "k_min_after": a.risk_after.as_ref().map(|r| r.k_min),
    })
}

/// The before/after chart of an anonymization: records by re-identification risk.
pub fn anonymization_chart(
    outcome: &DatasetAnonymization,
    width: u32,
    height: u32,
) -> Result<String, Error> {
    let sizes = |report: &RiskReport| -> Vec<(u64, u64)> {
        report
            .class_size_histogram
            .iter()
            .map(|c| (c.size as u64, c.classes as u64))
            .collect()
    };
    let before = sizes(&outcome.risk_before);
    let after = outcome
        .anonymization
        .risk_after
        .as_ref()
        .map(sizes)
        .unwrap_or_default();
    Ok(charts::before_after(&before, &after, width, height)?)
}

impl Workstation {
    /// A search for the optimal generalization of a version (`None`: the latest) that runs
    /// off the session (analyst); reads the version now (or takes it from the cache).
    pub fn anonymize_job(
        &mut self,
        dataset: i64,
        version: Option<i64>,
        request: &DatasetAnonymizeRequest,
    ) -> Result<AnonymizeJob, Error> {
        let session = self.session(&[Role::Analyst], "anonymize datasets")?;
        let (info, table) = session.table(dataset, version)?;
        Ok(AnonymizeJob {
            vault: session.vault.try_clone()?,
            info,
            table,
            request: request.clone(),
        })
    }

    /// Searches on this thread (analyst); see [`AnonymizeJob::run`].
    pub fn anonymize_dataset(
        &mut self,
        dataset: i64,
        version: Option<i64>,
        request: &DatasetAnonymizeRequest,
        progress: &mut dyn FnMut(SearchProgress) -> bool,
    ) -> Result<DatasetAnonymization, Error> {
        self.anonymize_job(dataset, version, request)?.run(progress)
    }
}
