//! ARX's utility metrics of a node, repeating its floating-point operations (ARX 3.9,
//! `org.deidentifier.arx.metric.v2`) with the default generalization/suppression factor
//! 0.5 (both factors 1) and equal attribute weights (1 after normalization):
//!
//! - `Loss` (`MetricMDNMLoss`, aggregated by `ILMultiDimensionalGeometricMean`);
//! - discernibility (`MetricSDNMDiscernability`);
//! - average equivalence class size (`MetricSDAECS`);
//! - non-uniform entropy (`MetricMDNUNMEntropyPrecomputed`, aggregated by
//!   `ILMultiDimensionalSum`).
//!
//! Each sum over classes runs in class order (ARX's insertion order), and each per-QI value
//! is rounded down to 10 decimals as ARX's `Metric.round` does.

use super::grouping::Grouping;
use super::problem::{Dimension, Problem, Verdict};
use super::UtilityMetric;

/// `Metric.FACTOR`: per-QI values are rounded down to multiples of 1 / FACTOR.
const FACTOR: f64 = 1e10;

/// ARX's `Metric.round`.
pub(super) fn round(value: f64) -> f64 {
    (value * FACTOR).floor() / FACTOR
}

/// ARX's `log2`: `Math.log(x) / Math.log(2)`.
pub(super) fn log2(value: f64) -> f64 {
    value.ln() / std::f64::consts::LN_2
}

/// ARX's `ILMultiDimensionalGeometricMean.getAggregate` with weights 1.
fn geometric_mean(values: &[f64]) -> f64 {
    let exponent = 1.0 / values.len() as f64;
    values.iter().fold(1.0, |product, &value| {
        product * (value + 1.0).powf(exponent)
    }) - 1.0
}

/// ARX's `ILMultiDimensionalSum.getAggregate` with weights 1.
fn sum(values: &[f64]) -> f64 {
    values.iter().fold(0.0, |total, &value| total + value)
}

/// `MetricMDNMLoss.normalizeGeneralized`: the QI's loss scaled to [0, 1] and rounded.
pub(super) fn normalize_loss(aggregate: f64, tuples: f64, dim: &Dimension) -> f64 {
    let min = tuples / dim.domain_size;
    let result = (aggregate - min) / (tuples - min);
    round(if result >= 0.0 { result } else { 0.0 })
}

/// `Loss` of each QI: suppressed classes count fully, other classes by the domain share of
/// their label.
pub(super) fn loss_per_qi(problem: &Problem, grouping: &Grouping, failing: &[bool]) -> Vec<f64> {
    let tuples = problem.n_rows as f64;
    problem
        .dims
        .iter()
        .enumerate()
        .map(|(qi, dim)| {
            let shares = &dim.shares[grouping.levels[qi]];
            let mut aggregate = 0.0;
            for ((&count, code), &fails) in grouping
                .counts
                .iter()
                .zip(grouping.labels(&problem.layout, qi))
                .zip(failing)
            {
                let count = f64::from(count);
                aggregate += if fails {
                    count
                } else {
                    count * shares[code as usize]
                };
            }
            normalize_loss(aggregate, tuples, dim)
        })
        .collect()
}

/// Non-uniform entropy of each QI: the column's entropy at its level, plus for suppressed
/// records the entropy of their labels among all suppressed records.
pub(super) fn entropy_per_qi(
    problem: &Problem,
    grouping: &Grouping,
    failing: &[bool],
    suppressed: usize,
) -> Vec<f64> {
    problem
        .dims
        .iter()
        .enumerate()
        .map(|(qi, dim)| {
            let level = grouping.levels[qi];
            let mut result = dim.entropy[level];
            if suppressed != 0 {
                let mut tally = vec![0u64; dim.cards[level] as usize];
                for ((&count, code), &fails) in grouping
                    .counts
                    .iter()
                    .zip(grouping.labels(&problem.layout, qi))
                    .zip(failing)
                {
                    if fails {
                        tally[code as usize] += u64::from(count);
                    }
                }
                let suppressed = suppressed as f64;
                for &count in tally.iter().filter(|&&count| count > 0) {
                    let count = count as f64;
                    result += count * log2(count / suppressed);
                }
            }
            round(if result == 0.0 { result } else { -result })
        })
        .collect()
}

/// Discernibility: `Σ size²` over kept classes plus `records × size` over suppressed ones.
pub(super) fn discernibility(n_rows: usize, grouping: &Grouping, failing: &[bool]) -> f64 {
    let rows = n_rows as f64;
    let mut total = 0.0;
    for (&count, &fails) in grouping.counts.iter().zip(failing) {
        let count = f64::from(count);
        total += if fails { rows * count } else { count * count };
    }
    total
}

/// Average class size: records over kept classes, all suppressed records forming one more.
pub(super) fn average_class_size(n_rows: usize, failing: &[bool]) -> f64 {
    let kept = failing.iter().filter(|&&fails| !fails).count();
    let classes = kept as f64 + if kept < failing.len() { 1.0 } else { 0.0 };
    n_rows as f64 / classes
}

/// The value of `metric` for a node that satisfies the models.
pub(super) fn objective(
    metric: UtilityMetric,
    problem: &Problem,
    grouping: &Grouping,
    verdict: &Verdict,
) -> f64 {
    let (failing, suppressed) = (&verdict.failing, verdict.suppressed);
    match metric {
        UtilityMetric::Loss => geometric_mean(&loss_per_qi(problem, grouping, failing)),
        UtilityMetric::Discernibility => discernibility(problem.n_rows, grouping, failing),
        UtilityMetric::AverageClassSize => average_class_size(problem.n_rows, failing),
        UtilityMetric::NonUniformEntropy => {
            sum(&entropy_per_qi(problem, grouping, failing, suppressed))
        }
    }
}

/// Aggregates per-QI values the way `metric` does (for `Loss` and non-uniform entropy).
pub(super) fn aggregate(metric: UtilityMetric, values: &[f64]) -> f64 {
    match metric {
        UtilityMetric::Loss => geometric_mean(values),
        _ => sum(values),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_and_aggregates_follow_arx() {
        assert_eq!(round(0.123_456_789_019_9), 0.123_456_789);
        assert_eq!(round(1.0), 1.0);
        assert_eq!(geometric_mean(&[0.0, 0.0]), 0.0);
        assert_eq!(geometric_mean(&[0.0, 3.0]), 1.0);
        assert_eq!(geometric_mean(&[1.0]), 1.0);
        assert_eq!(sum(&[1.5, 2.25]), 3.75);
        assert_eq!(log2(8.0), 3.0);
        assert_eq!(average_class_size(10, &[false, true, false]), 10.0 / 3.0);
        assert_eq!(average_class_size(10, &[false, false]), 5.0);
        assert_eq!(average_class_size(10, &[true]), 10.0);
    }
}
