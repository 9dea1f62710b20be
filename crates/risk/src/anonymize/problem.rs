//! Everything the search needs, computed once: each QI's encoded hierarchy with its level
//! maps, domain shares and entropies, the privacy models, and the table grouped at level 0.

use table::Table;

use super::grouping::{Distributions, Grouping, Layout, Scratch};
use super::{AnonymizeQuery, LDiversity, Roles, TCloseness};
use crate::classes::{Buckets, EquivalenceClasses};
use crate::hierarchy::EncodedHierarchy;
use crate::models::{equal_distance, global_shares, HierarchicalEmd};
use crate::Error;

/// One QI: its hierarchy encoded against the column, and per-level tables.
pub(super) struct Dimension {
    /// The hierarchy, encoded against the column.
    pub(super) hierarchy: EncodedHierarchy,
    /// The number of labels at each level.
    pub(super) cards: Vec<u32>,
    /// `up[from * levels + to]` maps a label at `from` to its generalization at `to > from`,
    /// shifted to the QI's place in the class keys.
    up: Vec<Vec<u64>>,
    /// `shares[level][label]`: ARX's domain share, rows of the hierarchy under the label over
    /// all rows of the hierarchy.
    pub(super) shares: Vec<Vec<f64>>,
    /// The number of rows of the hierarchy, as a double (ARX's domain size).
    pub(super) domain_size: f64,
    /// `Σ records × hierarchy rows under their label` per level: the exact numerator of the
    /// generalization part of `Loss`, for its lower bound.
    pub(super) share_numerators: Vec<u128>,
    /// ARX's non-uniform entropy of the column at each level before its sign is switched:
    /// `Σ a log2(a / b)` over the values in dictionary order, `a` the value's records and
    /// `b` the records of its label.
    pub(super) entropy: Vec<f64>,
}

impl Dimension {
    /// The map from labels at level `from` to labels at level `to`, `from < to`, shifted into
    /// the QI's place in the class keys.
    pub(super) fn up(&self, from: usize, to: usize) -> &[u64] {
        &self.up[from * self.cards.len() + to]
    }

    /// The most general level.
    pub(super) fn max_level(&self) -> usize {
        self.cards.len() - 1
    }
}

/// A class's test against l-diversity.
#[derive(Debug, Clone, Copy)]
pub(super) enum LCheck {
    /// At least this many distinct values.
    Distinct(usize),
    /// ARX's entropy check with this l, after at least `min_values = ⌈l⌉` distinct values.
    Entropy { l: f64, min_values: usize },
}

/// A class's test against t-closeness: its distance from the sensitive distribution of the
/// whole table (every record, suppressed or not, as ARX's `DataManager.getDistribution` and
/// `getTree` count them) is at most `t`.
pub(super) struct TCheck {
    /// The largest distance allowed.
    pub(super) t: f64,
    /// The ground distance, prepared.
    distance: Distance,
}

/// The ground distance of t-closeness, prepared for the table.
enum Distance {
    /// ARX's `EqualDistanceTCloseness`, with each code's share of the table.
    Equal(Vec<f64>),
    /// ARX's `HierarchicalDistanceTCloseness`.
    Hierarchical(HierarchicalEmd),
}

impl TCheck {
    /// The distance of a class whose sensitive codes `values` occur `counts` times.
    pub(super) fn distance(&self, values: &[u32], counts: &[u32], scratch: &mut Scratch) -> f64 {
        match &self.distance {
            Distance::Equal(shares) => equal_distance(shares, values, counts),
            Distance::Hierarchical(emd) => emd.distance(values, counts, &mut scratch.emd),
        }
    }
}

/// The privacy models a node must satisfy.
pub(super) struct Model {
    /// Classes smaller than this are suppressed: k, or l when that is larger (a class needs
    /// at least l records to hold l distinct values).
    pub(super) min_size: u32,
    /// l-diversity, if required.
    pub(super) l: Option<LCheck>,
    /// t-closeness, if required.
    pub(super) t: Option<TCheck>,
    /// The most records that may be suppressed.
    pub(super) max_suppressed: usize,
}

