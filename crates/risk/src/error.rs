//! The crate's one error type: every way a risk assessment can be asked wrongly.
//!
//! Messages may name columns, parameters and row numbers of a hierarchy, never a cell value.

/// Everything that can go wrong while grouping a table or computing its risk figures.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A column name that the table does not have.
    #[error("no column '{name}'; the columns are: {}", available.join(", "))]
    UnknownColumn {
        /// The name as given.
        name: String,
        /// The table's column names, in order.
        available: Vec<String>,
    },

    /// No quasi-identifier was chosen.
    #[error("no quasi-identifier chosen; choose at least one column as a quasi-identifier")]
    NoQi,

    /// The same column was chosen twice as a quasi-identifier.
    #[error("column '{name}' is chosen twice as a quasi-identifier; list each column once")]
    DuplicateQi {
        /// The repeated column.
        name: String,
    },

    /// The table has no records.
    #[error("the table has no rows, so there is no risk to assess; check the input file")]
    EmptyTable,

    /// The sensitive column is also a quasi-identifier.
    #[error(
        "column '{name}' is both a quasi-identifier and the sensitive attribute; \
         a column can be only one of them"
    )]
    SensitiveIsQi {
        /// The column chosen for both roles.
        name: String,
    },

    /// The person-id column is also a quasi-identifier.
    #[error(
        "column '{name}' is both the person id and a quasi-identifier; \
         a column can be only one of them"
    )]
    PersonIdIsQi {
        /// The column chosen for both roles.
        name: String,
    },

    /// The sensitive column is the person-id column.
    #[error(
        "column '{name}' is both the person id and the sensitive attribute; \
         a column can be only one of them"
    )]
    SensitiveIsPersonId {
        /// The column chosen for both roles.
        name: String,
    },

    /// Equivalence classes were combined with a table other than the one they were built from.
    #[error(
        "the equivalence classes were built from a table of {classes_rows} rows, \
         but this table has {table_rows} rows; build them again from this table"
    )]
    TableMismatch {
        /// Rows of the table the classes came from.
        classes_rows: usize,
        /// Rows of the table given now.
        table_rows: usize,
    },

    /// The table has more rows than the grouping can number (2^32 - 1).
    #[error("the table has {n_rows} rows; at most 4,294,967,295 rows can be assessed at once")]
    TooManyRows {
        /// The table's rows.
        n_rows: usize,
    },

    /// k-anonymity was asked for k = 0.
    #[error("k must be at least 1")]
    ZeroK,

    /// k-anonymity was asked for a k that no grouping of the table can reach.
    #[error(
        "k = {k} is larger than the {n_persons} records in the table, \
         so no generalization can reach it; choose a k of at most {n_persons}"
    )]
    KTooLarge {
        /// The k asked for.
        k: usize,
        /// Records (persons, with a person id) in the table.
        n_persons: usize,
    },

    /// The risk threshold is not a probability.
    #[error("the risk threshold must be a number between 0 and 1; got {threshold}")]
    InvalidThreshold {
        /// The threshold as given.
        threshold: f64,
    },

    /// Recursive (c,l)-diversity was asked with parameters it is not defined for.
    #[error("recursive (c,l)-diversity needs c > 0 and l >= 1; got c = {c}, l = {l}")]
    InvalidRecursiveDiversity {
        /// The multiplier c as given.
        c: f64,
        /// The l as given.
        l: usize,
    },

    /// A hierarchy without a single value and generalization level.
    #[error(
        "the hierarchy is empty or has only one level; each of its rows needs a value \
         followed by at least one generalization of it"
    )]
    HierarchyTooSmall,

    /// A hierarchy row with a different number of levels from the first row.
    #[error(
        "row {row} of the hierarchy has {found_levels} levels, but row 1 has \
         {expected_levels}; give every row the same number of levels"
    )]
    HierarchyRagged {
        /// The row, counted from 1.
        row: usize,
        /// Levels in row 1.
        expected_levels: usize,
        /// Levels in this row.
        found_levels: usize,
    },

    /// Two hierarchy rows describe the same value.
    #[error("rows {first_row} and {row} of the hierarchy describe the same value; keep one")]
    HierarchyDuplicateValue {
        /// The earlier row, counted from 1.
        first_row: usize,
        /// The later row, counted from 1.
        row: usize,
    },

    /// Values of the sensitive column that the hierarchy does not cover.
    #[error(
        "the hierarchy for column '{column}' does not cover {n_missing} of the values \
         that occur in it; add a row for every value"
    )]
    HierarchyMissesValues {
        /// The sensitive column.
        column: String,
        /// How many distinct values of the column have no hierarchy row.
        n_missing: usize,
    },
}
