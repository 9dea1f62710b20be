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
        let row_of_value: HashMap<&str, usize> = hierarchy
            .rows
            .iter()
            .enumerate()
            .map(|(row, levels)| (levels[0].as_str(), row))
            .collect();
        // ARX numbers the leaves: the column's values first, then the hierarchy's other rows.
        let mut row_order = Vec::with_capacity(hierarchy.rows.len());
        let mut is_placed = vec![false; hierarchy.rows.len()];
        let mut leaf_of_code = vec![0u32; self.dictionary.len()];
        let mut n_missing = 0;
        for (code, value) in self.dictionary.iter().enumerate() {
            if self.global_counts[code] == 0 {
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
                column: self.column().to_owned(),
                n_missing,
            });
        }
        row_order.extend((0..hierarchy.rows.len()).filter(|&row| !is_placed[row]));
        let mut global_of_leaf = vec![0i128; row_order.len()];
        for (code, &leaf) in leaf_of_code.iter().enumerate() {
            global_of_leaf[leaf as usize] += i128::from(self.global_counts[code]);
        }
        let levels = hierarchy.inner_levels(&row_order);
        let height = levels.len() as f64;
        let n_total = i128::from(self.n_total);
        let mut surplus: Vec<i128> = Vec::with_capacity(row_order.len());
        let mut surplus_above: Vec<i128> = Vec::new();
        let mut max_distance = 0.0f64;
        for (values, counts) in self.classes() {
            let n_class = counts.iter().map(|&n| i128::from(n)).sum::<i128>();
            surplus.clear();
            surplus.extend(global_of_leaf.iter().map(|&global| global * n_class));
            for (&value, &count) in values.iter().zip(counts) {
                surplus[leaf_of_code[value as usize] as usize] -= i128::from(count) * n_total;
            }
            let mut cost = 0.0;
            for (level, children) in (1u32..).zip(&levels) {
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
                std::mem::swap(&mut surplus, &mut surplus_above);
            }
            max_distance = max_distance.max(cost / (self.n_total as f64 * n_class as f64));
        }
        Ok(max_distance)
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
