//! Generalization hierarchies of quasi-identifiers, in ARX's layout: one row per original
//! value, the value first (level 0), then its generalization at level 1, 2, … up to the most
//! general level, typically `*`.
//!
//! A [`Hierarchy`] is loaded from ARX's CSV format ([`Hierarchy::from_csv`]) or built
//! ([`Hierarchy::intervals`], [`Hierarchy::dates`], [`Hierarchy::masking`],
//! [`Hierarchy::groups`]), and checked when it is made: every row as long as the others, no
//! value twice, and each group with exactly one parent group one level up. Against a column
//! it is encoded once ([`Hierarchy::encode`]) into an [`EncodedHierarchy`], after which
//! generalizing a cell to any level is one array lookup.

mod builders;
pub(crate) mod csv;
mod encoded;

pub use builders::Group;
pub use encoded::EncodedHierarchy;

use std::fmt;

use hashbrown::HashMap;

use crate::Error;

/// The label ARX puts at the top of its hierarchies and on suppressed records.
pub const SUPPRESSED: &str = "*";

/// How many values an error message names at most.
const MAX_EXAMPLES: usize = 5;

/// A checked generalization hierarchy for one column.
///
/// `Debug` output shows only the shape (rows and levels), never the values.
#[derive(Clone, PartialEq, Eq)]
pub struct Hierarchy {
    rows: Vec<Vec<String>>,
    row_of_value: HashMap<String, usize>,
}

impl Hierarchy {
    /// Checks and keeps `rows`, each an original value followed by its generalizations from
    /// the most specific to the most general.
    ///
    /// Fails with [`Error::HierarchyTooSmall`] without rows or with rows of one level,
    /// [`Error::HierarchyRagged`] when rows differ in length,
    /// [`Error::HierarchyDuplicateValue`] when two rows start with the same value and
    /// [`Error::HierarchyInconsistent`] when a group at some level has two different parents
    /// at the next level.
    pub fn new(rows: Vec<Vec<String>>) -> Result<Self, Error> {
        let n_levels = rows.first().map_or(0, Vec::len);
        if n_levels < 2 {
            return Err(Error::HierarchyTooSmall);
        }
        let mut row_of_value = HashMap::with_capacity(rows.len());
        for (idx, row) in rows.iter().enumerate() {
            if row.len() != n_levels {
                return Err(Error::HierarchyRagged {
                    row: idx + 1,
                    expected_levels: n_levels,
                    found_levels: row.len(),
                });
            }
            if let Some(first_idx) = row_of_value.insert(row[0].clone(), idx) {
                return Err(Error::HierarchyDuplicateValue {
                    first_row: first_idx + 1,
                    row: idx + 1,
                });
            }
        }
        for level in 1..n_levels - 1 {
            let mut parent_of: HashMap<&str, (usize, &str)> = HashMap::new();
            for (idx, row) in rows.iter().enumerate() {
                let (first_idx, parent) = *parent_of
                    .entry(row[level].as_str())
                    .or_insert((idx, row[level + 1].as_str()));
                if parent != row[level + 1] {
                    return Err(Error::HierarchyInconsistent {
                        level,
                        parent_level: level + 1,
                        first_row: first_idx + 1,
                        row: idx + 1,
                    });
                }
            }
        }
        Ok(Self { rows, row_of_value })
    }

    /// Reads a hierarchy in ARX's CSV format: one row per value, fields separated by
    /// `delimiter` (ARX uses `;`), no header line, LF or CRLF line endings, fields optionally
    /// in double quotes (`""` for a quote inside). Empty lines are skipped.
    ///
    /// Fails with [`Error::HierarchyUnreadable`] on text that is not UTF-8 or has an
    /// unclosed quote, and with the errors of [`Hierarchy::new`].
    pub fn from_csv(bytes: &[u8], delimiter: u8) -> Result<Self, Error> {
        Self::new(csv::parse(bytes, delimiter)?)
    }

    /// Writes the hierarchy in ARX's CSV format, one line per row ending in LF; a field is
    /// quoted when it holds the delimiter, a quote or a line break.
    pub fn to_csv(&self, delimiter: u8) -> String {
        csv::write(&self.rows, delimiter)
    }

    /// The number of levels, the original values' level 0 included.
    pub fn n_levels(&self) -> usize {
        self.rows[0].len()
    }

    /// The most general level: `n_levels() - 1`.
    pub fn max_level(&self) -> usize {
        self.n_levels() - 1
    }

    /// The rows: each an original value followed by its generalizations.
    pub fn rows(&self) -> &[Vec<String>] {
        &self.rows
    }

    /// `value` generalized to `level`, or `None` when the hierarchy has no row for `value`
    /// or no such level.
    pub fn generalize(&self, value: &str, level: usize) -> Option<&str> {
        let row = *self.row_of_value.get(value)?;
        self.rows[row].get(level).map(String::as_str)
    }

    /// The row describing `value`, if any.
    fn row_of(&self, value: &str) -> Option<&[String]> {
        self.row_of_value
            .get(value)
            .map(|&row| self.rows[row].as_slice())
    }
}

impl fmt::Debug for Hierarchy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hierarchy")
            .field("rows", &self.rows.len())
            .field("levels", &self.n_levels())
            .finish()
    }
}

/// Up to [`MAX_EXAMPLES`] of `values`, for an error message.
fn examples<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    values
        .into_iter()
        .take(MAX_EXAMPLES)
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &[&[&str]]) -> Vec<Vec<String>> {
        text.iter()
            .map(|row| row.iter().map(|cell| (*cell).to_owned()).collect())
            .collect()
    }

    #[test]
    fn checks_shape_duplicates_and_parents() {
        assert_eq!(Hierarchy::new(Vec::new()), Err(Error::HierarchyTooSmall));
        assert_eq!(
            Hierarchy::new(rows(&[&["a"]])),
            Err(Error::HierarchyTooSmall)
        );
        assert_eq!(
            Hierarchy::new(rows(&[&["a", "*"], &["b", "x", "*"]])),
            Err(Error::HierarchyRagged {
                row: 2,
                expected_levels: 2,
                found_levels: 3
            })
        );
        assert_eq!(
            Hierarchy::new(rows(&[&["a", "*"], &["b", "*"], &["a", "*"]])),
            Err(Error::HierarchyDuplicateValue {
                first_row: 1,
                row: 3
            })
        );
        let inconsistent = rows(&[&["1", "1-2", "*"], &["2", "1-2", "low"]]);
        assert_eq!(
            Hierarchy::new(inconsistent),
            Err(Error::HierarchyInconsistent {
                level: 1,
                parent_level: 2,
                first_row: 1,
                row: 2
            })
        );
    }

    #[test]
    fn generalizes_and_hides_values_in_debug() -> Result<(), Error> {
        let hierarchy =
            Hierarchy::new(rows(&[&["02139", "0213*", "*"], &["02140", "0214*", "*"]]))?;
        assert_eq!(hierarchy.n_levels(), 3);
        assert_eq!(hierarchy.max_level(), 2);
        assert_eq!(hierarchy.generalize("02140", 1), Some("0214*"));
        assert_eq!(hierarchy.generalize("02140", 3), None);
        assert_eq!(hierarchy.generalize("99999", 0), None);
        assert_eq!(hierarchy.rows().len(), 2);
        let debug = format!("{hierarchy:?}");
        assert_eq!(debug, "Hierarchy { rows: 2, levels: 3 }");
        Ok(())
    }
}
