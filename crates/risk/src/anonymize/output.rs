//! The result of a search: the chosen levels with their metrics and the risk after, and
//! the transformation that produces the generalized table.

use std::fmt;

use serde::Serialize;
use table::{Column, Table};

use super::grouping::Scratch;
use super::metrics::{aggregate, average_class_size, discernibility, entropy_per_qi, loss_per_qi};
use super::problem::Problem;
use super::search::Found;
use super::{AnonymizeQuery, QiLevel, Roles, TCloseness, UtilityMetric, UtilityMetrics};
use crate::classes::EquivalenceClasses;
use crate::hierarchy::SUPPRESSED;
use crate::models::{RiskReport, SensitiveDistributions};
use crate::Error;

/// The optimal generalization found by [`super::anonymize`].
///
/// Serializes (snake_case keys) to everything but the transformation itself; `Debug`
/// output shows no cell values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Anonymization {
    /// The chosen level of each QI, in query order.
    pub levels: Vec<QiLevel>,
    /// Rows of the table.
    pub rows: usize,
    /// Records suppressed: those in classes that violate the privacy models.
    pub suppressed: usize,
    /// The metric the search minimized.
    pub metric: UtilityMetric,
    /// The chosen node's utility metrics.
    pub metrics: UtilityMetrics,
    /// t-closeness, when it was required.
    pub t_closeness: Option<TClosenessResult>,
    /// Nodes whose classes the search computed.
    pub nodes_checked: usize,
    /// Nodes in the lattice.
    pub nodes_total: usize,
    /// The risk figures of the records that are not suppressed, grouped by their
    /// generalized QIs (with the sensitive attribute's figures when one is named); `None`
    /// when every record is suppressed.
    pub risk_after: Option<RiskReport>,
    #[serde(skip)]
    transformation: Transformation,
}

/// The t-closeness model of a search and how close the result is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TClosenessResult {
    /// The largest distance allowed.
    pub t: f64,
    /// `equal` or `hierarchical`.
    pub ground_distance: GroundDistance,
    /// The greatest distance of a class that is not suppressed from the whole table's
    /// sensitive distribution (0 when every record is suppressed): at most `t`.
    pub max_distance: f64,
}

/// The ground distance of t-closeness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroundDistance {
    /// Every two values are at distance 1.
    Equal,
    /// Values are as far apart as the height of their lowest common ancestor in the
    /// sensitive attribute's hierarchy, over the hierarchy's height.
    Hierarchical,
}

impl GroundDistance {
    /// The name as serialized: `equal` or `hierarchical`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Equal => "equal",
            Self::Hierarchical => "hierarchical",
        }
    }
}

impl Anonymization {
    /// Whether each row is suppressed, in row order.
    pub fn suppressed_rows(&self) -> &[bool] {
        &self.transformation.suppressed_rows
    }

    /// `table` (the one that was anonymized) with every QI generalized to its chosen level
    /// and every QI of a suppressed record replaced by `*`, as ARX outputs it; other
    /// columns and the row order are unchanged.
    ///
    /// Fails with [`Error::TableMismatch`] or [`Error::TransformedTable`] for another table.
    pub fn transformed_table(&self, table: &Table) -> Result<Table, Error> {
        self.transformation.apply(table, Rows::All, None)
    }
}

/// Which rows a generalized column keeps.
#[derive(Clone, Copy)]
enum Rows {
    /// Every row, suppressed ones with `*`.
    All,
    /// Only the rows that are not suppressed.
    Kept,
}

/// One QI's generalization: the label of each original code.
#[derive(Clone, PartialEq)]
struct Generalization {
    column: usize,
    codes: Vec<u32>,
    labels: Vec<String>,
}

/// How to produce the generalized table.
#[derive(Clone, PartialEq)]
struct Transformation {
    generalizations: Vec<Generalization>,
    suppressed_rows: Vec<bool>,
}

impl fmt::Debug for Transformation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transformation")
            .field("qis", &self.generalizations.len())
            .field("rows", &self.suppressed_rows.len())
            .finish()
    }
}

impl Transformation {
    /// The columns of `table` transformed, keeping `rows`: every column for [`Rows::All`],
    /// only the QIs and the column `extra` for [`Rows::Kept`].
    fn apply(&self, table: &Table, rows: Rows, extra: Option<usize>) -> Result<Table, Error> {
        if table.n_rows() != self.suppressed_rows.len() {
            return Err(Error::TableMismatch {
                classes_rows: self.suppressed_rows.len(),
                table_rows: table.n_rows(),
            });
        }
        if self
            .generalizations
            .iter()
            .any(|generalization| generalization.column >= table.n_columns())
        {
            return Err(Error::TransformedTable {
                detail: format!(
                    "the table has {} columns, not those that were anonymized",
                    table.n_columns()
                ),
            });
        }
        let mut columns = Vec::new();
        for (idx, column) in table.columns().iter().enumerate() {
            let generalization = self.generalizations.iter().find(|g| g.column == idx);
            match (generalization, rows) {
                (Some(generalization), _) => {
                    columns.push(generalization.apply(column, &self.suppressed_rows, rows)?);
                }
                (None, Rows::All) => columns.push(column.clone()),
                (None, Rows::Kept) if extra == Some(idx) => {
                    let codes = self.kept(column.codes()).collect();
                    columns.push(built(Column::from_parts(
                        column.name().to_owned(),
                        column.dictionary().to_vec(),
                        codes,
                    ))?);
                }
                (None, Rows::Kept) => {}
            }
        }
        built(Table::from_columns(columns))
    }

