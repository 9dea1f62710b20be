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
//! With monotone models (k-anonymity, distinct l-diversity, entropy l-diversity without
//! suppression) results are tagged through the lattice: a node that satisfies the models
//! makes all its generalizations satisfy them, one that does not makes all its
//! specializations fail. A node whose status is still unknown is resolved by a binary
//! search along a path of unknown nodes from it to the top, as ARX's Flash does, so that
//! few of the many failing nodes low in the lattice are grouped. For discernibility and
//! average class size, a grouped node whose bound (`Σ size²`, records / classes) exceeds
//! the best value prunes itself and all its generalizations. For `Loss` with monotone
//! models, every checked node also records how many records it suppresses on all its
//! specializations (which suppress at least as many), tightening their bounds.

use super::bounds::{grouped_bound, Bounds};
use super::grouping::{Grouping, Scratch};
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

/// Groupings kept as roll-up sources, within a budget of classes; the least recently used
/// goes first.
struct Cache {
    entries: Vec<(Grouping, u64)>,
    classes: usize,
    budget: usize,
    clock: u64,
}

impl Cache {
    /// The cached grouping with the fewest classes among those of nodes at or below
    /// `levels`.
    fn source(&mut self, levels: &[usize]) -> Option<&Grouping> {
        let (idx, _) = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, (grouping, _))| grouping.levels.iter().zip(levels).all(|(a, b)| a <= b))
            .min_by_key(|(_, (grouping, _))| grouping.n_classes())?;
        self.clock += 1;
        self.entries[idx].1 = self.clock;
        Some(&self.entries[idx].0)
    }

    /// Keeps `grouping`, evicting the least recently used groupings beyond the budget.
    fn insert(&mut self, grouping: Grouping) {
        let n_classes = grouping.n_classes();
        if n_classes > self.budget / 2 {
            return;
        }
        self.clock += 1;
        self.entries.push((grouping, self.clock));
        self.classes += n_classes;
        while self.classes > self.budget {
            let Some((idx, _)) = self
                .entries
                .iter()
                .enumerate()
                .min_by_key(|(_, (_, used))| *used)
            else {
                break;
            };
            self.classes -= self.entries.swap_remove(idx).0.n_classes();
        }
    }
}

/// The state of one search.
struct Search<'a> {
    problem: &'a Problem,
    metric: UtilityMetric,
    lattice: Lattice,
    monotone: bool,
    cache: Cache,
    scratch: Scratch,
    best: Option<Best>,
    /// Per node, records it is known to suppress at least (empty when not tracked).
    min_suppressed: Vec<u32>,
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
    let mut bounds = Bounds::new(metric, problem);
    let base: Vec<f64> = (0..n_nodes)
        .map(|node| bounds.at(problem, |qi| lattice.level(node, qi), 0))
        .collect();
    let mut order: Vec<u32> = (0..n_nodes as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (a as usize, b as usize);
        base[a]
            .total_cmp(&base[b])
            .then(lattice.height(a).cmp(&lattice.height(b)))
            .then(a.cmp(&b))
    });
    let monotone = problem.model.is_monotone();
    let track_suppressed = bounds.counts_suppressed() && problem.model.max_suppressed > 0;
    let mut search = Search {
        problem,
        metric,
        lattice,
        monotone,
        cache: Cache {
            entries: Vec::new(),
            classes: 0,
            budget: std::env::var("BW_BUDGET").ok().and_then(|v| v.parse().ok()).unwrap_or(4) * problem.bottom.n_classes() + (1 << 16),
            clock: 0,
        },
        scratch: Scratch::default(),
        best: None,
        min_suppressed: if track_suppressed {
            vec![0; n_nodes]
        } else {
            Vec::new()
        },
        checked: 0,
        visited: 0,
        progress,
    };
    for node in order {
        let node = node as usize;
        if let Some(best) = &search.best {
            if base[node] > best.value + margin(best.value) {
                break;
            }
        }
        search.visited += 1;
        if search.visited % REPORT_EVERY == 0 {
            search.report()?;
        }
        let tags = search.lattice.tags[node];
        if tags & (tag::PRUNED | tag::CHECKED | tag::NOT_ANONYMOUS) != 0 {
            continue;
        }
        if let (Some(&suppressed), Some(best)) = (search.min_suppressed.get(node), &search.best) {
            let lattice = &search.lattice;
            let bound = bounds.at(problem, |qi| lattice.level(node, qi), suppressed as usize);
            if suppressed > 0 && bound > best.value + margin(best.value) {
                continue;
            }
        }
        if search.monotone && tags & tag::ANONYMOUS == 0 {
            search.resolve(node)?;
        } else {
            search.check(node)?;
        }
    }
    if std::env::var_os("BW_DEBUG").is_some() { if let Some(b) = &search.best { eprintln!("best {}", b.value); for n in 0..n_nodes { eprintln!("bound {} {} {} {} {}", n, base[n], search.lattice.tags[n] & tag::ANONYMOUS != 0, search.lattice.tags[n], search.min_suppressed.get(n).copied().unwrap_or(0)); } } }
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

