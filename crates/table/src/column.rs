//! [`Column`]: one dictionary-encoded column of text cells.
//!
//! Each distinct value is stored once, in the dictionary, in the order it
//! was first seen; each cell is a `u32` code into that dictionary. A hash
//! table of codes finds a value's code without storing the value twice.

use std::fmt;
use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use crate::Error;

/// One dictionary-encoded string column.
///
/// `Debug` output shows only the shape (rows and distinct values), never the
/// name or the values, so a column can be logged without leaking data.
/// Two columns are equal when they have the same name and the same cell
/// values in the same order, however their dictionaries are arranged.
#[derive(Clone)]
pub struct Column {
    name: String,
    dictionary: Vec<String>,
    codes: Vec<u32>,
    index: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl Column {
    /// Creates an empty column called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            dictionary: Vec::new(),
            codes: Vec::new(),
            index: HashTable::new(),
            hasher: DefaultHashBuilder::default(),
        }
    }

    /// Rebuilds a column from its stored parts.
    ///
    /// Fails with [`Error::CorruptColumn`] when a code is not an index into
    /// `dictionary`, when `dictionary` holds the same value twice, or when it
    /// has more entries than a `u32` code can number. Dictionary entries that
    /// no code refers to are allowed.
    pub fn from_parts(
        name: String,
        dictionary: Vec<String>,
        codes: Vec<u32>,
    ) -> Result<Self, Error> {
        let mut column = Self::new(name);
        column.index.reserve(dictionary.len(), |_| 0);
        for (position, value) in dictionary.iter().enumerate() {
            let Ok(code) = u32::try_from(position) else {
                return Err(Error::CorruptColumn {
                    detail: format!(
                        "the dictionary has {} entries, more than its codes can number",
                        dictionary.len()
                    ),
                });
            };
            let hash = column.hasher.hash_one(value.as_str());
            if let Some(&earlier) = column.find(hash, value) {
                return Err(Error::CorruptColumn {
                    detail: format!(
                        "dictionary entries {} and {} hold the same value",
                        u64::from(earlier) + 1,
                        position + 1
                    ),
                });
            }
            column.insert(hash, code, value.clone());
        }
        if let Some((row, &code)) = codes
            .iter()
            .enumerate()
            .find(|&(_, &code)| code as usize >= column.dictionary.len())
        {
            return Err(Error::CorruptColumn {
                detail: format!(
                    "row {} refers to dictionary entry {} but the dictionary has only {} entries",
                    row + 1,
                    u64::from(code) + 1,
                    column.dictionary.len()
                ),
            });
        }
        column.codes = codes;
        Ok(column)
    }

    /// The column's name, as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Appends one cell, reusing the dictionary entry when the value was seen before.
    ///
    /// # Panics
    ///
    /// Panics when the value is new and the column already holds 2^32
    /// distinct values; that many values would need hundreds of gigabytes of
    /// memory. [`crate::Table::push_row`] and the CSV reader report this case
    /// as [`Error::TooManyDistinctValues`] instead.
    pub fn push(&mut self, value: &str) {
        assert!(
            self.try_push(value).is_some(),
            "a column can hold at most 2^32 distinct values"
        );
    }

    /// The number of cells.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the column has no cells.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The cell in row `row` (counted from 0), or `None` past the end.
    pub fn get(&self, row: usize) -> Option<&str> {
        let code = *self.codes.get(row)?;
        self.dictionary.get(code as usize).map(String::as_str)
    }

    /// The distinct values, in the order they were first seen.
    pub fn dictionary(&self) -> &[String] {
        &self.dictionary
    }

    /// One code per cell: the cell's index into [`Column::dictionary`].
    pub fn codes(&self) -> &[u32] {
        &self.codes
    }

    /// Appends one cell; `None` (and nothing appended) when the value is new
    /// and the dictionary is full.
    pub(crate) fn try_push(&mut self, value: &str) -> Option<()> {
        let code = self.intern(value)?;
        self.codes.push(code);
        Some(())
    }

    /// Whether [`Column::try_push`] would succeed for `value`.
    pub(crate) fn can_push(&self, value: &str) -> bool {
        self.has_room_for(1) || self.find(self.hasher.hash_one(value), value).is_some()
    }

    /// Whether `new_values` more distinct values are sure to fit.
    pub(crate) fn has_room_for(&self, new_values: usize) -> bool {
        let total = (self.dictionary.len() as u64).saturating_add(new_values as u64);
        total <= u64::from(u32::MAX) + 1
    }

    /// Appends all of `other`'s cells, re-encoding them into this column's
    /// dictionary. New values enter the dictionary in the order they occur in
    /// `other`'s rows. `None` (and no cell appended) when the dictionary
    /// fills up; callers check [`Column::has_room_for`] first.
    pub(crate) fn append_from(&mut self, other: &Column) -> Option<()> {
        let old_len = self.codes.len();
        let mut remap: Vec<Option<u32>> = vec![None; other.dictionary.len()];
        self.codes.reserve(other.codes.len());
        for &code in &other.codes {
            let mapped = match remap.get(code as usize).copied().flatten() {
                Some(mapped) => mapped,
                None => match self.remap_one(other, code, &mut remap) {
                    Some(mapped) => mapped,
                    None => {
                        self.codes.truncate(old_len);
                        return None;
                    }
                },
            };
            self.codes.push(mapped);
        }
        Some(())
    }

    fn remap_one(&mut self, other: &Column, code: u32, remap: &mut [Option<u32>]) -> Option<u32> {
        let value = other.dictionary.get(code as usize)?;
        let mapped = self.intern(value)?;
        *remap.get_mut(code as usize)? = Some(mapped);
        Some(mapped)
    }

    /// The code of `value`, adding it to the dictionary if it is new; `None`
    /// when it is new and the dictionary is full.
    fn intern(&mut self, value: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(value);
        if let Some(&code) = self.find(hash, value) {
            return Some(code);
        }
        let code = u32::try_from(self.dictionary.len()).ok()?;
        self.insert(hash, code, value.to_owned());
        Some(code)
    }

    fn find(&self, hash: u64, value: &str) -> Option<&u32> {
        let dictionary = &self.dictionary;
        self.index.find(hash, |&code| {
            dictionary
                .get(code as usize)
                .is_some_and(|entry| entry == value)
        })
    }

    /// Adds `value` as dictionary entry `code`, which must equal the
    /// dictionary's current length.
    fn insert(&mut self, hash: u64, code: u32, value: String) {
        self.dictionary.push(value);
        let dictionary = &self.dictionary;
        let hasher = &self.hasher;
        self.index.insert_unique(hash, code, |&code| {
            dictionary
                .get(code as usize)
                .map_or(0, |entry| hasher.hash_one(entry.as_str()))
        });
    }
}

