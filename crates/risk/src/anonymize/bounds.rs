//! Lower bounds of the metrics, which let the search skip nodes that cannot beat the best
//! one found.
//!
//! For `Loss` and non-uniform entropy the value of a node with nothing suppressed is a
//! lower bound for the node and all its generalizations, and needs no grouping: it depends
//! only on each QI's level. `Loss` also grows with suppression: a suppressed record adds at
//! least `1 − s` to a QI's aggregate, `s` the largest domain share at that QI's level, so a
//! node known to suppress at least `n` records has a tighter bound. For discernibility and
//! average class size the bounds need the node's classes: `Σ size²` (ARX's DM*) and records
//! over classes, both of which only grow with generalization.

use super::grouping::Grouping;
use super::metrics::{aggregate, normalize_loss, round};
use super::problem::Problem;
use super::UtilityMetric;

/// The grouping-free bounds of one search.
pub(super) struct Bounds {
    metric: UtilityMetric,
    /// Per QI and level: `Loss`'s aggregate with nothing suppressed (records × domain share,
    /// summed), or the QI's rounded non-uniform entropy.
    per_level: Vec<Vec<f64>>,
    /// Per QI and level, `Loss` only: what a suppressed record adds to the aggregate at least.
    per_suppressed: Vec<Vec<f64>>,
    values: Vec<f64>,
}

impl Bounds {
    /// The bounds of `metric` over `problem`.
    pub(super) fn new(metric: UtilityMetric, problem: &Problem) -> Self {
        let (per_level, per_suppressed) = match metric {
            UtilityMetric::Loss => problem
                .dims
                .iter()
                .map(|dim| {
                    let aggregates = dim
                        .share_numerators
                        .iter()
                        .map(|&numerator| numerator as f64 / dim.domain_size)
                        .collect();
                    let extra = dim
                        .shares
                        .iter()
                        .map(|shares| 1.0 - shares.iter().copied().fold(0.0, f64::max))
                        .collect();
                    (aggregates, extra)
                })
                .unzip(),
            UtilityMetric::NonUniformEntropy => {
                let entropies = problem
                    .dims
                    .iter()
                    .map(|dim| {
                        let rounded = |e: f64| round(if e == 0.0 { e } else { -e });
                        dim.entropy.iter().map(|&e| rounded(e)).collect()
                    })
                    .collect();
                (entropies, Vec::new())
            }
            UtilityMetric::Discernibility | UtilityMetric::AverageClassSize => {
                (Vec::new(), Vec::new())
            }
        };
        Self {
            metric,
            per_level,
            per_suppressed,
            values: vec![0.0; problem.dims.len()],
        }
    }

    /// Whether suppressed records raise the bound (so counting them is worth it).
    pub(super) fn counts_suppressed(&self) -> bool {
        !self.per_suppressed.is_empty()
    }

    /// A lower bound of the metric for the node with level `level(qi)` of each QI if it
    /// suppresses at least `suppressed` records; with `suppressed = 0` also for every
    /// generalization of the node. Always 0 for discernibility and average class size.
    pub(super) fn at(
        &mut self,
        problem: &Problem,
        level: impl Fn(usize) -> usize,
        suppressed: usize,
    ) -> f64 {
        if self.per_level.is_empty() {
            return 0.0;
        }
        let tuples = problem.n_rows as f64;
        for (qi, value) in self.values.iter_mut().enumerate() {
            let level = level(qi);
            *value = match self.per_suppressed.get(qi) {
                Some(extra) => {
                    let aggregate = self.per_level[qi][level] + suppressed as f64 * extra[level];
                    normalize_loss(aggregate, tuples, &problem.dims[qi])
                }
                None => self.per_level[qi][level],
            };
        }
        aggregate(self.metric, &self.values)
    }
}

/// A lower bound of `metric` over a grouped node and every generalization of it, for the
/// metrics without grouping-free bounds: discernibility with nothing suppressed (`Σ size²`,
/// ARX's DM*) and records over classes.
pub(super) fn grouped_bound(
    metric: UtilityMetric,
    n_rows: usize,
    grouping: &Grouping,
) -> Option<f64> {
    match metric {
        UtilityMetric::Discernibility => Some(
            grouping
                .counts
                .iter()
                .map(|&count| u128::from(count) * u128::from(count))
                .sum::<u128>() as f64,
        ),
        UtilityMetric::AverageClassSize => Some(n_rows as f64 / grouping.n_classes() as f64),
        UtilityMetric::Loss | UtilityMetric::NonUniformEntropy => None,
    }
}
