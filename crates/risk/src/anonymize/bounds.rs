//! Lower bounds of the metrics, which let the search skip nodes that cannot beat the best
//! one found.
//!
//! - For `Loss` and non-uniform entropy the value of a node with nothing suppressed is a
//!   lower bound for the node and all its generalizations and needs no grouping: it
//!   depends only on each QI's level (the *base* bound, by which the search orders nodes).
//! - Suppression only adds to `Loss` and discernibility. Records in classes smaller than k
//!   (or l) are suppressed, and a node has at least as many of them as any generalization
//!   of it; each checked node hands its count down to its specializations. A suppressed
//!   record adds at least `1 − s` to a QI's `Loss` aggregate (`s` the largest domain share
//!   at the QI's level) and at least `records − (k − 1)` to discernibility.
//! - Discernibility and average class size need the classes: `Σ size²` (ARX's DM*) and
//!   records over classes only grow with generalization, so a checked node's value holds
//!   for its generalizations, which inherit it as the search reaches them (in order of
//!   height for these metrics).

use super::grouping::Grouping;
use super::lattice::Lattice;
use super::metrics::{aggregate, normalize_loss, round};
use super::problem::{Problem, Verdict};
use super::UtilityMetric;

/// The bounds of one search, per node.
pub(super) struct Bounds {
    metric: UtilityMetric,
    /// Per QI and level: `Loss`'s aggregate with nothing suppressed (records × domain
    /// share, summed), or the QI's rounded non-uniform entropy.
    per_level: Vec<Vec<f64>>,
    /// Per QI and level, `Loss` only: what a suppressed record adds to the aggregate at least.
    per_suppressed: Vec<Vec<f64>>,
    /// Per node, the base bound.
    base: Vec<f64>,
    /// Per node, records in too small classes at least (empty when no bound uses them).
    too_small: Vec<u32>,
    /// Per node, the bound inherited from checked specializations (discernibility and
    /// average class size only, else empty).
    grouped: Vec<f64>,
    values: Vec<f64>,
    stack: Vec<usize>,
}

/// How far a bound must exceed the best value to exclude a node: covers the rounding of
/// the bounds, which are not computed in ARX's order of operations.
pub(super) fn margin(value: f64) -> f64 {
    1e-9 * value.abs().max(1.0)
}

impl Bounds {
    /// The bounds of `metric` over the nodes of `lattice`.
    pub(super) fn new(metric: UtilityMetric, problem: &Problem, lattice: &Lattice) -> Self {
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
        let n_nodes = lattice.n_nodes();
        let grouped_metric = per_level.is_empty();
        let counts_suppression =
            matches!(metric, UtilityMetric::Loss | UtilityMetric::Discernibility);
        let mut bounds = Self {
            metric,
            per_level,
            per_suppressed,
            base: Vec::new(),
            too_small: if counts_suppression && problem.model.max_suppressed > 0 {
                vec![0; n_nodes]
            } else {
                Vec::new()
            },
            grouped: if grouped_metric {
                vec![0.0; n_nodes]
            } else {
                Vec::new()
            },
            values: vec![0.0; problem.dims.len()],
            stack: Vec::new(),
        };
        bounds.base = bounds.base_bounds(problem, lattice);
        bounds
    }

    /// The base bound of every node: each QI's term is computed once per level, then the
    /// terms are combined per node in the aggregate's order (so the values equal those of
    /// [`Bounds::levels_bound`] with nothing suppressed).
    fn base_bounds(&self, problem: &Problem, lattice: &Lattice) -> Vec<f64> {
        let n_nodes = lattice.n_nodes();
        if self.per_level.is_empty() {
            return vec![0.0; n_nodes];
        }
        let tuples = problem.n_rows as f64;
        let exponent = 1.0 / problem.dims.len() as f64;
        let terms: Vec<Vec<f64>> = self
            .per_level
            .iter()
            .zip(&problem.dims)
            .map(|(levels, dim)| match self.metric {
                UtilityMetric::Loss => levels
                    .iter()
                    .map(|&aggregate| (normalize_loss(aggregate, tuples, dim) + 1.0).powf(exponent))
                    .collect(),
                _ => levels.clone(),
            })
            .collect();
        (0..n_nodes)
            .map(|node| {
                let term = |qi: usize| terms[qi][lattice.level(node, qi)];
                match self.metric {
                    UtilityMetric::Loss => (0..terms.len()).fold(1.0, |p, qi| p * term(qi)) - 1.0,
                    _ => (0..terms.len()).fold(0.0, |sum, qi| sum + term(qi)),
                }
            })
            .collect()
    }

