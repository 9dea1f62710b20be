//! The crate's one error type.
//!
//! Every message says what happened, where (file, line, 1-based column
//! number) and what to do about it. No message ever contains a cell value: it
//! may be protected health information. Header names appear in one message
//! only, [`Error::UnknownColumn`], which must name the columns for the
//! request to be corrected; every other message counts columns by number.

use std::io;

/// Everything that can go wrong while reading or building a table.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened or read.
    #[error(
        "could not read {file}: {source}. Check that the file exists, that you are allowed \
         to read it and that its disk or network share is available"
    )]
    Io {
        /// The input file, as given.
        file: String,
        /// What the operating system reported.
        source: io::Error,
    },

    /// The file holds nothing, or only a byte-order mark and white space.
    #[error(
        "{file} is empty: it has no header line. Export the data again with a header line \
         of column names followed by the records"
    )]
    Empty {
        /// The input file, as given.
        file: String,
    },

    /// A column in the header line has no name.
    #[error(
        "{file}: column {column} has no name in the header line. Give every column a name \
         and try again"
    )]
    EmptyHeader {
        /// The input file, as given.
        file: String,
        /// The unnamed column, counted from 1.
        column: usize,
    },

    /// Two columns in the header line have the same name.
    #[error(
        "{file}: in the header line, column {column} has the same name as column \
         {first_column}. Rename one of them so that every column name is unique"
    )]
    DuplicateHeader {
        /// The input file, as given.
        file: String,
        /// The later of the two columns, counted from 1.
        column: usize,
        /// The earlier column with the same name, counted from 1.
        first_column: usize,
    },

    /// A record has a different number of fields than the header line.
    #[error(
        "{file}, line {line}: the record has {found} fields but the header line has \
         {expected}. Look on that line for a missing or extra delimiter or an unclosed quote"
    )]
    RaggedRow {
        /// The input file, as given.
        file: String,
        /// The physical line on which the record starts, counted from 1.
        line: u64,
        /// The number of columns in the header line.
        expected: usize,
        /// The number of fields in the record.
        found: usize,
    },

    /// A field is not valid UTF-8 text.
    #[error(
        "{file}, line {line}, column {column}: the text is not valid UTF-8 (first bad byte \
         near byte offset {byte_offset}). Export the file again as UTF-8, for example \
         \"CSV UTF-8\" in a spreadsheet program"
    )]
    InvalidUtf8 {
        /// The input file, as given.
        file: String,
        /// The physical line on which the record starts, counted from 1.
        line: u64,
        /// The column holding the bad text, counted from 1.
        column: usize,
        /// Offset from the start of the file of the first invalid byte. Exact
        /// when no field of the record up to and including this one is
        /// quoted; otherwise it may be a few bytes early.
        byte_offset: u64,
    },

    /// One record is larger than the configured limit.
    #[error(
        "{file}, line {line}: a single record is larger than the limit of {limit_bytes} \
         bytes. This usually means a quote that is never closed; check the quoting from \
         that line on"
    )]
    RecordTooLarge {
        /// The input file, as given.
        file: String,
        /// The physical line on which the oversized record starts, counted from 1.
        line: u64,
        /// The configured limit ([`crate::CsvOptions::max_record_bytes`]).
        limit_bytes: u64,
    },

    /// The CSV parser reported another problem.
    #[error("{file}, line {line}: the file could not be parsed as delimited text ({message})")]
    Csv {
        /// The input file, as given.
        file: String,
        /// The physical line the parser was on, counted from 1.
        line: u64,
        /// The parser's description, which never quotes the data.
        message: String,
    },

    /// The delimiter given in the options cannot separate fields.
    #[error(
        "{file}: byte {delimiter} cannot be used as the delimiter. Choose a printable ASCII \
         character other than a double quote, such as a comma, semicolon, tab or bar"
    )]
    InvalidDelimiter {
        /// The input file, as given.
        file: String,
        /// The rejected delimiter byte.
        delimiter: u8,
    },

    /// A column's stored parts do not fit together.
    #[error("a stored column is damaged: {detail}. Import the source file again to rebuild it")]
    CorruptColumn {
        /// What is wrong, in terms of positions and counts only.
        detail: String,
    },

    /// The columns given to build a table have different lengths.
    #[error(
        "column {column} has {found} rows but column 1 has {expected}; all columns of a \
         table must have the same number of rows. This is a defect in the program: please \
         report it"
    )]
    ColumnLengthMismatch {
        /// The first column whose length differs, counted from 1.
        column: usize,
        /// The number of rows in column 1.
        expected: usize,
        /// The number of rows in the differing column.
        found: usize,
    },

    /// A row has a different number of cells than the table has columns.
    #[error(
        "a row has {found} cells but the table has {expected} columns. This is a defect \
         in the program: please report it"
    )]
    RowWidth {
        /// The number of columns in the table.
        expected: usize,
        /// The number of cells in the row.
        found: usize,
    },

    /// Two tables to be joined end to end have different numbers of columns.
    #[error(
        "cannot append a table with {found} columns to one with {expected} columns. \
         This is a defect in the program: please report it"
    )]
    ColumnCountMismatch {
        /// The number of columns in the receiving table.
        expected: usize,
        /// The number of columns in the appended table.
        found: usize,
    },

    /// A column holds more distinct values than its codes can number.
    #[error(
        "column {column} has more than 4,294,967,296 distinct values, the most one column \
         can hold. Split the file into smaller parts"
    )]
    TooManyDistinctValues {
        /// The column, counted from 1.
        column: usize,
    },

    /// A column asked for by name is not in the file's header line.
    #[error(
        "{file}: there is no column named '{name}'; the columns are: {}. Check the spelling \
         of the column name and the delimiter",
        available.join(", ")
    )]
    UnknownColumn {
        /// The input file, as given.
        file: String,
        /// The column name as asked for.
        name: String,
        /// The header line's column names, trimmed, in file order.
        available: Vec<String>,
    },

    /// A column type name is not one of the four known types.
    #[error("unknown column type; use one of: integer, decimal, date, text")]
    UnknownColumnType,
}
