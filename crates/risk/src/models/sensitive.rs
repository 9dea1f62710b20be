//! Each class's distribution of a sensitive attribute, and the l-diversity and equal-distance
//! t-closeness figures over it (ARX's `DistinctLDiversity`, `EntropyLDiversity`,
//! `RecursiveCLDiversity`, `EqualDistanceTCloseness`).

use std::fmt;

use table::Table;

use crate::classes::{column_index, Buckets, EquivalenceClasses};
use crate::Error;

/// The sensitive values of every equivalence class, counted.
///
/// Without a person id each row counts once. With one, each person counts each of their
/// distinct sensitive values once: a person with rows `A, A, B` adds one `A` and one `B` to
/// their class. A class's distribution is then over these counts, and so is the whole
/// table's (the reference distribution of t-closeness).
///
/// `Debug` output shows only the shape, never the column's name or values.
#[derive(Clone, PartialEq, Eq)]
pub struct SensitiveDistributions {
    column: String,
    /// Class `c`'s values and counts are at `class_offsets[c]..class_offsets[c + 1]`.
    class_offsets: Vec<usize>,
    /// Sensitive codes, ascending within each class. For a table read from a file, codes
    /// number the values in the order they first occur, as ARX numbers them.
    values: Vec<u32>,
    /// How often each of `values` occurs in its class.
    counts: Vec<u32>,
    /// How often each code of the column's dictionary occurs in the whole table.
    pub(super) global_counts: Vec<u64>,
    /// The sum of `global_counts`.
    pub(super) n_total: u64,
    /// The column's dictionary, to place values in a hierarchy.
    pub(super) dictionary: Vec<String>,
}

impl SensitiveDistributions {
    /// Counts the values of the column called `sensitive` in each of `classes`, which must
    /// have been built from `table`.
    ///
    /// Fails with [`Error::UnknownColumn`], [`Error::SensitiveIsQi`],
    /// [`Error::SensitiveIsPersonId`] or [`Error::TableMismatch`].
    pub fn new(
        table: &Table,
        classes: &EquivalenceClasses,
        sensitive: &str,
    ) -> Result<Self, Error> {
        let column = column_index(table, sensitive)?;
        if classes.qi_columns().contains(&column) {
            return Err(Error::SensitiveIsQi {
                name: sensitive.to_owned(),
            });
        }
        if classes.person_column() == Some(column) {
            return Err(Error::SensitiveIsPersonId {
                name: sensitive.to_owned(),
            });
        }
        if table.n_rows() != classes.n_rows() {
            return Err(Error::TableMismatch {
                classes_rows: classes.n_rows(),
                table_rows: table.n_rows(),
            });
        }
        let column = &table.columns()[column];
        let codes = column.codes();
        let class_of_person = classes.class_of_person();
        let by_class = match classes.person_of_row() {
            None => Buckets::sorted(classes.n_classes(), || {
                class_of_person.iter().copied().zip(codes.iter().copied())
            }),
            Some(person_of_row) => {
                let mut by_person = Buckets::sorted(classes.n_persons(), || {
                    person_of_row.iter().copied().zip(codes.iter().copied())
                });
                by_person.dedup();
                Buckets::sorted(classes.n_classes(), || {
                    by_person
                        .iter()
                        .zip(class_of_person)
                        .flat_map(|(values, &class)| values.iter().map(move |&v| (class, v)))
                })
            }
        };
        let mut distributions = Self {
            column: sensitive.to_owned(),
            class_offsets: Vec::with_capacity(by_class.n_buckets() + 1),
            values: Vec::new(),
            counts: Vec::new(),
            global_counts: vec![0; column.dictionary().len()],
            n_total: 0,
            dictionary: column.dictionary().to_vec(),
        };
        distributions.class_offsets.push(0);
        for sorted in by_class.iter() {
            for run in sorted.chunk_by(|a, b| a == b) {
                distributions.values.push(run[0]);
                distributions.counts.push(run.len() as u32);
                distributions.global_counts[run[0] as usize] += run.len() as u64;
                distributions.n_total += run.len() as u64;
            }
            distributions.class_offsets.push(distributions.values.len());
        }
        Ok(distributions)
    }

    /// The sensitive column's name.
    pub fn column(&self) -> &str {
        &self.column
    }

