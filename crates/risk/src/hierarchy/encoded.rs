//! A hierarchy encoded against one dictionary-encoded column: for every level, the
//! generalized code of each of the column's codes, so generalizing a cell is a lookup.

use std::fmt;

use hashbrown::HashMap;
use table::Column;

use super::{examples, Hierarchy};
use crate::Error;

/// A [`Hierarchy`] applied to one column's dictionary.
///
/// At level 0 the codes and labels are the column's own. At level `i ≥ 1` the labels are
/// the distinct level-`i` generalizations of the values that occur in the column, numbered
/// in the order their first value occurs in the column's dictionary, and
/// `level_codes(i)[code]` is the label of the column's value `code`. Dictionary entries no
/// cell refers to are mapped to label 0.
///
/// `Debug` output shows only the shape, never the column's name or values.
#[derive(Clone, PartialEq)]
pub struct EncodedHierarchy {
    column: String,
    codes: Vec<Vec<u32>>,
    labels: Vec<Vec<String>>,
    /// For each level and label: how many rows of the hierarchy (all of them, also those of
    /// values absent from the column) generalize to that label.
    group_rows: Vec<Vec<u64>>,
    hierarchy_rows: usize,
}

impl Hierarchy {
    /// Encodes the hierarchy against `column`, checking that it covers every value that
    /// occurs in the column.
    ///
    /// Fails with [`Error::QiHierarchyMissesValues`], naming up to five missing values.
    pub fn encode(&self, column: &Column) -> Result<EncodedHierarchy, Error> {
        let dictionary = column.dictionary();
        let mut used = vec![false; dictionary.len()];
        for &code in column.codes() {
            if let Some(slot) = used.get_mut(code as usize) {
                *slot = true;
            }
        }
        let mut rows: Vec<Option<&[String]>> = Vec::with_capacity(dictionary.len());
        let mut missing = Vec::new();
        for (value, &used) in dictionary.iter().zip(&used) {
            let row = if used { self.row_of(value) } else { None };
            if used && row.is_none() {
                missing.push(value.as_str());
            }
            rows.push(row);
        }
        if !missing.is_empty() {
            return Err(Error::QiHierarchyMissesValues {
                column: column.name().to_owned(),
                n_missing: missing.len(),
                examples: examples(missing),
            });
        }
        let n_levels = self.n_levels();
        let mut codes = vec![(0..dictionary.len() as u32).collect::<Vec<u32>>()];
        let mut labels = vec![dictionary.to_vec()];
        for level in 1..n_levels {
            let mut code_of: HashMap<&str, u32> = HashMap::new();
            let mut level_labels = Vec::new();
            let level_codes = rows
                .iter()
                .map(|row| {
                    row.map_or(0, |row| {
                        let label = row[level].as_str();
                        *code_of.entry(label).or_insert_with(|| {
                            level_labels.push(label.to_owned());
                            (level_labels.len() - 1) as u32
                        })
                    })
                })
                .collect();
            codes.push(level_codes);
            labels.push(level_labels);
        }
        let group_rows = labels
            .iter()
            .enumerate()
            .map(|(level, level_labels)| {
                let mut n_rows: HashMap<&str, u64> = HashMap::new();
                for row in self.rows() {
                    *n_rows.entry(row[level].as_str()).or_default() += 1;
                }
                level_labels
                    .iter()
                    .map(|label| n_rows.get(label.as_str()).copied().unwrap_or(0))
                    .collect()
            })
            .collect();
        Ok(EncodedHierarchy {
            column: column.name().to_owned(),
            codes,
            labels,
            group_rows,
            hierarchy_rows: self.rows().len(),
        })
    }
}

impl EncodedHierarchy {
    /// The name of the column it was encoded for.
    pub fn column(&self) -> &str {
        &self.column
    }

    /// The number of levels, level 0 included.
    pub fn n_levels(&self) -> usize {
        self.codes.len()
    }

    /// The most general level.
    pub fn max_level(&self) -> usize {
        self.codes.len() - 1
    }

    /// For each code of the column's dictionary, its generalized code at `level`; `None`
    /// past the most general level.
    pub fn level_codes(&self, level: usize) -> Option<&[u32]> {
        self.codes.get(level).map(Vec::as_slice)
    }

    /// The labels of the generalized codes at `level`; `None` past the most general level.
    pub fn level_labels(&self, level: usize) -> Option<&[String]> {
        self.labels.get(level).map(Vec::as_slice)
    }