impl Model {
    /// Whether the models are monotone: if a node satisfies them, so does every
    /// generalization of it. k-anonymity and distinct l-diversity are, with or without
    /// suppression; entropy l-diversity and t-closeness only without (ARX's
    /// `EntropyLDiversity` and `TCloseness` are "monotonic with generalization" but not
    /// "with suppression").
    ///
    /// t-closeness is monotone with generalization only where the class distance is convex:
    /// always for the equal distance, and for the hierarchical one when the hierarchy is a
    /// tree ([`HierarchicalEmd::is_tree`]). ARX assumes it for any hierarchy; here a hierarchy
    /// with several roots makes the search check every node it cannot bound, so it stays
    /// exact.
    pub(super) fn is_monotone(&self) -> bool {
        let monotone_with_suppression =
            !matches!(self.l, Some(LCheck::Entropy { .. })) && self.t.is_none();
        let monotone_with_generalization = self.t.as_ref().map_or(true, |t| match &t.distance {
            Distance::Equal(_) => true,
            Distance::Hierarchical(emd) => emd.is_tree(),
        });
        monotone_with_generalization && (monotone_with_suppression || self.max_suppressed == 0)
    }

    /// Whether the models need each class's sensitive values.
    pub(super) fn needs_distributions(&self) -> bool {
        self.l.is_some() || self.t.is_some()
    }

    /// Records in classes of `grouping` too small for the models to hold.
    pub(super) fn too_small(&self, grouping: &Grouping) -> usize {
        grouping
            .counts
            .iter()
            .filter(|&&count| count < self.min_size)
            .map(|&count| count as usize)
            .sum()
    }

    /// Which classes of `grouping` violate the models, and how many records that
    /// suppresses; `too_small` is [`Model::too_small`] of `grouping`. Without the
    /// grouping's sensitive values, classes large enough count as failing l-diversity and
    /// t-closeness.
    pub(super) fn verdict(
        &self,
        grouping: &Grouping,
        too_small: usize,
        scratch: &mut Scratch,
    ) -> Verdict {
        let mut verdict = Verdict {
            failing: Vec::with_capacity(grouping.n_classes()),
            suppressed: 0,
            too_small,
        };
        for (class, &count) in grouping.counts.iter().enumerate() {
            let fails = count < self.min_size
                || match (self.l, &grouping.distributions) {
                    (None, _) => false,
                    (Some(l), Some(distributions)) => {
                        !is_diverse(l, count, distributions.counts(class))
                    }
                    (Some(_), None) => true,
                }
                || match (&self.t, &grouping.distributions) {
                    (None, _) => false,
                    (Some(t), Some(distributions)) => {
                        let (values, counts) = distributions.class(class);
                        let close = t.distance(values, counts, scratch) <= t.t;
                        !close
                    }
                    (Some(_), None) => true,
                };
            verdict.failing.push(fails);
            verdict.suppressed += if fails { count as usize } else { 0 };
        }
        verdict
    }
}

/// How a node fares against the privacy models.
pub(super) struct Verdict {
    /// Per class, whether it violates the models (and is suppressed).
    pub(super) failing: Vec<bool>,
    /// Records in failing classes.
    pub(super) suppressed: usize,
    /// Records in classes too small for any model to hold (fewer than k records, or fewer
    /// than l): a part of `suppressed` that only shrinks with generalization, so it is
    /// monotone even where l-diversity is not.
    pub(super) too_small: usize,
}

/// ARX's `DistinctLDiversity` and `EntropyLDiversity` (Shannon) checks of one class of
/// `total` records whose sensitive value counts, in code order, are `counts`.
fn is_diverse(check: LCheck, total: u32, counts: &[u32]) -> bool {
    match check {
        LCheck::Distinct(l) => counts.len() >= l,
        LCheck::Entropy { l, min_values } => {
            if counts.len() < min_values {
                return false;
            }
            let total = f64::from(total);
            let bound = total * (total.ln() - l.ln());
            let mut sum = 0.0;
            for &count in counts {
                let count = f64::from(count);
                sum += count * count.ln();
            }
            sum <= bound
        }
    }
}

