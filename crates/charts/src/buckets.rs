//! Grouping a class-size histogram into the buckets the charts draw.
//!
//! Input everywhere is `(class size, number of classes of that size)`; a bucket counts
//! *records*, that is `size × classes`. Pairs with a zero size or zero classes hold no
//! records and are ignored; repeated sizes add up. Arithmetic saturates, it never panics.

use serde::Serialize;

use crate::text::percent;
use crate::Error;

/// One bar of a chart: a labelled group of records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// What the bar stands for, as the axis shows it: `"5–9"` (class sizes) or
    /// `"10–20%"` (re-identification probability, lower bound excluded, upper included).
    pub label: String,
    /// Records in the bucket: the sum of `size × classes` over its class sizes.
    pub records: u64,
    /// Whether every record in the bucket has a re-identification probability strictly
    /// above the threshold. Always `false` for class-size buckets and for risk buckets
    /// computed without a threshold.
    pub above_threshold: bool,
}

/// Class-size buckets, inclusive bounds: 1, 2, 3, 4, 5–9, 10–19, 20–49, 50–99, 100+.
const CLASS_SIZE_BOUNDS: [(u64, u64); 9] = [
    (1, 1),
    (2, 2),
    (3, 3),
    (4, 4),
    (5, 9),
    (10, 19),
    (20, 49),
    (50, 99),
    (100, u64::MAX),
];

/// Risk bucket boundaries: buckets are ]0, 1%], ]1%, 5%], …, ]50%, 100%].
const RISK_BOUNDS: [f64; 7] = [0.0, 0.01, 0.05, 0.1, 0.2, 0.5, 1.0];

fn records(size: u64, classes: u64) -> u64 {
    size.saturating_mul(classes)
}

/// Records per class-size bucket (1, 2, 3, 4, 5–9, 10–19, 20–49, 50–99, 100+), always
/// nine buckets in that order.
pub fn class_size_buckets(sizes: &[(u64, u64)]) -> Vec<Bucket> {
    let mut counts = [0u64; CLASS_SIZE_BOUNDS.len()];
    for &(size, classes) in sizes {
        if let Some(i) = CLASS_SIZE_BOUNDS
            .iter()
            .position(|&(lo, hi)| (lo..=hi).contains(&size))
        {
            counts[i] = counts[i].saturating_add(records(size, classes));
        }
    }
    CLASS_SIZE_BOUNDS
        .iter()
        .zip(counts)
        .map(|(&(lo, hi), records)| Bucket {
            label: match (lo, hi) {
                (lo, u64::MAX) => format!("{lo}+"),
                (lo, hi) if lo == hi => lo.to_string(),
                (lo, hi) => format!("{lo}–{hi}"),
            },
            records,
            above_threshold: false,
        })
        .collect()
}

/// Records per re-identification probability (`1 / class size`) bucket: ]0, 1%],
/// ]1%, 5%], ]5%, 10%], ]10%, 20%], ]20%, 50%], ]50%, 100%].
///
/// With a `threshold`, it becomes a bucket boundary too (so a bucket is either wholly at
/// or below it, or wholly above it) and [`Bucket::above_threshold`] marks the buckets
/// whose records are at risk, as the risk figures count them (`1 / size > threshold`).
///
/// Fails with [`Error::Threshold`] unless `0 ≤ threshold ≤ 1`.
pub fn risk_buckets(sizes: &[(u64, u64)], threshold: Option<f64>) -> Result<Vec<Bucket>, Error> {
    let bounds = risk_bounds(threshold)?;
    let mut counts = vec![0u64; bounds.len() - 1];
    for &(size, classes) in sizes {
        if size == 0 {
            continue;
        }
        let risk = 1.0 / size as f64;
        // 0 < risk ≤ 1, so some bucket's upper bound is at least `risk`.
        if let Some(i) = bounds[1..].iter().position(|&upper| risk <= upper) {
            counts[i] = counts[i].saturating_add(records(size, classes));
        }
    }
    Ok(bounds
        .windows(2)
        .zip(counts)
        .map(|(pair, records)| Bucket {
            label: format!("{}–{}%", percent(pair[0]), percent(pair[1])),
            records,
            above_threshold: threshold.is_some_and(|t| pair[0] >= t),
        })
        .collect())
}