    /// The base bound of `node`: for it and every generalization of it.
    pub(super) fn base(&self, node: usize) -> f64 {
        self.base[node]
    }

    /// Hands the grouped bounds of `node`'s direct specializations on to it (for
    /// discernibility and average class size). The search calls this for every node in
    /// order of height, so each node receives the bounds of all checked nodes below it.
    pub(super) fn inherit(&mut self, lattice: &Lattice, node: usize) {
        if !self.grouped.is_empty() {
            let inherited = lattice
                .predecessors(node)
                .map(|predecessor| self.grouped[predecessor])
                .fold(self.grouped[node], f64::max);
            self.grouped[node] = inherited;
        }
    }

    /// Whether `node` cannot beat `best`, by everything known about it so far.
    pub(super) fn excludes(
        &mut self,
        problem: &Problem,
        lattice: &Lattice,
        node: usize,
        best: f64,
    ) -> bool {
        let limit = best + margin(best);
        if self.base[node] > limit {
            return true;
        }
        let too_small = self.too_small.get(node).map_or(0, |&n| n as usize);
        let bound = match self.metric {
            UtilityMetric::Loss if too_small > 0 => {
                self.levels_bound(problem, lattice, node, too_small)
            }
            UtilityMetric::Discernibility => {
                let per_record =
                    (problem.n_rows + 1).saturating_sub(problem.model.min_size as usize);
                self.grouped[node] + (too_small * per_record) as f64
            }
            UtilityMetric::AverageClassSize => self.grouped[node],
            UtilityMetric::Loss | UtilityMetric::NonUniformEntropy => self.base[node],
        };
        bound > limit
    }

    /// Takes in what checking `node` found: its grouped bound, handed to its
    /// generalizations, and its too small records, handed to its specializations.
    pub(super) fn record(
        &mut self,
        problem: &Problem,
        lattice: &Lattice,
        node: usize,
        grouping: &Grouping,
        verdict: &Verdict,
    ) {
        if !self.grouped.is_empty() {
            let own = match self.metric {
                UtilityMetric::Discernibility => grouping
                    .counts
                    .iter()
                    .map(|&count| u128::from(count) * u128::from(count))
                    .sum::<u128>() as f64,
                _ => problem.n_rows as f64 / grouping.n_classes() as f64,
            };
            self.grouped[node] = self.grouped[node].max(own);
        }
        if !self.too_small.is_empty() {
            let too_small = u32::try_from(verdict.too_small).unwrap_or(u32::MAX);
            let mut stack = std::mem::take(&mut self.stack);
            stack.push(node);
            while let Some(node) = stack.pop() {
                // Where a node already holds as many, so do its specializations.
                if self.too_small[node] < too_small {
                    self.too_small[node] = too_small;
                    stack.extend(lattice.predecessors(node));
                }
            }
            self.stack = stack;
        }
    }

    /// The grouping-free bound of `node` if it suppresses at least `suppressed` records.
    fn levels_bound(
        &mut self,
        problem: &Problem,
        lattice: &Lattice,
        node: usize,
        suppressed: usize,
    ) -> f64 {
        if self.per_level.is_empty() {
            return 0.0;
        }
        let tuples = problem.n_rows as f64;
        for (qi, value) in self.values.iter_mut().enumerate() {
            let level = lattice.level(node, qi);
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
