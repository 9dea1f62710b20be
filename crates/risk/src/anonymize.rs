//! Optimal full-domain generalization, as ARX's anonymizer finds it: every quasi-identifier
//! (QI) is generalized to one level of its [`Hierarchy`] (a lattice node is one level per
//! QI), classes that violate the privacy models are suppressed while their records stay
//! within the suppression limit, and of the nodes that satisfy the models the one with the
//! least information loss is chosen.
//!
//! Privacy models: k-anonymity, distinct or entropy l-diversity of a sensitive column, and
//! t-closeness of it with equal or hierarchical ground distance (checked per class,
//! suppressed classes excepted, as ARX does). Utility metrics, with
//! ARX's definitions and floating-point operations: `Loss` (ARX's default), discernibility,
//! average equivalence class size and non-uniform entropy; see the crate README.
//!
//! The search works on dictionary codes: the table is grouped once at level 0, and every
//! node's classes are rolled up from the classes of an already grouped node below it. It
//! is exact: nodes are visited in order of a lower bound of their loss, monotonicity of
//! the privacy models tags whole sub-lattices (anonymous above an anonymous node, not
//! anonymous below one that is not), and the search stops when the bound exceeds the best
//! loss found.

mod bounds;
mod cache;
mod grouping;
mod lattice;
mod metrics;
mod output;
mod problem;
mod search;

use std::collections::BTreeMap;

use serde::Serialize;
use table::Table;

use crate::classes::column_index;
use crate::hierarchy::Hierarchy;
use crate::models::{SensitiveHierarchy, DEFAULT_THRESHOLD};
use crate::Error;

pub use output::{Anonymization, GroundDistance, TClosenessResult};

/// The utility metric whose value the search minimizes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UtilityMetric {
    /// ARX's `Loss` (`Metric.createLossMetric()`, its default): per QI the generalized
    /// share of the domain, suppressed records counting fully, combined by geometric mean.
    #[default]
    Loss,
    /// ARX's non-monotonic discernibility (`Metric.createDiscernabilityMetric()`).
    Discernibility,
    /// ARX's average equivalence class size (`Metric.createAECSMetric()`).
    AverageClassSize,
    /// ARX's non-monotonic non-uniform entropy (`Metric.createEntropyMetric()`).
    NonUniformEntropy,
}

/// l-diversity of the sensitive column, required of every class that is not suppressed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LDiversity {
    /// At least `l` distinct sensitive values per class (ARX's `DistinctLDiversity`).
    Distinct(usize),
    /// Entropy l-diversity with the Shannon entropy (ARX's `EntropyLDiversity`).
    Entropy(f64),
}

/// t-closeness of the sensitive column, required of every class that is not suppressed: its
/// sensitive distribution is within earth mover's distance `t` of the distribution over the
/// whole table (all records, suppressed ones included, as ARX's `DataManager` counts them).
#[derive(Debug, Clone, PartialEq)]
pub enum TCloseness {
    /// Equal ground distance (ARX's `EqualDistanceTCloseness`), with this t.
    EqualDistance(f64),
    /// Hierarchical ground distance over a hierarchy of the sensitive values (ARX's
    /// `HierarchicalDistanceTCloseness`), with this t.
    Hierarchical(f64, SensitiveHierarchy),
}

impl TCloseness {
    /// The largest distance allowed.
    pub fn t(&self) -> f64 {
        match self {
            Self::EqualDistance(t) | Self::Hierarchical(t, _) => *t,
        }
    }
}

/// What to anonymize and how.
#[derive(Debug, Clone, PartialEq)]
pub struct AnonymizeQuery {
    /// The quasi-identifier columns; the lattice's dimensions in this order.
    pub qi: Vec<String>,
    /// A hierarchy for each QI, keyed by column name (hierarchies of other columns are
    /// allowed and ignored, as long as the column exists).
    pub hierarchies: BTreeMap<String, Hierarchy>,
    /// Every class that is not suppressed has at least `k` records.
    pub k: usize,
    /// The sensitive column: needed for l-diversity and t-closeness, and adds its figures to
    /// the risk after.
    pub sensitive: Option<String>,
    /// l-diversity of the sensitive column, if required.
    pub l_diversity: Option<LDiversity>,
    /// t-closeness of the sensitive column, if required.
    pub t_closeness: Option<TCloseness>,
    /// The largest fraction of records that may be suppressed, in [0, 1]; ARX rounds
    /// `fraction × records` down.
    pub max_suppression: f64,
    /// The metric the search minimizes.
    pub metric: UtilityMetric,
    /// The risk threshold of the risk figures after anonymization.
    pub threshold: f64,
}

impl AnonymizeQuery {
    /// A k-anonymity query over `qi` with their `hierarchies`: no suppression, no sensitive
    /// attribute, ARX's default `Loss` metric and the default risk threshold.
    pub fn new<S: Into<String>>(
        qi: impl IntoIterator<Item = S>,
        hierarchies: BTreeMap<String, Hierarchy>,
        k: usize,
    ) -> Self {
        Self {
            qi: qi.into_iter().map(Into::into).collect(),
            hierarchies,
            k,
            sensitive: None,
            l_diversity: None,
            t_closeness: None,
            max_suppression: 0.0,
            metric: UtilityMetric::Loss,
            threshold: DEFAULT_THRESHOLD,
        }
    }
}

/// How far the search has come, reported after every node it checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SearchProgress {
    /// Nodes whose classes were computed so far.
    pub checked: usize,
    /// Nodes the search has decided on (checked, or settled by a tag or the bound);
    /// `visited / total` is the fraction done.
    pub visited: usize,
    /// Nodes in the lattice.
    pub total: usize,
}