    /// The items of `per_row` for the rows that are not suppressed.
    fn kept<'a>(&'a self, per_row: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
        per_row
            .iter()
            .zip(&self.suppressed_rows)
            .filter(|(_, &suppressed)| !suppressed)
            .map(|(&code, _)| code)
    }
}

impl Generalization {
    /// `column` generalized, keeping `rows`.
    fn apply(&self, column: &Column, suppressed: &[bool], rows: Rows) -> Result<Column, Error> {
        if column.dictionary().len() != self.codes.len() {
            return Err(Error::TransformedTable {
                detail: format!(
                    "column '{}' is not the one that was anonymized",
                    column.name()
                ),
            });
        }
        let mut labels = self.labels.clone();
        let cells = column.codes().iter().zip(suppressed);
        let codes = match rows {
            Rows::All => {
                let star = match labels.iter().position(|label| label == SUPPRESSED) {
                    Some(position) => position,
                    None => {
                        labels.push(SUPPRESSED.to_owned());
                        labels.len() - 1
                    }
                } as u32;
                cells
                    .map(|(&code, &suppressed)| {
                        if suppressed {
                            star
                        } else {
                            self.codes[code as usize]
                        }
                    })
                    .collect()
            }
            Rows::Kept => cells
                .filter(|(_, &suppressed)| !suppressed)
                .map(|(&code, _)| self.codes[code as usize])
                .collect(),
        };
        built(Column::from_parts(column.name().to_owned(), labels, codes))
    }
}

/// A table-crate result as this crate's error (it cannot fail on parts built here).
fn built<T>(result: Result<T, table::Error>) -> Result<T, Error> {
    result.map_err(|error| Error::TransformedTable {
        detail: error.to_string(),
    })
}

/// Computes the result for the node the search `found`.
pub(super) fn build(
    table: &Table,
    query: &AnonymizeQuery,
    roles: &Roles,
    problem: &Problem,
    found: &Found,
) -> Result<Anonymization, Error> {
    let mut scratch = Scratch::default();
    let (mut grouping, target) =
        problem
            .bottom
            .roll_up(&problem.dims, &problem.layout, &found.levels, &mut scratch);
    grouping.add_distributions(&problem.bottom, &target, &mut scratch);
    let verdict =
        problem
            .model
            .verdict(&grouping, problem.model.too_small(&grouping), &mut scratch);
    let (failing, suppressed) = (&verdict.failing, verdict.suppressed);
    let loss = loss_per_qi(problem, &grouping, failing);
    let entropy = entropy_per_qi(problem, &grouping, failing, suppressed);
    let metrics = UtilityMetrics {
        loss: aggregate(UtilityMetric::Loss, &loss),
        discernibility: discernibility(problem.n_rows, &grouping, failing),
        average_class_size: average_class_size(problem.n_rows, failing),
        non_uniform_entropy: aggregate(UtilityMetric::NonUniformEntropy, &entropy),
    };
    let t_closeness = match (
        &problem.model.t,
        &query.t_closeness,
        &grouping.distributions,
    ) {
        (Some(check), Some(closeness), Some(distributions)) => {
            let mut max_distance = 0.0f64;
            for (class, _) in failing.iter().enumerate().filter(|(_, &fails)| !fails) {
                let (values, counts) = distributions.class(class);
                max_distance = max_distance.max(check.distance(values, counts, &mut scratch));
            }
            Some(TClosenessResult {
                t: check.t,
                ground_distance: match closeness {
                    TCloseness::EqualDistance(_) => GroundDistance::Equal,
                    TCloseness::Hierarchical(..) => GroundDistance::Hierarchical,
                },
                max_distance,
            })
        }
        _ => None,
    };
    let levels = query
        .qi
        .iter()
        .zip(&problem.dims)
        .zip(&found.levels)
        .zip(loss.iter().zip(&entropy))
        .map(|(((column, dim), &level), (&loss, &entropy))| QiLevel {
            column: column.clone(),
            level,
            max_level: dim.max_level(),
            loss,
            non_uniform_entropy: entropy,
        })
        .collect();
    let generalizations = roles
        .qi
        .iter()
        .zip(&problem.dims)
        .zip(&found.levels)
        .map(|((&column, dim), &level)| Generalization {
            column,
            codes: dim
                .hierarchy
                .level_codes(level)
                .map(<[u32]>::to_vec)
                .unwrap_or_default(),
            labels: dim
                .hierarchy
                .level_labels(level)
                .map(<[String]>::to_vec)
                .unwrap_or_default(),
        })
        .collect();
    let suppressed_rows = problem
        .class_of_row
        .iter()
        .map(|&class| failing[target[class as usize] as usize])
        .collect();
    let transformation = Transformation {
        generalizations,
        suppressed_rows,
    };
    let kept = transformation.apply(table, Rows::Kept, roles.sensitive)?;
    let risk_after = if kept.n_rows() == 0 {
        None
    } else {
        let classes = EquivalenceClasses::new(&kept, &query.qi, None)?;
        let mut report = RiskReport::from_classes(&classes, query.threshold)?;
        if let Some(sensitive) = &query.sensitive {
            let distributions = SensitiveDistributions::new(&kept, &classes, sensitive)?;
            report.add_sensitive(&distributions, None)?;
        }
        Some(report)
    };
    Ok(Anonymization {
        levels,
        rows: problem.n_rows,
        suppressed,
        metric: query.metric,
        metrics,
        t_closeness,
        nodes_checked: found.checked,
        nodes_total: found.total,
        risk_after,
        transformation,
    })
}
