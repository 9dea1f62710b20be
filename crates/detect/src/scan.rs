//! A whole table scanned: every column classified, and span detection run on
//! the cells of free-text columns (once per distinct value).

use table::Table;

use crate::columns::{classify_column, ColumnFinding};
use crate::{ColumnClass, Detector, Kind};

/// One identifier found inside one cell of a free-text column.
#[derive(Debug, Clone, PartialEq)]
pub struct CellFinding {
    /// Column index in the table.
    pub column: usize,
    /// Row index in the table (0-based).
    pub row: usize,
    /// First character of the span, in Unicode scalar values from the start of the cell.
    pub start: usize,
    /// One past the last character of the span, in Unicode scalar values.
    pub end: usize,
    /// What the span is.
    pub kind: Kind,
    /// How sure the detector is, 0 to 1.
    pub confidence: f32,
    /// The rule that produced the span.
    pub rule: &'static str,
}

/// Everything a scan found in a table.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanResult {
    /// One classification per column, in column order.
    pub columns: Vec<ColumnFinding>,
    /// Spans in the cells of free-text columns, by column, then row, then start.
    pub cells: Vec<CellFinding>,
}

/// Classifies every column of `table` and runs span detection on the cells
/// of the free-text ones. `progress` is called with (columns done, columns).
pub fn scan_table(
    table: &Table,
    detector: &Detector,
    progress: &mut dyn FnMut(usize, usize),
) -> ScanResult {
    let n = table.n_columns();
    let mut columns = Vec::with_capacity(n);
    let mut cells = Vec::new();
    for (idx, column) in table.columns().iter().enumerate() {
        let finding = classify_column(idx, column, detector);
        if finding.class == ColumnClass::FreeText {
            cells.extend(text_column_findings(idx, column, detector));
        }
        columns.push(finding);
        progress(idx + 1, n);
    }
    ScanResult { columns, cells }
}

/// A span inside one cell: start and end in characters, kind, confidence, rule.
type CellSpan = (usize, usize, Kind, f32, &'static str);

/// Spans of every cell of a free-text column, detected once per distinct value.
fn text_column_findings(
    idx: usize,
    column: &table::Column,
    detector: &Detector,
) -> Vec<CellFinding> {
    use rayon::prelude::*;
    let per_value: Vec<Vec<CellSpan>> = column
        .dictionary()
        .par_iter()
        .map(|value| {
            let mut chars = crate::stream::CharCounter::new(value);
            detector
                .detect(value)
                .into_iter()
                .map(|s| {
                    (
                        chars.at(s.start),
                        chars.at(s.end),
                        s.kind,
                        s.confidence,
                        s.rule,
                    )
                })
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    for (row, &code) in column.codes().iter().enumerate() {
        for &(start, end, kind, confidence, rule) in &per_value[code as usize] {
            out.push(CellFinding {
                column: idx,
                row,
                start,
                end,
                kind,
                confidence,
                rule,
            });
        }
    }
    out
}