/// The bucket boundaries, the threshold added when it falls strictly inside a bucket.
pub(crate) fn risk_bounds(threshold: Option<f64>) -> Result<Vec<f64>, Error> {
    let mut bounds = RISK_BOUNDS.to_vec();
    if let Some(t) = threshold {
        if !(0.0..=1.0).contains(&t) {
            return Err(Error::Threshold { threshold: t });
        }
        if let Some(i) = bounds.iter().position(|&b| b >= t) {
            if bounds[i] != t {
                bounds.insert(i, t);
            }
        }
    }
    Ok(bounds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records_of(buckets: &[Bucket]) -> Vec<u64> {
        buckets.iter().map(|b| b.records).collect()
    }

    #[test]
    fn class_sizes_fall_into_their_buckets() {
        let buckets =
            class_size_buckets(&[(1, 3), (2, 1), (5, 2), (9, 1), (10, 1), (100, 2), (7000, 1)]);
        let labels: Vec<&str> = buckets.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(
            labels,
            ["1", "2", "3", "4", "5–9", "10–19", "20–49", "50–99", "100+"]
        );
        assert_eq!(records_of(&buckets), [3, 2, 0, 0, 19, 10, 0, 0, 7200]);
    }

    #[test]
    fn zero_sizes_and_repeats() {
        let buckets = class_size_buckets(&[(0, 5), (3, 0), (3, 1), (3, 2)]);
        assert_eq!(records_of(&buckets), [0, 0, 9, 0, 0, 0, 0, 0, 0]);
        let risk = risk_buckets(&[(0, 5)], Some(0.2)).unwrap();
        assert!(risk.iter().all(|b| b.records == 0));
    }

    #[test]
    fn huge_counts_saturate() {
        let buckets = class_size_buckets(&[(u64::MAX, 2), (200, 1)]);
        assert_eq!(buckets[8].records, u64::MAX);
    }

    #[test]
    fn risk_buckets_include_upper_bounds() {
        // Risks 1, 0.5, 0.2, 0.1, 0.05, 0.01, 0.005.
        let sizes = [(1, 1), (2, 1), (5, 1), (10, 1), (20, 1), (100, 1), (200, 1)];
        let buckets = risk_buckets(&sizes, None).unwrap();
        let labels: Vec<&str> = buckets.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(
            labels,
            ["0–1%", "1–5%", "5–10%", "10–20%", "20–50%", "50–100%"]
        );
        assert_eq!(records_of(&buckets), [300, 20, 10, 5, 2, 1]);
        assert!(buckets.iter().all(|b| !b.above_threshold));
    }

    #[test]
    fn threshold_on_a_boundary_marks_buckets() {
        let buckets = risk_buckets(&[(5, 1), (4, 1)], Some(0.2)).unwrap();
        assert_eq!(buckets.len(), 6);
        let above: Vec<bool> = buckets.iter().map(|b| b.above_threshold).collect();
        assert_eq!(above, [false, false, false, false, true, true]);
        // Size 5 (risk exactly 0.2) is not at risk; size 4 is.
        assert_eq!(buckets[3].records, 5);
        assert_eq!(buckets[4].records, 4);
    }

    #[test]
    fn threshold_inside_a_bucket_splits_it() {
        let buckets = risk_buckets(&[(7, 1), (6, 1)], Some(0.15)).unwrap();
        let labels: Vec<&str> = buckets.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "0–1%",
                "1–5%",
                "5–10%",
                "10–15%",
                "15–20%",
                "20–50%",
                "50–100%"
            ]
        );
        // 1/7 ≈ 0.143 ≤ 0.15 < 1/6 ≈ 0.167.
        assert_eq!(records_of(&buckets), [0, 0, 0, 7, 6, 0, 0]);
        assert!(!buckets[3].above_threshold && buckets[4].above_threshold);
    }

    #[test]
    fn extreme_thresholds() {
        let all = risk_buckets(&[(1000, 1)], Some(0.0)).unwrap();
        assert!(all.iter().all(|b| b.above_threshold));
        let none = risk_buckets(&[(1, 1)], Some(1.0)).unwrap();
        assert!(none.iter().all(|b| !b.above_threshold));
        for bad in [-0.1, 1.5, f64::NAN, f64::INFINITY] {
            assert!(matches!(
                risk_buckets(&[], Some(bad)),
                Err(Error::Threshold { .. })
            ));
        }
    }
}