/// The search's input.
pub(super) struct Problem {
    /// Rows of the table.
    pub(super) n_rows: usize,
    /// The QIs, in query order.
    pub(super) dims: Vec<Dimension>,
    /// How class keys pack the QIs' labels.
    pub(super) layout: Layout,
    /// The privacy models.
    pub(super) model: Model,
    /// The table's classes at level 0 of every QI.
    pub(super) bottom: Grouping,
    /// The level-0 class of each row.
    pub(super) class_of_row: Vec<u32>,
}

impl Problem {
    /// Encodes the hierarchies and groups the table; `roles` must come from validating
    /// `query` against `table`.
    pub(super) fn new(table: &Table, query: &AnonymizeQuery, roles: &Roles) -> Result<Self, Error> {
        let columns = table.columns();
        let mut encoded = Vec::with_capacity(roles.qi.len());
        for (name, &column) in query.qi.iter().zip(&roles.qi) {
            let Some(hierarchy) = query.hierarchies.get(name) else {
                return Err(Error::QiWithoutHierarchy { name: name.clone() });
            };
            encoded.push(hierarchy.encode(&columns[column])?);
        }
        let layout = Layout::new(
            encoded
                .iter()
                .map(|hierarchy| hierarchy.level_codes(0).map_or(0, <[u32]>::len)),
        );
        let dims: Vec<Dimension> = encoded
            .into_iter()
            .zip(&roles.qi)
            .zip(layout.shifts())
            .map(|((hierarchy, &column), shift)| {
                Dimension::new(hierarchy, columns[column].codes(), shift)
            })
            .collect();
        let n_nodes = dims
            .iter()
            .fold(1u128, |n, dim| n.saturating_mul(dim.cards.len() as u128));
        if n_nodes > super::lattice::MAX_NODES as u128 {
            return Err(Error::LatticeTooLarge {
                nodes: n_nodes,
                limit: super::lattice::MAX_NODES,
            });
        }
        let n_rows = table.n_rows();
        let l = query.l_diversity.map(|l| match l {
            LDiversity::Distinct(l) => LCheck::Distinct(l),
            LDiversity::Entropy(l) => LCheck::Entropy {
                l,
                min_values: l.ceil() as usize,
            },
        });
        let l_size = match l {
            Some(LCheck::Distinct(l) | LCheck::Entropy { min_values: l, .. }) => l,
            None => 1,
        };
        let t = match (&query.t_closeness, roles.sensitive) {
            (Some(closeness), Some(sensitive)) => {
                let column = &columns[sensitive];
                let mut global_counts = vec![0u64; column.dictionary().len()];
                for &code in column.codes() {
                    global_counts[code as usize] += 1;
                }
                let distance = match closeness {
                    TCloseness::EqualDistance(_) => Distance::Equal(global_shares(&global_counts)),
                    TCloseness::Hierarchical(_, hierarchy) => {
                        Distance::Hierarchical(HierarchicalEmd::new(
                            hierarchy,
                            column.name(),
                            column.dictionary(),
                            &global_counts,
                        )?)
                    }
                };
                Some(TCheck {
                    t: closeness.t(),
                    distance,
                })
            }
            _ => None,
        };
        let model = Model {
            min_size: u32::try_from(query.k.max(l_size)).unwrap_or(u32::MAX),
            l,
            t,
            max_suppressed: (query.max_suppression * n_rows as f64).floor() as usize,
        };
        let classes = EquivalenceClasses::new(table, &query.qi, None)?;
        let qi_codes: Vec<&[u32]> = roles
            .qi
            .iter()
            .map(|&column| columns[column].codes())
            .collect();
        let mut keys = Vec::with_capacity(classes.n_classes() * qi_codes.len());
        for &row in classes.first_row_of_class() {
            layout.pack(qi_codes.iter().map(|codes| codes[row as usize]), &mut keys);
        }
        let distributions = match (model.needs_distributions(), roles.sensitive) {
            (true, Some(sensitive)) => {
                let values = columns[sensitive].codes();
                let by_class = Buckets::sorted(classes.n_classes(), || {
                    classes
                        .class_of_person()
                        .iter()
                        .copied()
                        .zip(values.iter().copied())
                });
                Some(Distributions::from_sorted(by_class.iter()))
            }
            _ => None,
        };
        let bottom = Grouping {
            levels: vec![0; dims.len()],
            counts: classes.class_sizes().to_vec(),
            keys,
            distributions,
        };
        Ok(Self {
            n_rows,
            dims,
            layout,
            model,
            bottom,
            class_of_row: classes.class_of_person().to_vec(),
        })
    }
}

