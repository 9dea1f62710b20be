//! The optimal search over the lattice.
//!
//! Nodes are visited in ascending order of a lower bound of the metric that holds for the
//! node and all its generalizations (for `Loss` and non-uniform entropy their value with
//! nothing suppressed, which needs no grouping; 0 for the others), then by height and
//! number. The search stops at the first node whose bound exceeds the best value found:
//! no later node can beat it. A node is grouped (rolled up from the smallest cached
//! grouping below it), checked against the privacy models and, when it satisfies them,
//! evaluated exactly.
//!
//! With monotone models (k-anonymity, distinct l-diversity, entropy l-diversity and
//! t-closeness without suppression, the hierarchical distance over a tree) results are
//! tagged through the lattice: a node that satisfies the models
//! makes all its generalizations satisfy them, one that does not makes all its
//! specializations fail. A node whose status is still unknown is resolved by a binary
//! search along a path of unknown nodes from it to the top, as ARX's Flash does, so that
//! few of the many failing nodes low in the lattice are grouped. The path climbs by the
//! cheapest bound first (then the QI with the most labels), staying near the nodes the
//! search still has to settle, whose classes are fewer along it. Records in classes too
//! small for the models only shrink with generalization, so a node with too many of them
//! fails with all its specializations, whatever the models. Nodes that their bounds
//! (`bounds`) exclude are skipped unchecked.

use super::bounds::{margin, Bounds};
use super::cache::Cache;
use super::grouping::Scratch;
use super::lattice::{tag, Lattice};
use super::metrics::objective;
use super::problem::{Dimension, Problem};
use super::{SearchProgress, UtilityMetric};
use crate::Error;

/// Visits between two progress reports when no node is checked.
const REPORT_EVERY: usize = 4096;

/// The search's result.
pub(super) struct Found {
    /// The optimal node's levels.
    pub(super) levels: Vec<usize>,
    /// Nodes grouped and checked.
    pub(super) checked: usize,
    /// Nodes in the lattice.
    pub(super) total: usize,
}

/// The best node so far, ordered by value, then height, then number.
struct Best {
    value: f64,
    height: usize,
    node: usize,
}

/// The state of one search.
struct Search<'a> {
    problem: &'a Problem,
    metric: UtilityMetric,
    lattice: Lattice,
    bounds: Bounds,
    monotone: bool,
    cache: Cache,
    scratch: Scratch,
    best: Option<Best>,
    checked: usize,
    visited: usize,
    progress: &'a mut dyn FnMut(SearchProgress) -> bool,
}

/// Finds the optimal node of `problem` for `metric`.
///
/// Fails with [`Error::Cancelled`] when `progress` returns `false`, and with
/// [`Error::NoAnonymization`] when no node satisfies the privacy models.
pub(super) fn search(
    problem: &Problem,
    metric: UtilityMetric,
    progress: &mut dyn FnMut(SearchProgress) -> bool,
) -> Result<Found, Error> {
    let lattice = Lattice::new(problem.dims.iter().map(Dimension::max_level).collect());
    let n_nodes = lattice.n_nodes();
    let bounds = Bounds::new(metric, problem, &lattice);
    let mut order: Vec<u32> = (0..n_nodes as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (a as usize, b as usize);
        bounds
            .base(a)
            .total_cmp(&bounds.base(b))
            .then(lattice.height(a).cmp(&lattice.height(b)))
            .then(a.cmp(&b))
    });
    let mut search = Search {
        problem,
        metric,
        lattice,
        bounds,
        monotone: problem.model.is_monotone(),
        cache: Cache::new((16 * problem.bottom.n_classes() + (1 << 18)).min(1 << 23)),
        scratch: Scratch::default(),
        best: None,
        checked: 0,
        visited: 0,
        progress,
    };
    for node in order {
        let node = node as usize;
        if let Some(best) = &search.best {
            // Nodes come in order of their base bound: no later node can do better.
            if search.bounds.base(node) > best.value + margin(best.value) {
                break;
            }
        }
        search.visited += 1;
        if search.visited % REPORT_EVERY == 0 {
            search.report()?;
        }
        search.bounds.inherit(&search.lattice, node);
        let tags = search.lattice.tags[node];
        if tags & (tag::CHECKED | tag::NOT_ANONYMOUS) != 0 {
            continue;
        }
        if let Some(best) = &search.best {
            if search
                .bounds
                .excludes(problem, &search.lattice, node, best.value)
            {
                continue;
            }
        }
        if search.monotone && tags & tag::ANONYMOUS == 0 {
            search.resolve(node)?;
        } else {
            search.check(node)?;
        }
    }
    search.visited = n_nodes;
    search.report()?;
    let best = search.best.ok_or(Error::NoAnonymization {
        max_suppressed: problem.model.max_suppressed,
    })?;
    Ok(Found {
        levels: search.lattice.levels(best.node),
        checked: search.checked,
        total: n_nodes,
    })
}

