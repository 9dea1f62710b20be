//! A generalization hierarchy of the sensitive attribute, and t-closeness with hierarchical
//! ground distance over it (ARX's `HierarchicalDistanceTCloseness`).

use std::fmt;

use hashbrown::HashMap;

use super::SensitiveDistributions;
use crate::classes::Buckets;
use crate::Error;

/// A generalization hierarchy in ARX's layout: one row per value, the value first, then its
/// generalizations from the most specific to the most general, every row as long as the
/// others.
///
/// A node of the tree is a label at a level: the same label at the same level is the same
/// node, whatever its parents, and its children are the distinct labels one level below it.
///
/// `Debug` output shows only the shape, never the values.
#[derive(Clone, PartialEq, Eq)]
pub struct SensitiveHierarchy {
    rows: Vec<Vec<String>>,
}

impl SensitiveHierarchy {
    /// Checks and keeps `rows`, each a value followed by its generalizations.
    ///
    /// Fails with [`Error::HierarchyTooSmall`] without a row or with rows of one level,
    /// [`Error::HierarchyRagged`] when rows differ in length and
    /// [`Error::HierarchyDuplicateValue`] when two rows start with the same value.
    pub fn new(rows: Vec<Vec<String>>) -> Result<Self, Error> {
        let expected_levels = rows.first().map_or(0, Vec::len);
        if expected_levels < 2 {
            return Err(Error::HierarchyTooSmall);
        }
        let mut row_of_value: HashMap<&str, usize> = HashMap::with_capacity(rows.len());
        for (idx, levels) in rows.iter().enumerate() {
            if levels.len() != expected_levels {
                return Err(Error::HierarchyRagged {
                    row: idx + 1,
                    expected_levels,
                    found_levels: levels.len(),
                });
            }
            if let Some(first_idx) = row_of_value.insert(levels[0].as_str(), idx) {
                return Err(Error::HierarchyDuplicateValue {
                    first_row: first_idx + 1,
                    row: idx + 1,
                });
            }
        }
        drop(row_of_value);
        Ok(Self { rows })
    }

    /// Reads a hierarchy in ARX's CSV layout (as [`crate::Hierarchy::from_csv`]: one row
    /// per line, `delimiter`-separated, optionally quoted, LF or CRLF) and checks it as
    /// [`SensitiveHierarchy::new`] does. Unlike a quasi-identifier's hierarchy, a label may
    /// sit under different parents (ARX's tree treats a label at a level as one node).
    ///
    /// Fails with [`Error::HierarchyUnreadable`] and the errors of [`SensitiveHierarchy::new`].
    pub fn from_csv(bytes: &[u8], delimiter: u8) -> Result<Self, Error> {
        Self::new(crate::hierarchy::csv::parse(bytes, delimiter)?)
    }

    /// The number of levels, the values' own level included.
    pub fn n_levels(&self) -> usize {
        self.rows[0].len()
    }

    /// For each level above the values, each node's distinct children one level below.
    ///
    /// Row `row_order[leaf]` is leaf `leaf`; level 1's children are leaves, higher levels'
    /// children are node numbers of the level below. Nodes are numbered in order of their
    /// first row in `row_order`, as ARX's `DataManager.getTree` orders them.
    fn inner_levels(&self, row_order: &[usize]) -> Vec<Buckets> {
        let mut below: Vec<u32> = (0..row_order.len() as u32).collect();
        let mut levels = Vec::with_capacity(self.n_levels() - 1);
        for level in 1..self.n_levels() {
            let mut node_of_label: HashMap<&str, u32> = HashMap::new();
            let nodes: Vec<u32> = row_order
                .iter()
                .map(|&row| {
                    let next = node_of_label.len() as u32;
                    *node_of_label
                        .entry(self.rows[row][level].as_str())
                        .or_insert(next)
                })
                .collect();
            let mut children = Buckets::sorted(node_of_label.len(), || {
                nodes.iter().copied().zip(below.iter().copied())
            });
            children.dedup();
            levels.push(children);
            below = nodes;
        }
        levels
    }
}

impl fmt::Debug for SensitiveHierarchy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SensitiveHierarchy")
            .field("rows", &self.rows.len())
            .field("levels", &self.n_levels())
            .finish_non_exhaustive()
    }
}

