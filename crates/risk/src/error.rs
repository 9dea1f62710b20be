//! The crate's one error type: every way a risk assessment can be asked wrongly.
//!
//! Messages may name columns, parameters and row numbers of a hierarchy, never a cell value,
//! with one exception: the hierarchy errors of quasi-identifiers
//! ([`Error::QiHierarchyMissesValues`], [`Error::HierarchyValuesUnreadable`],
//! [`Error::HierarchyGrouping`]) name up to five of the values at fault, as issue 5 asks
//! ("hierarchies that miss values (name them)"); they are values the analyst writes
//! hierarchies for, never those of the sensitive attribute.

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

    /// Two rows of a hierarchy give the same group two different parents one level up.
    #[error(
        "rows {first_row} and {row} of the hierarchy put the same level-{level} group into \
         different level-{parent_level} groups; a group must generalize to exactly one group"
    )]
    HierarchyInconsistent {
        /// The level of the group with two parents (0 is the original values).
        level: usize,
        /// The level of the two parents.
        parent_level: usize,
        /// The earlier row, counted from 1.
        first_row: usize,
        /// The later row, counted from 1.
        row: usize,
    },

    /// A hierarchy file that is not readable text.
    #[error(
        "line {line} of the hierarchy file is not valid: {problem}; save the hierarchy as \
         UTF-8 text with one value per line and its generalizations after it"
    )]
    HierarchyUnreadable {
        /// The line, counted from 1.
        line: usize,
        /// What is wrong with it.
        problem: &'static str,
    },

    /// Values of a quasi-identifier that its hierarchy does not cover.
    ///
    /// Unlike other errors this one names values (up to five): the issue asks for them, and
    /// hierarchies are written for quasi-identifiers, whose values the analyst works with.
    #[error(
        "the hierarchy for column '{column}' does not cover {n_missing} of the values that \
         occur in it (for example: {}); add a row for every value",
        examples.join(", ")
    )]
    QiHierarchyMissesValues {
        /// The quasi-identifier column.
        column: String,
        /// How many distinct values of the column have no hierarchy row.
        n_missing: usize,
        /// Up to five of them, in the order they first occur in the column.
        examples: Vec<String>,
    },

    /// A hierarchy builder was given values it cannot read (numbers or dates).
    #[error(
        "{n_bad} of the values are not {expected} (for example: {}), so this hierarchy \
         cannot be built for them; choose another kind of hierarchy for this column",
        examples.join(", ")
    )]
    HierarchyValuesUnreadable {
        /// What the builder expected, such as "whole or decimal numbers".
        expected: &'static str,
        /// How many values it could not read.
        n_bad: usize,
        /// Up to five of them.
        examples: Vec<String>,
    },

    /// The interval widths of a numeric hierarchy do not nest.
    #[error(
        "the interval widths must be at least 1, and each a multiple of the one before \
         (for example 5, 10, 20); got {}",
        widths.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    )]
    HierarchyIntervalWidths {
        /// The widths as given.
        widths: Vec<u64>,
    },

    /// A grouping level leaves values (or groups of the level below) in no group, or in two.
    #[error(
        "at level {level} of the grouping, {n_bad} of the {members} are {problem} \
         (for example: {}); put each one into exactly one group",
        examples.join(", ")
    )]
    HierarchyGrouping {
        /// The level being built, counted from 1.
        level: usize,
        /// "values" at level 1, "groups of the level below" higher up.
        members: &'static str,
        /// "in no group" or "in more than one group".
        problem: &'static str,
        /// How many members have the problem.
        n_bad: usize,
        /// Up to five of them.
        examples: Vec<String>,
    },

    /// A generalization level past the top of a hierarchy.
    #[error(
        "the hierarchy for column '{column}' has levels 0 to {max_level}; level {level}          does not exist"
    )]
    InvalidLevel {
        /// The column whose hierarchy was asked.
        column: String,
        /// The level asked for.
        level: usize,
        /// The most general level of the hierarchy.
        max_level: usize,
    },

    /// A quasi-identifier was given no generalization hierarchy.
    #[error(
        "quasi-identifier '{name}' has no generalization hierarchy; give one for every \
         quasi-identifier"
    )]
    QiWithoutHierarchy {
        /// The quasi-identifier.
        name: String,
    },

    /// The record suppression limit is not a fraction of the records.
    #[error(
        "the suppression limit must be a fraction of the records between 0 and 1 \
         (0.05 allows 5 % of the records to be suppressed); got {limit}"
    )]
    InvalidSuppressionLimit {
        /// The limit as given.
        limit: f64,
    },

    /// l-diversity was asked for without a sensitive attribute.
    #[error("l-diversity needs a sensitive attribute; name the sensitive column")]
    LWithoutSensitive,

    /// l-diversity was asked for with an l it is not defined for.
    #[error("l must be at least 1; got {l}")]
    InvalidL {
        /// The l as given.
        l: f64,
    },

    /// t-closeness was asked for without a sensitive attribute.
    #[error("t-closeness needs a sensitive attribute; name the sensitive column")]
    TWithoutSensitive,

    /// t-closeness was asked for with a t outside (0, 1].
    #[error("t must be greater than 0 and at most 1; got {t}")]
    InvalidT {
        /// The t as given.
        t: f64,
    },

    /// The generalization lattice has too many transformations to search.
    #[error(
        "the hierarchies allow {nodes} combinations of generalization levels, more than the \
         {limit} that can be searched; use fewer quasi-identifiers or hierarchies with \
         fewer levels"
    )]
    LatticeTooLarge {
        /// The number of combinations (saturating).
        nodes: u128,
        /// The most that can be searched.
        limit: usize,
    },

    /// No combination of generalization levels satisfies the privacy models.
    #[error(
        "no combination of generalization levels satisfies the privacy models with at most \
         {max_suppressed} suppressed records; allow more suppression, lower k or l, or raise t"
    )]
    NoAnonymization {
        /// The most records that could be suppressed.
        max_suppressed: usize,
    },

    /// The search was cancelled by its caller.
    #[error("the anonymization search was cancelled")]
    Cancelled,

    /// The population table lacks a quasi-identifier column of the data.
    #[error(
        "the population table has no column '{name}'; its columns are: {}; \
         give it the same quasi-identifier columns as the data",
        available.join(", ")
    )]
    PopulationUnknownColumn {
        /// The quasi-identifier as given.
        name: String,
        /// The population table's column names, in order.
        available: Vec<String>,
    },

    /// The population table has fewer records than the data drawn from it.
    #[error(
        "the population table is smaller than the data ({population_rows} against \
         {sample_rows} records); the data must be a subset of the population, so give the \
         whole population"
    )]
    PopulationTooSmall {
        /// Rows of the population table.
        population_rows: usize,
        /// Rows of the data (the sample).
        sample_rows: usize,
    },

    /// Records of the data have a combination of QI values the population table lacks.
    #[error(
        "{n_records} records of the data have quasi-identifier values that do not occur \
         together in the population table (distinct combinations: {n_classes}), so the data is \
         not a subset of it; check that the population table is the one the data was drawn \
         from and that values are spelled alike in both"
    )]
    SampleNotInPopulation {
        /// Records of the data whose QI combination is absent from the population.
        n_records: u64,
        /// Distinct QI combinations among them.
        n_classes: u64,
    },

    /// Equivalence classes with more records in the data than in the population table.
    #[error(
        "{n_records} records of the data are in equivalence classes that have fewer records \
         in the population table (classes: {n_classes}), so the data is not a subset of it; \
         check that the population table is complete"
    )]
    SampleClassLargerThanPopulation {
        /// Records of the data in such classes.
        n_records: u64,
        /// How many classes.
        n_classes: u64,
    },

    /// δ-presence bounds that are not shares in order.
    #[error(
        "the δ-presence bounds must satisfy 0 <= delta-min <= delta-max <= 1; \
         got delta-min = {min}, delta-max = {max}"
    )]
    InvalidDeltaBounds {
        /// The lower bound as given.
        min: f64,
        /// The upper bound as given.
        max: f64,
    },

    /// A population table was combined with a person id.
    #[error(
        "a population table is matched record by record and cannot be combined with a \
         person id; leave out the person id"
    )]
    PopulationTableWithPersonId,

    /// The generalized table could not be assembled.
    #[error("could not assemble the generalized table: {detail}")]
    TransformedTable {
        /// What went wrong, without cell values.
        detail: String,
    },
}