impl Search<'_> {
    /// Reports progress; [`Error::Cancelled`] when the caller asks to stop.
    fn report(&mut self) -> Result<(), Error> {
        let progress = SearchProgress {
            checked: self.checked,
            visited: self.visited,
            total: self.lattice.n_nodes(),
        };
        if (self.progress)(progress) {
            Ok(())
        } else {
            Err(Error::Cancelled)
        }
    }

    /// Settles whether `node` (status unknown, monotone models) satisfies the models: a
    /// binary search for the lowest satisfying node on a path of unknown nodes from `node`
    /// upwards, which leaves `node` checked or tagged as failing (checked nodes tag the
    /// lattice as they go, so each probe settles a whole sub-lattice).
    fn resolve(&mut self, node: usize) -> Result<(), Error> {
        let n_qis = self.lattice.n_qis();
        let mut path = vec![node];
        let mut current = node;
        // Each step goes to the unknown successor with the least base bound, then the one
        // raising the QI with the most labels, then the first QI.
        loop {
            let step = (0..n_qis)
                .filter_map(|qi| {
                    let successor = self.lattice.successor(current, qi)?;
                    let unknown = self.lattice.tags[successor] & tag::ANONYMOUS == 0;
                    let labels = self.problem.dims[qi].cards[self.lattice.level(current, qi)];
                    let bound = self.bounds.base(successor);
                    unknown.then_some((bound, std::cmp::Reverse(labels), qi, successor))
                })
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            let Some((_, _, _, successor)) = step else {
                break;
            };
            path.push(successor);
            current = successor;
        }
        let (mut low, mut high) = (0, path.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if self.check(path[mid])? {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        Ok(())
    }

    /// Groups `node`, checks it against the models, evaluates it when it satisfies them,
    /// and tags the lattice; returns whether it satisfies them.
    fn check(&mut self, node: usize) -> Result<bool, Error> {
        let problem = self.problem;
        let model = &problem.model;
        let levels = self.lattice.levels(node);
        let source = self.cache.source(&levels).unwrap_or(&problem.bottom);
        let (mut grouping, targets) =
            source.roll_up(&problem.dims, &problem.layout, &levels, &mut self.scratch);
        self.checked += 1;
        self.lattice.tags[node] |= tag::CHECKED;
        // Whether too small classes alone suppress too much needs no sensitive values.
        let too_small = model.too_small(&grouping);
        if too_small <= model.max_suppressed {
            grouping.add_distributions(source, &targets, &mut self.scratch);
        }
        let verdict = model.verdict(&grouping, too_small, &mut self.scratch);
        let anonymous = verdict.suppressed <= model.max_suppressed;
        if anonymous {
            if self.monotone {
                self.lattice.tag_up(node, tag::ANONYMOUS);
            }
            let value = objective(self.metric, problem, &grouping, &verdict);
            let height = self.lattice.height(node);
            let better = self.best.as_ref().map_or(true, |best| {
                value
                    .total_cmp(&best.value)
                    .then(height.cmp(&best.height))
                    .then(node.cmp(&best.node))
                    .is_lt()
            });
            if better {
                self.best = Some(Best {
                    value,
                    height,
                    node,
                });
            }
        } else if self.monotone || too_small > model.max_suppressed {
            self.lattice.tag_down(node, tag::NOT_ANONYMOUS);
        }
        self.bounds
            .record(problem, &self.lattice, node, &grouping, &verdict);
        // A grouping without its sensitive values cannot serve l-diversity or t-closeness
        // checks.
        if grouping.distributions.is_some() || !model.needs_distributions() {
            self.cache.insert(grouping);
        }
        self.report()?;
        Ok(anonymous)
    }
}