impl SensitiveDistributions {
    /// The greatest hierarchical earth mover's distance between a class's sensitive
    /// distribution and the whole table's, as ARX's `HierarchicalDistanceTCloseness`
    /// computes it: the least t for which t-closeness with hierarchical ground distance
    /// holds.
    ///
    /// For a class of `n` values in a table of `N`, each leaf carries the surplus
    /// `g_i n - c_i N` (`g_i`, `c_i` the value's counts in the table and the class); each
    /// inner node at level `h` sums its children's surpluses into a positive part `pos` and
    /// a negative part `neg`, passes `pos - neg` up and costs `h / height · min(pos, neg)`.
    /// The distance is the total cost over `N n`. Surpluses are exact integers; the costs
    /// are summed in ARX's floating-point order (level by level, nodes in the order of the
    /// first value under them, values numbered as in the table, then the hierarchy's other
    /// rows).
    ///
    /// Fails with [`Error::HierarchyMissesValues`] when a value that occurs in the column has
    /// no row in `hierarchy`.
    pub fn hierarchical_t_closeness_max(
        &self,
        hierarchy: &SensitiveHierarchy,
    ) -> Result<f64, Error> {
        let emd = HierarchicalEmd::new(
            hierarchy,
            self.column(),
            &self.dictionary,
            &self.global_counts,
        )?;
        let mut buffers = [Vec::new(), Vec::new()];
        Ok(self
            .classes()
            .map(|(values, counts)| emd.distance(values, counts, &mut buffers))
            .fold(0.0, f64::max))
    }
}

/// ARX's `HierarchicalDistanceTCloseness` prepared for one sensitive column: the tree of a
/// [`SensitiveHierarchy`] over the column's values and the whole table's distribution, which
/// every class is compared with.
pub(crate) struct HierarchicalEmd {
    /// Each dictionary code's leaf.
    leaf_of_code: Vec<u32>,
    /// Each leaf's count in the whole table.
    global_of_leaf: Vec<i128>,
    /// Per level above the leaves, each node's children one level below.
    levels: Vec<Buckets>,
    /// Values in the whole table.
    n_total: u64,
}

impl HierarchicalEmd {
    /// The tree of `hierarchy` over the values of `column`, whose dictionary is `dictionary`
    /// and whose codes occur `global_counts` times in the whole table.
    ///
    /// Fails with [`Error::HierarchyMissesValues`] when a value that occurs has no row.
    pub(crate) fn new(
        hierarchy: &SensitiveHierarchy,
        column: &str,
        dictionary: &[String],
        global_counts: &[u64],
    ) -> Result<Self, Error> {
        let row_of_value: HashMap<&str, usize> = hierarchy
            .rows
            .iter()
            .enumerate()
            .map(|(row, levels)| (levels[0].as_str(), row))
            .collect();
        // ARX numbers the leaves: the column's values first, then the hierarchy's other rows.
        let mut row_order = Vec::with_capacity(hierarchy.rows.len());
        let mut is_placed = vec![false; hierarchy.rows.len()];
        let mut leaf_of_code = vec![0u32; dictionary.len()];
        let mut n_missing = 0;
        for (code, value) in dictionary.iter().enumerate() {
            if global_counts[code] == 0 {
                continue;
            }
            match row_of_value.get(value.as_str()) {
                Some(&row) => {
                    leaf_of_code[code] = row_order.len() as u32;
                    row_order.push(row);
                    is_placed[row] = true;
                }
                None => n_missing += 1,
            }
        }
        if n_missing > 0 {
            return Err(Error::HierarchyMissesValues {
                column: column.to_owned(),
                n_missing,
            });
        }
        row_order.extend((0..hierarchy.rows.len()).filter(|&row| !is_placed[row]));
        let mut global_of_leaf = vec![0i128; row_order.len()];
        for (code, &leaf) in leaf_of_code.iter().enumerate() {
            global_of_leaf[leaf as usize] += i128::from(global_counts[code]);
        }
        Ok(Self {
            leaf_of_code,
            global_of_leaf,
            levels: hierarchy.inner_levels(&row_order),
            n_total: global_counts.iter().sum(),
        })
    }

    /// Whether the hierarchy is a tree: one node at the top level, and every other node a
    /// child of exactly one node. Then the distance is the cost of an optimal transport under
    /// the tree's ultrametric, which is convex in the class's distribution, so a class merged
    /// from classes is never farther than the farthest of them (t-closeness is monotone with
    /// generalization). With several roots, or a label under two parents, it need not be.
    pub(crate) fn is_tree(&self) -> bool {
        let mut n_below = self.global_of_leaf.len();
        for children in &self.levels {
            let mut parents = vec![0u32; n_below];
            for node_children in children.iter() {
                for &child in node_children {
                    parents[child as usize] += 1;
                }
            }
            if parents.iter().any(|&n| n != 1) {
                return false;
            }
            n_below = children.n_buckets();
        }
        n_below == 1
    }

