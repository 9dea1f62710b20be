//! [`Table`]: named, dictionary-encoded columns of equal length.

use crate::{Column, Error};

/// A table of text cells, stored column by column.
///
/// Every column has the same number of rows. `Debug` output shows only the
/// shape, never names or values.
#[derive(Clone, PartialEq, Eq)]
pub struct Table {
    columns: Vec<Column>,
}

impl Table {
    /// Creates a table with no rows and one empty column per name.
    pub fn new(column_names: Vec<String>) -> Self {
        Self {
            columns: column_names.into_iter().map(Column::new).collect(),
        }
    }

    /// Builds a table from whole columns.
    ///
    /// Fails with [`Error::ColumnLengthMismatch`] when the columns do not all
    /// have the same number of rows.
    pub fn from_columns(columns: Vec<Column>) -> Result<Self, Error> {
        if let Some(first) = columns.first() {
            let expected = first.len();
            if let Some((index, column)) = columns
                .iter()
                .enumerate()
                .find(|(_, column)| column.len() != expected)
            {
                return Err(Error::ColumnLengthMismatch {
                    column: index + 1,
                    expected,
                    found: column.len(),
                });
            }
        }
        Ok(Self { columns })
    }

    /// Appends one row.
    ///
    /// Fails with [`Error::RowWidth`] when `cells` does not have one cell per
    /// column, and with [`Error::TooManyDistinctValues`] when a column's
    /// dictionary is full. On failure the table is unchanged.
    pub fn push_row(&mut self, cells: &[&str]) -> Result<(), Error> {
        if cells.len() != self.columns.len() {
            return Err(Error::RowWidth {
                expected: self.columns.len(),
                found: cells.len(),
            });
        }
        if let Some(index) = self
            .columns
            .iter()
            .zip(cells)
            .position(|(column, cell)| !column.can_push(cell))
        {
            return Err(Error::TooManyDistinctValues { column: index + 1 });
        }
        for (index, (column, cell)) in self.columns.iter_mut().zip(cells).enumerate() {
            column
                .try_push(cell)
                .ok_or(Error::TooManyDistinctValues { column: index + 1 })?;
        }
        Ok(())
    }

    /// The number of rows.
    pub fn n_rows(&self) -> usize {
        self.columns.first().map_or(0, Column::len)
    }

    /// The number of columns.
    pub fn n_columns(&self) -> usize {
        self.columns.len()
    }

    /// All columns, in order.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The column at `idx` (counted from 0), or `None` past the end.
    pub fn column(&self, idx: usize) -> Option<&Column> {
        self.columns.get(idx)
    }

    /// The column names, in order.
    pub fn column_names(&self) -> Vec<&str> {
        self.columns.iter().map(Column::name).collect()
    }

    /// The cells of row `idx` (counted from 0), or `None` past the end.
    pub fn row(&self, idx: usize) -> Option<Vec<&str>> {
        if idx >= self.n_rows() {
            return None;
        }
        self.columns.iter().map(|column| column.get(idx)).collect()
    }

    /// Appends all rows of `other`, re-encoding its cells into this table's
    /// dictionaries. Column names are not compared; columns are matched by
    /// position.
    ///
    /// Fails with [`Error::ColumnCountMismatch`] when the tables have
    /// different numbers of columns, and with
    /// [`Error::TooManyDistinctValues`] when a column's dictionary together
    /// with `other`'s might exceed 2^32 entries. On failure the table is
    /// unchanged.
    pub fn append(&mut self, other: &Table) -> Result<(), Error> {
        if other.columns.len() != self.columns.len() {
            return Err(Error::ColumnCountMismatch {
                expected: self.columns.len(),
                found: other.columns.len(),
            });
        }
        if let Some(index) = self
            .columns
            .iter()
            .zip(&other.columns)
            .position(|(mine, theirs)| !mine.has_room_for(theirs.dictionary().len()))
        {
            return Err(Error::TooManyDistinctValues { column: index + 1 });
        }
        for (index, (mine, theirs)) in self.columns.iter_mut().zip(&other.columns).enumerate() {
            mine.append_from(theirs)
                .ok_or(Error::TooManyDistinctValues { column: index + 1 })?;
        }
        Ok(())
    }
}

