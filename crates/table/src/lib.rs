//! Breakwater's table crate: the in-memory form of the data being
//! de-identified, and the code that gets it there.
//!
//! It owns:
//! - [`Column`] and [`Table`]: dictionary-encoded text columns, so a value
//!   repeated a million times is stored once;
//! - [`CsvReader`] and [`read_csv`]: streaming, strictly checked input of
//!   delimited text, with [`sniff_delimiter`] to detect the delimiter;
//! - [`read_csv_columns`]: a whole file read into a table of only the named
//!   columns, parsed in parallel when it holds no quotes;
//! - [`TypeInference`] and [`ColumnType`]: integer, decimal, date or text
//!   per column, inferred from the distinct values;
//! - [`Error`]: every failure, described without quoting the data.
//!
//! It never writes files, never touches the vault or any key material and
//! does no cryptography; its only I/O is reading the input files it is given.
//! No error message and no `Debug` output of a column or table contains a
//! cell value, and only [`Error::UnknownColumn`] names header columns.

#![forbid(unsafe_code)]

mod column;
mod csv_reader;
mod error;
mod fast_read;
mod guard;
mod infer;
mod sniff;
mod table;
mod values;

pub use column::Column;
pub use csv_reader::{read_csv, CsvOptions, CsvReader};
pub use error::Error;
pub use fast_read::{read_csv_columns, MAX_IN_MEMORY_BYTES};
pub use infer::{ColumnType, TypeInference};
pub use sniff::sniff_delimiter;
pub use table::Table;