    /// Each class's sensitive codes (ascending) and how often each occurs, in class order.
    pub(super) fn classes(&self) -> impl Iterator<Item = (&[u32], &[u32])> + '_ {
        self.class_offsets.windows(2).map(|range| {
            (
                &self.values[range[0]..range[1]],
                &self.counts[range[0]..range[1]],
            )
        })
    }

    /// The least number of distinct sensitive values in a class: the largest l for which
    /// distinct l-diversity holds.
    pub fn l_distinct_min(&self) -> usize {
        self.classes()
            .map(|(values, _)| values.len())
            .min()
            .unwrap_or(0)
    }

    /// The largest l for which entropy l-diversity holds: the least `exp(H)` over the
    /// classes, `H = -Σ p ln p` the Shannon entropy (natural logarithm) of the class's
    /// sensitive distribution.
    ///
    /// `exp(H)` is rounded to the double at which ARX's `EntropyLDiversity` check changes
    /// its answer, so that entropy l-diversity with exactly this l holds in ARX and with
    /// the next larger double does not.
    pub fn l_entropy_min(&self) -> f64 {
        self.classes()
            .map(|(_, counts)| entropy_l(counts))
            .fold(f64::INFINITY, f64::min)
    }

    /// The greatest equal-distance earth mover's distance `½ Σ |p - q|` between a class's
    /// sensitive distribution `p` and the whole table's `q`: the least t for which
    /// t-closeness with equal ground distance holds.
    ///
    /// Each class's distance is computed with the floating-point formula of ARX's
    /// `EqualDistanceTCloseness`, `½ (1 + Σ_{i in class} (|q_i - p_i| - q_i))`, over the
    /// class's values in dictionary order (for a table read from a file, the order in which
    /// the values first occur, as in ARX), so that t-closeness with exactly this t holds in
    /// ARX and with the next smaller double does not.
    pub fn t_closeness_max(&self) -> f64 {
        let shares = global_shares(&self.global_counts);
        self.classes()
            .map(|(values, counts)| equal_distance(&shares, values, counts))
            .fold(0.0, f64::max)
    }

    /// Whether every class is recursive (c,l)-diverse as ARX defines it: with `r_1 ≥ r_2 ≥ …
    /// ≥ r_m` the class's value counts, `m ≥ l` and `r_1 < c (r_l + r_(l+1) + … + r_m)`.
    ///
    /// Fails with [`Error::InvalidRecursiveDiversity`] unless `c > 0` and `l ≥ 1`.
    pub fn is_recursive_cl_diverse(&self, c: f64, l: usize) -> Result<bool, Error> {
        if !(c > 0.0 && c.is_finite()) || l == 0 {
            return Err(Error::InvalidRecursiveDiversity { c, l });
        }
        let mut descending: Vec<u32> = Vec::new();
        Ok(self.classes().all(|(_, counts)| {
            if counts.len() < l {
                return false;
            }
            descending.clear();
            descending.extend_from_slice(counts);
            descending.sort_unstable_by(|a, b| b.cmp(a));
            let tail: u64 = descending[l - 1..].iter().map(|&n| u64::from(n)).sum();
            f64::from(descending[0]) < c * tail as f64
        }))
    }
}

impl fmt::Debug for SensitiveDistributions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SensitiveDistributions")
            .field("classes", &(self.class_offsets.len() - 1))
            .field("distinct_values", &self.dictionary.len())
            .finish_non_exhaustive()
    }
}

/// Each code's share of the whole table, `count / total` as ARX's
/// `DataManager.getDistribution` divides.
pub(crate) fn global_shares(global_counts: &[u64]) -> Vec<f64> {
    let total = global_counts.iter().sum::<u64>() as f64;
    global_counts
        .iter()
        .map(|&count| count as f64 / total)
        .collect()
}

/// ARX's `EqualDistanceTCloseness` distance of a class whose sensitive codes `values` occur
/// `counts` times from the table's `shares`: `½ (1 + Σ (|q_i − p_i| − q_i))` over the class's
/// values in code order.
pub(crate) fn equal_distance(shares: &[f64], values: &[u32], counts: &[u32]) -> f64 {
    let n_class = counts.iter().map(|&n| u64::from(n)).sum::<u64>() as f64;
    let mut distance = 1.0;
    for (&value, &count) in values.iter().zip(counts) {
        let share = shares[value as usize];
        distance += (share - f64::from(count) / n_class).abs() - share;
    }
    distance / 2.0
}

/// The largest double l, at most the number of distinct values, for which ARX's entropy
/// l-diversity check `n (ln n - ln l) ≥ Σ c ln c` holds for a class with value counts
/// `counts` (`n` their sum), evaluated in the same floating-point operations as ARX.
///
/// Mathematically the boundary is `exp(ln n - Σ c ln c / n) = exp(H)`; the search starts
/// there and moves by single units in the last place, as the rounding of the check can put
/// the boundary a few units away.
fn entropy_l(counts: &[u32]) -> f64 {
    let n_class = counts.iter().map(|&n| u64::from(n)).sum::<u64>() as f64;
    let sum_c_ln_c: f64 = counts
        .iter()
        .map(|&count| f64::from(count) * f64::from(count).ln())
        .sum();
    let holds = |l: f64| n_class * (n_class.ln() - l.ln()) >= sum_c_ln_c;
    // ARX also requires at least ceil(l) distinct values, so l never exceeds their number.
    let l_max = counts.len() as f64;
    let mut l = (n_class.ln() - sum_c_ln_c / n_class)
        .exp()
        .clamp(1.0, l_max);
    if holds(l) {
        while l < l_max && holds(next_up(l)) {
            l = next_up(l);
        }
    } else {
        // The check holds at l = 1 (n ln n ≥ Σ c ln c), so this ends by 1.
        while l > 1.0 && !holds(l) {
            l = next_down(l);
        }
    }
    l
}