    /// The distance of a class whose sensitive codes `values` occur `counts` times;
    /// `buffers` are reused between calls.
    pub(crate) fn distance(
        &self,
        values: &[u32],
        counts: &[u32],
        buffers: &mut [Vec<i128>; 2],
    ) -> f64 {
        let height = self.levels.len() as f64;
        let n_total = i128::from(self.n_total);
        let n_class = counts.iter().map(|&n| i128::from(n)).sum::<i128>();
        let [surplus, surplus_above] = buffers;
        surplus.clear();
        surplus.extend(self.global_of_leaf.iter().map(|&global| global * n_class));
        for (&value, &count) in values.iter().zip(counts) {
            surplus[self.leaf_of_code[value as usize] as usize] -= i128::from(count) * n_total;
        }
        let mut cost = 0.0;
        for (level, children) in (1u32..).zip(&self.levels) {
            surplus_above.clear();
            for node_children in children.iter() {
                let (mut positive, mut negative) = (0i128, 0i128);
                for &child in node_children {
                    let child_surplus = surplus[child as usize];
                    if child_surplus > 0 {
                        positive += child_surplus;
                    } else {
                        negative -= child_surplus;
                    }
                }
                cost += f64::from(level) / height * positive.min(negative) as f64;
                surplus_above.push(positive - negative);
            }
            std::mem::swap(surplus, surplus_above);
        }
        cost / (self.n_total as f64 * n_class as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|row| row.iter().map(|cell| (*cell).to_owned()).collect())
            .collect()
    }

    #[test]
    fn malformed_hierarchies_are_refused() {
        assert_eq!(
            SensitiveHierarchy::new(Vec::new()),
            Err(Error::HierarchyTooSmall)
        );
        assert_eq!(
            SensitiveHierarchy::new(rows(&[&["a"]])),
            Err(Error::HierarchyTooSmall)
        );
        assert_eq!(
            SensitiveHierarchy::new(rows(&[&["a", "*"], &["b", "x", "*"]])),
            Err(Error::HierarchyRagged {
                row: 2,
                expected_levels: 2,
                found_levels: 3
            })
        );
        assert_eq!(
            SensitiveHierarchy::new(rows(&[&["a", "*"], &["b", "*"], &["a", "*"]])),
            Err(Error::HierarchyDuplicateValue {
                first_row: 1,
                row: 3
            })
        );
    }

    #[test]
    fn trees_have_one_root_and_one_parent_per_node() -> Result<(), Error> {
        let dictionary = ["a", "b", "c"].map(str::to_owned);
        let is_tree = |levels: &[&[&str]]| -> Result<bool, Error> {
            let hierarchy = SensitiveHierarchy::new(rows(levels))?;
            Ok(HierarchicalEmd::new(&hierarchy, "s", &dictionary, &[1, 1, 1])?.is_tree())
        };
        assert!(is_tree(&[
            &["a", "x", "*"],
            &["b", "x", "*"],
            &["c", "y", "*"]
        ])?);
        // Two roots.
        assert!(!is_tree(&[
            &["a", "x", "p"],
            &["b", "x", "p"],
            &["c", "y", "q"]
        ])?);
        // x under p and under q.
        assert!(!is_tree(&[
            &["a", "x", "p"],
            &["b", "y", "p"],
            &["c", "x", "q"]
        ])?);
        Ok(())
    }

    #[test]
    fn nodes_are_labels_per_level() -> Result<(), Error> {
        // "x" at level 1 under two different parents is one node with children a and c.
        let hierarchy = SensitiveHierarchy::new(rows(&[
            &["a", "x", "p", "*"],
            &["b", "y", "p", "*"],
            &["c", "x", "q", "*"],
        ]))?;
        assert_eq!(hierarchy.n_levels(), 4);
        assert_eq!(
            format!("{hierarchy:?}"),
            "SensitiveHierarchy { rows: 3, levels: 4, .. }"
        );
        let levels = hierarchy.inner_levels(&[0, 1, 2]);
        let children: Vec<Vec<&[u32]>> = levels.iter().map(|l| l.iter().collect()).collect();
        assert_eq!(children[0], [&[0, 2][..], &[1]]);
        assert_eq!(children[1], [&[0, 1][..], &[0]]);
        assert_eq!(children[2], [&[0, 1][..]]);
        // Numbered from row c first: x = {c, a}, y = {b}; q = {x}, p = {x, y}.
        let levels = hierarchy.inner_levels(&[2, 0, 1]);
        let children: Vec<Vec<&[u32]>> = levels.iter().map(|l| l.iter().collect()).collect();
        assert_eq!(children[0], [&[0, 1][..], &[2]]);
        assert_eq!(children[1], [&[0][..], &[0, 1]]);
        Ok(())
    }
}
