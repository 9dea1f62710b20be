//! SVG charts shared by the app and the reports.
//!
//! Each chart is a function from figures to a complete, self-contained SVG document (a
//! `String` starting with `<svg` and ending with `</svg>`), drawn with plotters' SVG
//! backend: no fonts, no files, no scripts, no external references. The document has
//! `role="img"`, a `<title>` and a `<desc>` listing the bars, so it is accessible when
//! inlined. Text is XML-escaped. Output is deterministic: the same input gives the same
//! bytes.
//!
//! Input is a class-size histogram: `(class size, number of classes of that size)` pairs,
//! in any order. The charts count *records* (`size × classes`).
//!
//! ```
//! let svg = charts::class_size_histogram(&[(1, 4), (2, 3), (5, 10)], 560, 300).unwrap();
//! assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
//! ```
#![forbid(unsafe_code)]

mod buckets;
mod draw;
mod error;
mod text;

pub use buckets::{class_size_buckets, risk_buckets, Bucket};
pub use error::Error;

use buckets::risk_bounds;
use draw::{BarChart, LegendItem, Series, AMBER, DANGER, TEAL};
use text::{percent, thousands};

/// Smallest chart width the layout supports, in pixels.
pub const MIN_WIDTH: u32 = draw::MIN_WIDTH;
/// Smallest chart height the layout supports, in pixels.
pub const MIN_HEIGHT: u32 = draw::MIN_HEIGHT;
/// Largest chart width or height, in pixels.
pub const MAX_SIDE: u32 = draw::MAX_SIDE;

/// Title of [`class_size_histogram`].
pub const CLASS_SIZE_TITLE: &str = "Records by equivalence class size";
/// Title of [`risk_distribution`].
pub const RISK_TITLE: &str = "Records by re-identification risk";
/// Title of [`before_after`].
pub const BEFORE_AFTER_TITLE: &str = "Re-identification risk before and after anonymization";

const CLASS_SIZE_AXIS: &str = "Class size (records sharing the same quasi-identifier values)";
const RISK_AXIS: &str = "Chance of re-identification (1 / class size)";

/// Bars of records per equivalence class size bucket (1, 2, 3, 4, 5–9, 10–19, 20–49,
/// 50–99, 100+), each bar labelled with its count.
///
/// `sizes` holds `(class size, classes)` pairs; the chart is `width × height` pixels.
/// With no records it shows "No records".
///
/// Fails with [`Error::Size`] outside [`MIN_WIDTH`]×[`MIN_HEIGHT`] to
/// [`MAX_SIDE`]×[`MAX_SIDE`].
pub fn class_size_histogram(
    sizes: &[(u64, u64)],
    width: u32,
    height: u32,
) -> Result<String, Error> {
    draw::check_size(width, height)?;
    let buckets = class_size_buckets(sizes);
    let chart = BarChart {
        title: CLASS_SIZE_TITLE,
        x_desc: CLASS_SIZE_AXIS,
        categories: buckets.iter().map(|b| b.label.clone()).collect(),
        series: vec![Series {
            name: "",
            values: buckets.iter().map(|b| b.records).collect(),
            colours: vec![TEAL; buckets.len()],
        }],
        legend: Vec::new(),
        marker: None,
        value_labels: true,
        note: None,
    };
    draw::render(&chart, width, height)
}

/// Bars of records per re-identification probability (`1 / class size`) bucket —
/// ]0, 1%], ]1%, 5%], ]5%, 10%], ]10%, 20%], ]20%, 50%], ]50%, 100%], split at the
/// threshold when it falls inside one — with the buckets above `threshold` in the warning
/// colour, the threshold drawn as a vertical line, and a legend.
///
/// A record is at risk when its probability is strictly above `threshold`, as the risk
/// figures count it. With no records it shows "No records".
///
/// Fails with [`Error::Threshold`] unless `0 ≤ threshold ≤ 1`, and with [`Error::Size`]
/// as [`class_size_histogram`].
pub fn risk_distribution(
    sizes: &[(u64, u64)],
    threshold: f64,
    width: u32,
    height: u32,
) -> Result<String, Error> {
    draw::check_size(width, height)?;
    let buckets = risk_buckets(sizes, Some(threshold))?;
    let bounds = risk_bounds(Some(threshold))?;
    let boundary = bounds.iter().position(|&b| b == threshold).unwrap_or(0);
    let at_risk = buckets
        .iter()
        .filter(|b| b.above_threshold)
        .fold(0u64, |sum, b| sum.saturating_add(b.records));
    let pct = percent(threshold);
    let chart = BarChart {
        title: RISK_TITLE,
        x_desc: RISK_AXIS,
        categories: buckets.iter().map(|b| b.label.clone()).collect(),
        series: vec![Series {
            name: "",
            values: buckets.iter().map(|b| b.records).collect(),
            colours: buckets
                .iter()
                .map(|b| if b.above_threshold { DANGER } else { TEAL })
                .collect(),
        }],
        legend: vec![
            LegendItem::Swatch(TEAL, "Not at risk".into()),
            LegendItem::Swatch(DANGER, "At risk (above the threshold)".into()),
            LegendItem::Line(DANGER, format!("Threshold {pct}%")),
        ],
        marker: Some((boundary, DANGER)),
        value_labels: true,
        note: Some(format!(
            "Threshold {pct}%: {} records above it.",
            thousands(at_risk)
        )),
    };
    draw::render(&chart, width, height)
}

/// Grouped bars of records per re-identification probability bucket (as
/// [`risk_distribution`], without a threshold) before and after anonymization, with a
/// legend.
///
/// With no records on either side it shows "No records".
///
/// Fails with [`Error::Size`] as [`class_size_histogram`].
pub fn before_after(
    before: &[(u64, u64)],
    after: &[(u64, u64)],
    width: u32,
    height: u32,
) -> Result<String, Error> {
    draw::check_size(width, height)?;
    let before = risk_buckets(before, None)?;
    let after = risk_buckets(after, None)?;
    let series = |name, buckets: &[Bucket], colour| Series {
        name,
        values: buckets.iter().map(|b| b.records).collect(),
        colours: vec![colour; buckets.len()],
    };
    let chart = BarChart {
        title: BEFORE_AFTER_TITLE,
        x_desc: RISK_AXIS,
        categories: before.iter().map(|b| b.label.clone()).collect(),
        series: vec![
            series("before", &before, AMBER),
            series("after", &after, TEAL),
        ],
        legend: vec![
            LegendItem::Swatch(AMBER, "Before anonymization".into()),
            LegendItem::Swatch(TEAL, "After anonymization".into()),
        ],
        marker: None,
        value_labels: false,
        note: None,
    };
    draw::render(&chart, width, height)
}