/// The next double above the positive finite `x`.
fn next_up(x: f64) -> f64 {
    f64::from_bits(x.to_bits() + 1)
}

/// The next double below the positive finite `x`.
fn next_down(x: f64) -> f64 {
    f64::from_bits(x.to_bits() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[[&str; 3]]) -> Table {
        let header = ["id", "zip", "diagnosis"].map(str::to_owned).to_vec();
        let mut table = Table::new(header);
        for row in rows {
            table
                .push_row(row)
                .unwrap_or_else(|error| panic!("{error}"));
        }
        table
    }

    #[test]
    fn balanced_class_of_two_has_entropy_l_two() -> Result<(), Error> {
        let table = table(&[["1", "a", "x"], ["2", "a", "y"]]);
        let classes = EquivalenceClasses::new(&table, &["zip"], None)?;
        let distributions = SensitiveDistributions::new(&table, &classes, "diagnosis")?;
        assert_eq!(distributions.l_entropy_min(), 2.0);
        assert_eq!(distributions.l_distinct_min(), 2);
        assert_eq!(distributions.t_closeness_max(), 0.0);
        assert_eq!(distributions.column(), "diagnosis");
        let debug = format!("{distributions:?}");
        assert!(
            !debug.contains('x') && !debug.contains("diagnosis"),
            "{debug}"
        );
        Ok(())
    }

    #[test]
    fn person_counts_each_distinct_value_once() -> Result<(), Error> {
        // Person 1 has x three times and y once; person 2 has x once.
        let table = table(&[
            ["1", "a", "x"],
            ["1", "a", "x"],
            ["1", "a", "y"],
            ["1", "a", "x"],
            ["2", "a", "x"],
        ]);
        let classes = EquivalenceClasses::new(&table, &["zip"], Some("id"))?;
        let distributions = SensitiveDistributions::new(&table, &classes, "diagnosis")?;
        let per_class: Vec<(&[u32], &[u32])> = distributions.classes().collect();
        assert_eq!(per_class, [(&[0, 1][..], &[2, 1][..])]);
        assert_eq!(distributions.n_total, 3);
        Ok(())
    }

    #[test]
    fn recursive_rejects_bad_parameters() -> Result<(), Error> {
        let table = table(&[["1", "a", "x"]]);
        let classes = EquivalenceClasses::new(&table, &["zip"], None)?;
        let distributions = SensitiveDistributions::new(&table, &classes, "diagnosis")?;
        for (c, l) in [(0.0, 1), (f64::NAN, 1), (1.0, 0), (f64::INFINITY, 2)] {
            let result = distributions.is_recursive_cl_diverse(c, l);
            assert!(
                matches!(result, Err(Error::InvalidRecursiveDiversity { .. })),
                "{result:?}"
            );
        }
        // One value: r1 = 1 is not below c * r1 for c = 1, but is for c = 2.
        assert_eq!(distributions.is_recursive_cl_diverse(1.0, 1), Ok(false));
        assert_eq!(distributions.is_recursive_cl_diverse(2.0, 1), Ok(true));
        assert_eq!(distributions.is_recursive_cl_diverse(2.0, 2), Ok(false));
        Ok(())
    }

    #[test]
    fn sensitive_column_role_conflicts() -> Result<(), Error> {
        let table = table(&[["1", "a", "x"]]);
        let classes = EquivalenceClasses::new(&table, &["zip"], Some("id"))?;
        assert_eq!(
            SensitiveDistributions::new(&table, &classes, "zip"),
            Err(Error::SensitiveIsQi {
                name: "zip".to_owned()
            })
        );
        assert_eq!(
            SensitiveDistributions::new(&table, &classes, "id"),
            Err(Error::SensitiveIsPersonId {
                name: "id".to_owned()
            })
        );
        let longer = self::table(&[["1", "a", "x"], ["2", "a", "x"]]);
        assert_eq!(
            SensitiveDistributions::new(&longer, &classes, "diagnosis"),
            Err(Error::TableMismatch {
                classes_rows: 1,
                table_rows: 2
            })
        );
        Ok(())
    }
}