impl std::fmt::Debug for Table {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table")
            .field("rows", &self.n_rows())
            .field("columns", &self.columns.len())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| (*name).to_owned()).collect()
    }

    fn sample() -> Table {
        let mut table = Table::new(names(&["id", "city"]));
        for row in [["1", "Boston"], ["2", "Salem"], ["3", "Boston"]] {
            table
                .push_row(&row)
                .unwrap_or_else(|error| panic!("{error}"));
        }
        table
    }

    #[test]
    fn rows_and_columns_are_readable() {
        let table = sample();
        assert_eq!(table.n_rows(), 3);
        assert_eq!(table.n_columns(), 2);
        assert_eq!(table.column_names(), ["id", "city"]);
        assert_eq!(table.row(2), Some(vec!["3", "Boston"]));
        assert_eq!(table.row(3), None);
        assert_eq!(
            table.column(1).map(Column::dictionary),
            Some(&["Boston".to_owned(), "Salem".to_owned()][..])
        );
        assert!(table.column(2).is_none());
        assert_eq!(table.columns().len(), 2);
    }

    #[test]
    fn push_row_rejects_wrong_width_and_leaves_table_unchanged() {
        let mut table = sample();
        let result = table.push_row(&["4"]);
        assert!(
            matches!(
                result,
                Err(Error::RowWidth {
                    expected: 2,
                    found: 1
                })
            ),
            "{result:?}"
        );
        assert_eq!(table, sample());
    }

    #[test]
    fn empty_table_has_no_rows() {
        let table = Table::new(Vec::new());
        assert_eq!(table.n_rows(), 0);
        assert_eq!(table.row(0), None);
        assert!(Table::from_columns(Vec::new()).is_ok_and(|table| table.n_columns() == 0));
    }

    #[test]
    fn from_columns_rejects_unequal_lengths() {
        let mut short = Column::new("a");
        short.push("x");
        let mut long = Column::new("b");
        long.push("x");
        long.push("y");
        let result = Table::from_columns(vec![short.clone(), long]);
        assert!(
            matches!(
                result,
                Err(Error::ColumnLengthMismatch {
                    column: 2,
                    expected: 1,
                    found: 2
                })
            ),
            "{result:?}"
        );
        assert!(
            Table::from_columns(vec![short.clone(), short]).is_ok_and(|table| table.n_rows() == 1)
        );
    }

    #[test]
    fn append_reassembles_and_re_encodes() {
        let mut first = Table::new(names(&["id", "city"]));
        first
            .push_row(&["1", "Boston"])
            .unwrap_or_else(|error| panic!("{error}"));
        let mut second = Table::new(names(&["id", "city"]));
        for row in [["2", "Salem"], ["3", "Boston"]] {
            second
                .push_row(&row)
                .unwrap_or_else(|error| panic!("{error}"));
        }
        first
            .append(&second)
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(first, sample());
        assert_eq!(first.column(1).map(Column::codes), Some(&[0, 1, 0][..]));
    }

    #[test]
    fn append_rejects_different_column_counts() {
        let mut table = sample();
        let result = table.append(&Table::new(names(&["id"])));
        assert!(
            matches!(
                result,
                Err(Error::ColumnCountMismatch {
                    expected: 2,
                    found: 1
                })
            ),
            "{result:?}"
        );
        assert_eq!(table, sample());
    }

    #[test]
    fn debug_output_hides_names_and_values() {
        let debug = format!("{:?}", sample());
        assert!(
            !debug.contains("Boston") && !debug.contains("city"),
            "{debug}"
        );
    }
}
