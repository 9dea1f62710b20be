//! Risk of a dataset version with its QIs generalized to chosen levels of the same default
//! hierarchies the anonymization what-if uses (`hierarchies.rs`), so the analyst can try
//! levels by hand and see the figures. A what-if: nothing is written but the first `risk`
//! audit event of the version in the session (column numbers and levels, never names).

use risk::classes::column_index;
use serde::Serialize;
use serde_json::json;
use table::Table;

use crate::anonymize_job::QiHierarchy;
use crate::hierarchies::default_hierarchy;
use crate::risk::{assess_table, audit_details, RiskAssessment, RiskRequest};
use crate::{Error, Role, Workstation};

/// A risk assessment at chosen generalization levels, with the levels each QI offers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GeneralizedRiskAssessment {
    /// The figures of the generalized QIs (the sensitive and person-id columns as they are).
    #[serde(flatten)]
    pub assessment: RiskAssessment,
    /// The level of each QI the figures are for, in QI order (0: the original values).
    pub levels: Vec<usize>,
    /// The default hierarchy of each QI, in QI order; its number of levels is the length of
    /// `level_names`.
    pub hierarchies: Vec<QiHierarchy>,
}

/// Assesses `table` with every QI generalized to its level in `levels` (QI order) by its
/// default hierarchy. Fails with [`Error::LevelsMismatch`] when there is not one level per
/// QI and with [`risk::Error::InvalidLevel`] past a QI's most general level.
pub fn assess_table_at_levels(
    table: &Table,
    request: &RiskRequest,
    levels: &[usize],
) -> Result<GeneralizedRiskAssessment, Error> {
    if levels.len() != request.qi.len() {
        return Err(Error::LevelsMismatch {
            n_qi: request.qi.len(),
            n_levels: levels.len(),
        });
    }
    // Only the columns the assessment reads: the generalized QIs, then the others as they are.
    let mut columns = Vec::with_capacity(request.qi.len() + 2);
    let mut hierarchies = Vec::with_capacity(request.qi.len());
    for (name, &level) in request.qi.iter().zip(levels) {
        // `column_index` found it, so the index is in range.
        let column = &table.columns()[column_index(table, name)?];
        let built = default_hierarchy(column)?;
        hierarchies.push(QiHierarchy {
            column: name.clone(),
            rule: built.rule,
            level_names: built.rule.level_names(built.hierarchy.n_levels()),
        });
        let encoded = built.hierarchy.encode(column)?;
        columns.push(encoded.generalize_column(column, level)?);
    }
    for name in request.sensitive.iter().chain(&request.person_id) {
        if !request.qi.contains(name) {
            columns.push(table.columns()[column_index(table, name)?].clone());
        }
    }
    let generalized = Table::from_columns(columns)?;
    Ok(GeneralizedRiskAssessment {
        assessment: assess_table(&generalized, request)?,
        levels: levels.to_vec(),
        hierarchies,
    })
}

impl Workstation {
    /// Assesses a dataset version (analyst; `None` is the latest) with its QIs generalized to
    /// `levels` (one per QI, 0 keeps the original values) by the default hierarchies of the
    /// anonymization what-if. Audited like [`Workstation::assess_risk`]: the first assessment
    /// of a version in a session writes a `risk` event with column numbers, figures and the
    /// levels; later ones are not logged again.
    pub fn assess_risk_at_levels(
        &mut self,
        dataset: i64,
        version: Option<i64>,
        request: &RiskRequest,
        levels: &[usize],
    ) -> Result<GeneralizedRiskAssessment, Error> {
        let session = self.session(&[Role::Analyst], "assess risk")?;
        let (info, table) = session.table(dataset, version)?;
        let generalized = assess_table_at_levels(&table, request, levels)?;
        session.record_risk_once(info.dataset, info.version, || {
            let mut details = audit_details(&table, info.version, request, &generalized.assessment);
            details["levels"] = json!(generalized.levels);
            details
        })?;
        Ok(generalized)
    }
}