    /// `column` (the one this was encoded for) with every cell generalized to `level`.
    ///
    /// Fails with [`Error::InvalidLevel`] past the most general level and with
    /// [`Error::TransformedTable`] when `column` has a different dictionary.
    pub fn generalize_column(&self, column: &Column, level: usize) -> Result<Column, Error> {
        let (Some(level_codes), Some(level_labels)) =
            (self.level_codes(level), self.level_labels(level))
        else {
            return Err(Error::InvalidLevel {
                column: self.column.clone(),
                level,
                max_level: self.max_level(),
            });
        };
        if column.dictionary().len() != level_codes.len() {
            return Err(Error::TransformedTable {
                detail: format!(
                    "column '{}' is not the one its hierarchy was encoded for",
                    column.name()
                ),
            });
        }
        let codes = column
            .codes()
            .iter()
            .map(|&code| level_codes[code as usize])
            .collect();
        Column::from_parts(column.name().to_owned(), level_labels.to_vec(), codes).map_err(
            |error| Error::TransformedTable {
                detail: error.to_string(),
            },
        )
    }

    /// How many rows of the hierarchy generalize to each label of `level`: ARX's domain share
    /// of a label is this over [`Self::hierarchy_rows`].
    pub(crate) fn group_rows(&self, level: usize) -> &[u64] {
        &self.group_rows[level]
    }

    /// The number of rows of the hierarchy, values absent from the column included.
    pub(crate) fn hierarchy_rows(&self) -> usize {
        self.hierarchy_rows
    }
}

impl fmt::Debug for EncodedHierarchy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EncodedHierarchy")
            .field("levels", &self.n_levels())
            .field(
                "labels_per_level",
                &self.labels.iter().map(Vec::len).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hierarchy() -> Result<Hierarchy, Error> {
        Hierarchy::from_csv(b"30;30-39;*\n35;30-39;*\n41;40-49;*\n99;90-99;*\n", b';')
    }

    fn column(values: &[&str]) -> Column {
        let mut column = Column::new("age");
        for value in values {
            column.push(value);
        }
        column
    }

    #[test]
    fn codes_and_labels_per_level() -> Result<(), Error> {
        let ages = column(&["41", "30", "35", "41"]);
        let encoded = hierarchy()?.encode(&ages)?;
        assert_eq!(encoded.column(), "age");
        assert_eq!(encoded.n_levels(), 3);
        assert_eq!(encoded.level_codes(0), Some(&[0, 1, 2][..]));
        assert_eq!(encoded.level_codes(1), Some(&[0, 1, 1][..]));
        assert_eq!(
            encoded.level_labels(1),
            Some(&["40-49".to_owned(), "30-39".to_owned()][..])
        );
        assert_eq!(encoded.level_codes(2), Some(&[0, 0, 0][..]));
        assert_eq!(encoded.level_codes(3), None);
        // Domain shares count every hierarchy row, 99 included.
        assert_eq!(encoded.hierarchy_rows(), 4);
        assert_eq!(encoded.group_rows(1), [1, 2]);
        assert_eq!(encoded.group_rows(2), [4]);
        let generalized = encoded.generalize_column(&ages, 1)?;
        assert_eq!(generalized.get(0), Some("40-49"));
        assert_eq!(generalized.get(2), Some("30-39"));
        assert_eq!(
            encoded.generalize_column(&ages, 3).err(),
            Some(Error::InvalidLevel {
                column: "age".to_owned(),
                level: 3,
                max_level: 2
            })
        );
        assert!(matches!(
            encoded.generalize_column(&column(&["1"]), 1),
            Err(Error::TransformedTable { .. })
        ));
        assert!(!format!("{encoded:?}").contains("30"));
        Ok(())
    }

    #[test]
    fn missing_values_are_counted_and_named() -> Result<(), Error> {
        let ages = column(&["30", "17", "18", "30", "19", "20", "21", "22"]);
        let error = hierarchy()?.encode(&ages).err();
        assert_eq!(
            error,
            Some(Error::QiHierarchyMissesValues {
                column: "age".to_owned(),
                n_missing: 6,
                examples: ["17", "18", "19", "20", "21"].map(str::to_owned).to_vec(),
            })
        );
        assert_eq!(
            error.map(|error| error.to_string()).as_deref(),
            Some(
                "the hierarchy for column 'age' does not cover 6 of the values that occur in \
                 it (for example: 17, 18, 19, 20, 21); add a row for every value"
            )
        );
        Ok(())
    }
}