/// One QI's place in the chosen node, with its share of the metrics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QiLevel {
    /// The QI column.
    pub column: String,
    /// The chosen generalization level (0 keeps the original values).
    pub level: usize,
    /// The hierarchy's most general level.
    pub max_level: usize,
    /// This QI's `Loss`, in [0, 1].
    pub loss: f64,
    /// This QI's non-uniform entropy.
    pub non_uniform_entropy: f64,
}

/// The utility metrics of a node, each as ARX computes it (lower is better).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct UtilityMetrics {
    /// `Loss`: the geometric mean of the QIs' losses, in [0, 1].
    pub loss: f64,
    /// Discernibility: Σ size² over kept classes + records × size over suppressed ones.
    pub discernibility: f64,
    /// Average class size: records / (kept classes + 1 if any record is suppressed).
    pub average_class_size: f64,
    /// Non-uniform entropy: the sum of the QIs' entropies.
    pub non_uniform_entropy: f64,
}

/// Finds the optimal generalization of `table` for `query`, calling `progress` after every
/// checked node; when `progress` returns `false` the search stops with
/// [`Error::Cancelled`].
///
/// Of all nodes that satisfy the privacy models with at most `⌊max_suppression ×
/// records⌋` records suppressed, the result is the one with the least value of
/// `query.metric`; among equal values the lowest node (smallest sum of levels), as in ARX,
/// then the first in lexicographic order of the levels.
///
/// Fails on bad input with [`Error::NoQi`], [`Error::UnknownColumn`] (QIs, the sensitive
/// column and hierarchy columns), [`Error::DuplicateQi`], [`Error::SensitiveIsQi`],
/// [`Error::QiWithoutHierarchy`], [`Error::ZeroK`], [`Error::InvalidSuppressionLimit`],
/// [`Error::InvalidThreshold`], [`Error::LWithoutSensitive`], [`Error::InvalidL`],
/// [`Error::TWithoutSensitive`], [`Error::InvalidT`], [`Error::EmptyTable`], [`Error::TooManyRows`], [`Error::KTooLarge`],
/// [`Error::QiHierarchyMissesValues`], [`Error::LatticeTooLarge`] and (for the sensitive
/// column's hierarchy) [`Error::HierarchyMissesValues`]; with
/// [`Error::NoAnonymization`] when no node satisfies the models.
pub fn anonymize(
    table: &Table,
    query: &AnonymizeQuery,
    progress: &mut dyn FnMut(SearchProgress) -> bool,
) -> Result<Anonymization, Error> {
    let roles = validate(table, query)?;
    let problem = problem::Problem::new(table, query, &roles)?;
    let found = search::search(&problem, query.metric, progress)?;
    output::build(table, query, &roles, &problem, &found)
}

/// The table positions of the columns a query names.
pub(crate) struct Roles {
    /// The QI columns, in query order.
    qi: Vec<usize>,
    /// The sensitive column.
    sensitive: Option<usize>,
}

/// Checks everything about `query` that does not need the search, in the order of the
/// error list of [`anonymize`].
fn validate(table: &Table, query: &AnonymizeQuery) -> Result<Roles, Error> {
    if query.qi.is_empty() {
        return Err(Error::NoQi);
    }
    let mut qi = Vec::with_capacity(query.qi.len());
    for name in &query.qi {
        let column = column_index(table, name)?;
        if qi.contains(&column) {
            return Err(Error::DuplicateQi { name: name.clone() });
        }
        qi.push(column);
    }
    let sensitive = query
        .sensitive
        .as_deref()
        .map(|name| {
            let column = column_index(table, name)?;
            if qi.contains(&column) {
                return Err(Error::SensitiveIsQi {
                    name: name.to_owned(),
                });
            }
            Ok(column)
        })
        .transpose()?;
    for name in query.hierarchies.keys() {
        column_index(table, name)?;
    }
    if let Some(name) = query
        .qi
        .iter()
        .find(|name| !query.hierarchies.contains_key(*name))
    {
        return Err(Error::QiWithoutHierarchy { name: name.clone() });
    }
    if query.k == 0 {
        return Err(Error::ZeroK);
    }
    if !(0.0..=1.0).contains(&query.max_suppression) {
        return Err(Error::InvalidSuppressionLimit {
            limit: query.max_suppression,
        });
    }
    if !(0.0..=1.0).contains(&query.threshold) {
        return Err(Error::InvalidThreshold {
            threshold: query.threshold,
        });
    }
    match (query.l_diversity, sensitive) {
        (Some(_), None) => return Err(Error::LWithoutSensitive),
        (Some(LDiversity::Distinct(0)), _) => return Err(Error::InvalidL { l: 0.0 }),
        (Some(LDiversity::Entropy(l)), _) if !(l >= 1.0 && l.is_finite()) => {
            return Err(Error::InvalidL { l })
        }
        _ => {}
    }
    match (&query.t_closeness, sensitive) {
        (Some(_), None) => return Err(Error::TWithoutSensitive),
        (Some(closeness), _) if !(closeness.t() > 0.0 && closeness.t() <= 1.0) => {
            return Err(Error::InvalidT { t: closeness.t() })
        }
        _ => {}
    }
    let n_rows = table.n_rows();
    if n_rows == 0 {
        return Err(Error::EmptyTable);
    }
    if u32::try_from(n_rows).is_err() {
        return Err(Error::TooManyRows { n_rows });
    }
    if query.k > n_rows {
        return Err(Error::KTooLarge {
            k: query.k,
            n_persons: n_rows,
        });
    }
    Ok(Roles { qi, sensitive })
}