impl Dimension {
    /// The per-level tables of `hierarchy` over a column with cell codes `codes`, whose
    /// labels start at bit `shift` of their key word.
    fn new(hierarchy: EncodedHierarchy, codes: &[u32], shift: u32) -> Self {
        let n_levels = hierarchy.n_levels();
        let n_values = hierarchy.level_codes(0).map_or(0, <[u32]>::len);
        let mut value_counts = vec![0u64; n_values];
        for &code in codes {
            value_counts[code as usize] += 1;
        }
        let levels: Vec<&[u32]> = (0..n_levels)
            .filter_map(|level| hierarchy.level_codes(level))
            .collect();
        let cards: Vec<u32> = (0..n_levels)
            .map(|level| hierarchy.level_labels(level).map_or(0, |l| l.len() as u32))
            .collect();
        let mut up = vec![Vec::new(); n_levels * n_levels];
        for from in 0..n_levels {
            for to in from + 1..n_levels {
                let mut map = vec![0u64; cards[from] as usize];
                for (value, &count) in value_counts.iter().enumerate() {
                    if count > 0 {
                        map[levels[from][value] as usize] = u64::from(levels[to][value]) << shift;
                    }
                }
                up[from * n_levels + to] = map;
            }
        }
        let domain_size = hierarchy.hierarchy_rows() as f64;
        let shares = (0..n_levels)
            .map(|level| {
                let group_rows = hierarchy.group_rows(level);
                group_rows.iter().map(|&n| n as f64 / domain_size).collect()
            })
            .collect();
        let share_numerators = (0..n_levels)
            .map(|level| {
                let group_rows = hierarchy.group_rows(level);
                value_counts
                    .iter()
                    .zip(levels[level])
                    .map(|(&count, &label)| {
                        u128::from(count) * u128::from(group_rows[label as usize])
                    })
                    .sum()
            })
            .collect();
        let entropy = (0..n_levels)
            .map(|level| {
                let mut label_counts = vec![0u64; cards[level] as usize];
                for (&count, &label) in value_counts.iter().zip(levels[level]) {
                    label_counts[label as usize] += count;
                }
                let mut entropy = 0.0;
                for (&count, &label) in value_counts.iter().zip(levels[level]) {
                    if count > 0 {
                        let a = count as f64;
                        let b = label_counts[label as usize] as f64;
                        entropy += a * super::metrics::log2(a / b);
                    }
                }
                entropy
            })
            .collect();
        Self {
            hierarchy,
            cards,
            up,
            shares,
            domain_size,
            share_numerators,
            entropy,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_check_is_arx_inequality() {
        let entropy = |l: f64| LCheck::Entropy {
            l,
            min_values: l.ceil() as usize,
        };
        // Two values, balanced: exp(H) = 2 exactly.
        assert!(is_diverse(entropy(2.0), 2, &[1, 1]));
        assert!(!is_diverse(entropy(2.000_001), 2, &[1, 1]));
        assert!(!is_diverse(entropy(1.5), 3, &[3]));
        assert!(is_diverse(entropy(1.0), 3, &[3]));
        assert!(is_diverse(LCheck::Distinct(2), 3, &[1, 2]));
        assert!(!is_diverse(LCheck::Distinct(3), 3, &[1, 2]));
    }
}
