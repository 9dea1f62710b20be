//! Breakwater's PHI detector: where the 18 Safe Harbor identifiers sit in
//! free text and in the columns of a table.
//!
//! It owns:
//! - [`Kind`] and [`ColumnClass`]: the vocabulary of findings;
//! - [`Detector`]: one pass over a text combining compiled patterns,
//!   validators, dictionaries and context rules into [`Span`]s with a kind,
//!   a confidence and the rule that produced them;
//! - [`detect_stream`]: the same over a file of any size, in bounded memory,
//!   with offsets in Unicode scalar values;
//! - [`classify_column`] / [`scan_table`]: each column of a table classified
//!   from its header and a sample of its values, and span detection on the
//!   cells of free-text columns;
//! - [`eval`]: the token-level scorer of the evaluation harness.
//!
//! Everything here is a pure function of its input: no files are written,
//! no vault or key is touched, and no error message quotes the text.

#![forbid(unsafe_code)]

mod columns;
mod dictionaries;
pub mod eval;
mod kind;
mod scan;
mod stream;
mod text;
pub mod validators;

pub use columns::{classify_column, ColumnFinding};
pub use kind::{ColumnClass, Kind, UnknownKind};
pub use scan::{scan_table, CellFinding, ScanResult};
pub use stream::{detect_stream, StreamError, StreamSpan, StreamSummary};
pub use text::{Detector, Span};
