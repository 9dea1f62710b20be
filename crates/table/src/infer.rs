//! Column type inference: [`ColumnType`] and [`TypeInference`].
//!
//! A column gets the narrowest type that every non-empty value has:
//! integer, else decimal, else date, else text. The value shapes are
//! defined in `values.rs`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::values::{is_date, is_decimal, is_integer};
use crate::{Error, Table};

/// The type of a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnType {
    /// Whole numbers such as `-42`; never a value with a leading zero.
    Integer,
    /// Numbers with or without a fractional part, such as `12.50`.
    Decimal,
    /// Calendar dates written `YYYY-MM-DD` or `MM/DD/YYYY`.
    Date,
    /// Anything else.
    Text,
}

impl ColumnType {
    /// The lower-case name used in configuration files: `integer`,
    /// `decimal`, `date` or `text`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Integer => "integer",
            Self::Decimal => "decimal",
            Self::Date => "date",
            Self::Text => "text",
        }
    }
}

impl fmt::Display for ColumnType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ColumnType {
    type Err = Error;

    /// Parses the name given by [`ColumnType::as_str`]; fails with
    /// [`Error::UnknownColumnType`] for anything else.
    fn from_str(name: &str) -> Result<Self, Error> {
        [Self::Integer, Self::Decimal, Self::Date, Self::Text]
            .into_iter()
            .find(|column_type| column_type.as_str() == name)
            .ok_or(Error::UnknownColumnType)
    }
}

/// What one column's values allow so far.
#[derive(Debug, Clone, Copy)]
struct Candidates {
    seen_value: bool,
    integer: bool,
    decimal: bool,
    date: bool,
}

impl Candidates {
    const ALL: Self = Self {
        seen_value: false,
        integer: true,
        decimal: true,
        date: true,
    };

    fn is_text(&self) -> bool {
        self.seen_value && !self.integer && !self.decimal && !self.date
    }

    fn observe(&mut self, value: &str) {
        if value.is_empty() {
            return;
        }
        self.seen_value = true;
        self.integer = self.integer && is_integer(value);
        self.decimal = self.decimal && is_decimal(value);
        self.date = self.date && is_date(value);
    }

    fn column_type(&self) -> ColumnType {
        match self {
            Self {
                seen_value: false, ..
            } => ColumnType::Text,
            Self { integer: true, .. } => ColumnType::Integer,
            Self { decimal: true, .. } => ColumnType::Decimal,
            Self { date: true, .. } => ColumnType::Date,
            Self { .. } => ColumnType::Text,
        }
    }
}

/// Infers a column type from the values seen so far; fed batch by batch.
///
/// Empty cells are ignored; a column with no non-empty value is
/// [`ColumnType::Text`].
#[derive(Debug, Clone)]
pub struct TypeInference {
    columns: Vec<Candidates>,
}

impl TypeInference {
    /// Starts inference for a table of `n_columns` columns.
    pub fn new(n_columns: usize) -> Self {
        Self {
            columns: vec![Candidates::ALL; n_columns],
        }
    }

    /// Takes one batch into account. Only each column's dictionary (its
    /// distinct values) is looked at, so this is cheap. Columns beyond the
    /// count given to [`TypeInference::new`] are ignored.
    pub fn observe(&mut self, table: &Table) {
        for (candidates, column) in self.columns.iter_mut().zip(table.columns()) {
            for value in column.dictionary() {
                if candidates.is_text() {
                    break;
                }
                candidates.observe(value);
            }
        }
    }

    /// The type of each column given what has been observed.
    pub fn types(&self) -> Vec<ColumnType> {
        self.columns.iter().map(Candidates::column_type).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn infer(batches: &[&[&str]]) -> ColumnType {
        let mut inference = TypeInference::new(1);
        for batch in batches {
            let mut table = Table::new(vec!["c".to_owned()]);
            for value in *batch {
                table
                    .push_row(&[value])
                    .unwrap_or_else(|error| panic!("{error}"));
            }
            inference.observe(&table);
        }
        let types = inference.types();
        assert_eq!(types.len(), 1);
        types[0]
    }

    #[test]
    fn integers_including_negative_and_empty_cells() {
        assert_eq!(infer(&[&["1", "-20", "", "300"]]), ColumnType::Integer);
    }

    #[test]
    fn leading_zero_identifiers_are_text() {
        assert_eq!(infer(&[&["02134", "10001"]]), ColumnType::Text);
        assert_eq!(infer(&[&["000123"]]), ColumnType::Text);
    }

    #[test]
    fn decimals_mixed_with_integers() {
        assert_eq!(infer(&[&["1.5", "-2", "3.25"]]), ColumnType::Decimal);
        assert_eq!(infer(&[&["1.5", "02"]]), ColumnType::Text);
    }

    #[test]
    fn dates() {
        assert_eq!(infer(&[&["2024-02-29", "1999-12-31"]]), ColumnType::Date);
        assert_eq!(infer(&[&["02/29/2024", "12/31/1999"]]), ColumnType::Date);
        assert_eq!(infer(&[&["2024-01-01", "2023-02-30"]]), ColumnType::Text);
        assert_eq!(infer(&[&["2023-02-29"]]), ColumnType::Text);
    }

    #[test]
    fn empty_column_is_text() {
        assert_eq!(infer(&[&["", ""]]), ColumnType::Text);
        assert_eq!(infer(&[]), ColumnType::Text);
    }

    #[test]
    fn later_batches_can_widen_the_type() {
        assert_eq!(infer(&[&["1", "2"], &["2.5"]]), ColumnType::Decimal);
        assert_eq!(infer(&[&["1"], &["x"], &["2"]]), ColumnType::Text);
        assert_eq!(infer(&[&[""], &["7"]]), ColumnType::Integer);
    }

    #[test]
    fn columns_are_independent_and_extra_columns_ignored() {
        let mut table = Table::new(vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]);
        table
            .push_row(&["1", "2024-05-01", "x"])
            .unwrap_or_else(|error| panic!("{error}"));
        let mut inference = TypeInference::new(2);
        inference.observe(&table);
        assert_eq!(inference.types(), [ColumnType::Integer, ColumnType::Date]);
    }

    #[test]
    fn names_round_trip() {
        for column_type in [
            ColumnType::Integer,
            ColumnType::Decimal,
            ColumnType::Date,
            ColumnType::Text,
        ] {
            assert_eq!(
                column_type.as_str().parse::<ColumnType>().ok(),
                Some(column_type)
            );
            assert_eq!(column_type.to_string(), column_type.as_str());
        }
        assert!(matches!(
            "Integer".parse::<ColumnType>(),
            Err(Error::UnknownColumnType)
        ));
    }

    #[test]
    fn serde_uses_snake_case_names() {
        assert_eq!(
            serde_json::to_string(&ColumnType::Decimal).ok().as_deref(),
            Some("\"decimal\"")
        );
        assert_eq!(
            serde_json::from_str::<ColumnType>("\"date\"").ok(),
            Some(ColumnType::Date)
        );
    }
}