impl fmt::Debug for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Column")
            .field("rows", &self.codes.len())
            .field("distinct_values", &self.dictionary.len())
            .finish_non_exhaustive()
    }
}

impl PartialEq for Column {
    fn eq(&self, other: &Self) -> bool {
        if self.name != other.name || self.codes.len() != other.codes.len() {
            return false;
        }
        if self.dictionary == other.dictionary {
            return self.codes == other.codes;
        }
        (0..self.codes.len()).all(|row| self.get(row) == other.get(row))
    }
}

impl Eq for Column {}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(values: &[&str]) -> Column {
        let mut column = Column::new("c");
        for value in values {
            column.push(value);
        }
        column
    }

    #[test]
    fn push_reuses_dictionary_entries_in_first_seen_order() {
        let column = column(&["b", "a", "b", "", "a"]);
        assert_eq!(column.dictionary(), ["b", "a", ""]);
        assert_eq!(column.codes(), [0, 1, 0, 2, 1]);
        assert_eq!(column.len(), 5);
        assert!(!column.is_empty());
        assert_eq!(column.get(3), Some(""));
        assert_eq!(column.get(5), None);
        assert_eq!(column.name(), "c");
    }

    #[test]
    fn new_column_is_empty() {
        let column = Column::new(String::from("x"));
        assert!(column.is_empty());
        assert_eq!(column.get(0), None);
    }

    #[test]
    fn from_parts_round_trips() {
        let original = column(&["x", "y", "x", "z"]);
        let rebuilt = Column::from_parts(
            "c".to_owned(),
            original.dictionary().to_vec(),
            original.codes().to_vec(),
        )
        .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(rebuilt, original);
        let mut rebuilt = rebuilt;
        rebuilt.push("y");
        assert_eq!(rebuilt.codes(), [0, 1, 0, 2, 1]);
    }

    #[test]
    fn from_parts_rejects_out_of_range_codes() {
        let result = Column::from_parts("c".to_owned(), vec!["secret".to_owned()], vec![0, 1]);
        let Err(error @ Error::CorruptColumn { .. }) = result else {
            panic!("expected CorruptColumn, got {result:?}");
        };
        let message = error.to_string();
        assert!(message.contains("row 2"), "{message}");
        assert!(!message.contains("secret"), "{message}");
    }

    #[test]
    fn from_parts_rejects_duplicate_dictionary_entries() {
        let dictionary = vec!["a".to_owned(), "b".to_owned(), "a".to_owned()];
        let result = Column::from_parts("c".to_owned(), dictionary, vec![0]);
        let Err(error @ Error::CorruptColumn { .. }) = result else {
            panic!("expected CorruptColumn, got {result:?}");
        };
        assert!(error.to_string().contains("entries 1 and 3"), "{error}");
    }

    #[test]
    fn from_parts_allows_unused_entries_and_no_rows() {
        let result = Column::from_parts("c".to_owned(), vec!["a".to_owned()], Vec::new());
        assert!(result.is_ok_and(|column| column.is_empty()));
    }

    #[test]
    fn append_from_re_encodes_in_first_seen_order() {
        let mut left = column(&["a", "b"]);
        let right = Column::from_parts(
            "c".to_owned(),
            vec!["unused".to_owned(), "c".to_owned(), "a".to_owned()],
            vec![1, 2, 1],
        )
        .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(left.append_from(&right), Some(()));
        assert_eq!(left.dictionary(), ["a", "b", "c"]);
        assert_eq!(left.codes(), [0, 1, 2, 0, 2]);
        assert_eq!(left, column(&["a", "b", "c", "a", "c"]));
    }

    #[test]
    fn equality_ignores_dictionary_order_but_not_names() {
        let left = column(&["a", "b", "a"]);
        let right = Column::from_parts(
            "c".to_owned(),
            vec!["b".to_owned(), "a".to_owned()],
            vec![1, 0, 1],
        )
        .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(left, right);
        assert_ne!(left, column(&["a", "b", "b"]));
        let mut renamed = Column::new("d");
        for value in ["a", "b", "a"] {
            renamed.push(value);
        }
        assert_ne!(left, renamed);
    }

    #[test]
    fn debug_output_hides_name_and_values() {
        let mut column = Column::new("patient_name");
        column.push("Jane Doe");
        let debug = format!("{column:?}");
        assert!(!debug.contains("Jane"), "{debug}");
        assert!(!debug.contains("patient"), "{debug}");
        assert!(debug.contains("rows: 1"), "{debug}");
    }

    #[test]
    fn room_and_push_checks() {
        let column = column(&["a"]);
        assert!(column.has_room_for(1));
        assert!(!column.has_room_for(usize::MAX));
        assert!(column.can_push("a"));
        assert!(column.can_push("new"));
    }
}
