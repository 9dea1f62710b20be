//! A table from literal rows, for the unit tests.

use table::Table;

/// A table with the header and rows; panics on a row of the wrong width.
pub(crate) fn table(header: &[&str], rows: &[&[&str]]) -> Table {
    let mut table = Table::new(header.iter().map(|name| (*name).to_owned()).collect());
    for row in rows {
        table
            .push_row(row)
            .unwrap_or_else(|error| panic!("{error}"));
    }
    table
}