/// How far a bound must exceed the best value before it prunes: covers the rounding of
/// the bounds, which are not computed in ARX's order of operations.
fn margin(value: f64) -> f64 {
    1e-9 * value.abs().max(1.0)
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
    /// upwards, which leaves `node` checked or tagged as failing.
    fn resolve(&mut self, node: usize) -> Result<(), Error> {
        let n_qis = self.lattice.n_qis();
        let mut path = vec![node];
        let mut current = node;
        let mut next_qi = 0;
        'grow: loop {
            for step in 0..n_qis {
                let qi = (next_qi + step) % n_qis;
                if let Some(successor) = self.lattice.successor(current, qi) {
                    if self.lattice.tags[successor] & tag::ANONYMOUS == 0 {
                        path.push(successor);
                        current = successor;
                        next_qi = qi + 1;
                        continue 'grow;
                    }
                }
            }
            break;
        }
        // Halve the path until a node fails (which settles `node` as failing) or `node`
        // itself is checked; where exactly the path crosses into anonymity is not needed.
        if std::env::var_os("BW_FULL").is_some() {
        let (mut low, mut high) = (0, path.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if self.check(path[mid])? {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return Ok(());
        }
        let mut high = path.len();
        while high > 0 {
            let mid = high / 2;
            if !self.check(path[mid])? {
                break;
            }
            high = mid;
        }
        Ok(())
    }

    /// Groups `node`, checks it against the models, evaluates it when it satisfies them,
    /// and tags the lattice; returns whether it satisfies them.
    fn check(&mut self, node: usize) -> Result<bool, Error> {
        let problem = self.problem;
        let levels = self.lattice.levels(node);
        let source = self.cache.source(&levels).unwrap_or(&problem.bottom);
        let (grouping, _) =
            source.roll_up(&problem.dims, &problem.layout, &levels, &mut self.scratch);
        if std::env::var_os("BW_DEBUG").is_some() {
            eprintln!(
                "check {:?} from {:?} node {} res {} src {}",
                levels,
                source.levels,
                node,
                grouping.n_classes(),
                source.n_classes()
            );
        }
        self.checked += 1;
        self.lattice.tags[node] |= tag::CHECKED;
        let verdict = problem.model.verdict(&grouping);
        let anonymous = verdict.suppressed <= problem.model.max_suppressed;
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
        } else if self.monotone || verdict.too_small > problem.model.max_suppressed {
            self.lattice.tag_down(node, tag::NOT_ANONYMOUS);
        }
        if let (Some(bound), Some(best)) = (
            grouped_bound(self.metric, problem.n_rows, &grouping),
            &self.best,
        ) {
            if bound > best.value + margin(best.value) {
                self.lattice.tag_up(node, tag::PRUNED);
            }
        }
        if !self.min_suppressed.is_empty() {
            let monotone_part = if self.monotone {
                verdict.suppressed
            } else {
                verdict.too_small
            };
            self.spread_suppressed(node, u32::try_from(monotone_part).unwrap_or(u32::MAX));
        }
        self.cache.insert(grouping);
        self.report()?;
        Ok(anonymous)
    }

    /// Records that `node` and all its specializations suppress at least `suppressed`
    /// records; stops where a node already records as many (its specializations do too).
    fn spread_suppressed(&mut self, node: usize, suppressed: u32) {
        let mut stack = vec![node];
        while let Some(node) = stack.pop() {
            if self.min_suppressed[node] >= suppressed {
                continue;
            }
            self.min_suppressed[node] = suppressed;
            stack.extend(self.lattice.predecessors(node));
        }
    }
}
