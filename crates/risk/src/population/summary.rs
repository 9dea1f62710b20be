//! The prosecutor, journalist and marketer risk summary of ARX's `RiskModelSampleSummary`
//! (El Emam's measures): per attacker the highest and lowest risk of a record, the fraction of
//! records whose risk is strictly above a threshold, and the average risk (success rate).

use serde::Serialize;

use super::{ClassSizes, PopulationError};

/// Risk of re-identification by attacker model, as ARX's `RiskModelSampleSummary` reports it.
///
/// A record's prosecutor risk is 1 / (size of its class in the sample), its journalist risk
/// 1 / (size of its class in the population). Without a population table the population is
/// the sample, as in ARX without a research subset, and journalist equals prosecutor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskSummary {
    /// The threshold that `*_records_at_risk` compares with.
    pub threshold: f64,
    /// Number of sample records n.
    pub records: u64,
    /// Number of sample classes.
    pub classes: u64,
    /// 1 / size of the smallest sample class.
    pub prosecutor_max_risk: f64,
    /// 1 / size of the largest sample class.
    pub prosecutor_min_risk: f64,
    /// Classes / records: the expected share of records re-identified.
    pub prosecutor_avg_risk: f64,
    /// Share of records in sample classes with 1 / size strictly above the threshold.
    pub prosecutor_records_at_risk: f64,
    /// 1 / size of the smallest population class of any sample class.
    pub journalist_max_risk: f64,
    /// 1 / size of the largest population class of any sample class.
    pub journalist_min_risk: f64,
    /// ARX's success rate: max(classes / sum of population class sizes,
    /// sum over classes of (sample size / population size) / records).
    pub journalist_avg_risk: f64,
    /// Share of records whose population class has 1 / size strictly above the threshold.
    pub journalist_records_at_risk: f64,
    /// Sum over classes of (sample size / population size) / records.
    pub marketer_risk: f64,
}

/// The summary when the population is the sample itself (no population table).
///
/// Errors: a threshold that is not in [0, 1].
pub fn sample_risk_summary(
    classes: &ClassSizes,
    threshold: f64,
) -> Result<RiskSummary, PopulationError> {
    check_threshold(threshold)?;
    let mut at_risk = 0.0;
    for &(size, count) in classes.entries() {
        if 1.0 / size as f64 > threshold {
            at_risk += size as f64 * count as f64;
        }
    }
    let n = classes.records() as f64;
    let records_at_risk = at_risk / n;
    let max_risk = 1.0 / classes.min_class_size() as f64;
    let min_risk = 1.0 / classes.max_class_size() as f64;
    let avg_risk = classes.classes() as f64 / n;
    Ok(RiskSummary {
        threshold,
        records: classes.records(),
        classes: classes.classes(),
        prosecutor_max_risk: max_risk,
        prosecutor_min_risk: min_risk,
        prosecutor_avg_risk: avg_risk,
        prosecutor_records_at_risk: records_at_risk,
        journalist_max_risk: max_risk,
        journalist_min_risk: min_risk,
        journalist_avg_risk: avg_risk,
        journalist_records_at_risk: records_at_risk,
        marketer_risk: avg_risk,
    })
}

/// The summary given a population table: one `(sample class size, population class size)`
/// pair per sample class.
///
/// Sums of fractions are taken in the order of `classes`; ARX takes them in the order in which
/// the classes first occur in the sample, so pass them in that order to match it to the last
/// bit (the integer-valued figures do not depend on the order).
///
/// Errors: no classes, a class of size 0, a population class smaller than its sample class,
/// a threshold that is not in [0, 1].
pub fn population_table_risk_summary(
    classes: &[(u64, u64)],
    threshold: f64,
) -> Result<RiskSummary, PopulationError> {
    check_threshold(threshold)?;
    if classes.is_empty() {
        return Err(PopulationError::EmptySample);
    }
    let (mut records, mut population_records) = (0u64, 0u64);
    let (mut prosecutor_at_risk, mut journalist_at_risk) = (0.0, 0.0);
    let (mut smallest, mut largest) = ((u64::MAX, u64::MAX), (0u64, 0u64));
    let mut fractions = 0.0;
    for &(sample, population) in classes {
        if sample == 0 {
            return Err(PopulationError::ZeroClassSize);
        }
        if population < sample {
            return Err(PopulationError::PopulationClassTooSmall { population, sample });
        }
        records = records
            .checked_add(sample)
            .ok_or(PopulationError::Overflow)?;
        population_records = population_records
            .checked_add(population)
            .ok_or(PopulationError::Overflow)?;
        if 1.0 / sample as f64 > threshold {
            prosecutor_at_risk += sample as f64;
        }
        if 1.0 / population as f64 > threshold {
            journalist_at_risk += sample as f64;
        }
        smallest = (smallest.0.min(sample), smallest.1.min(population));
        largest = (largest.0.max(sample), largest.1.max(population));
        fractions += sample as f64 / population as f64;
    }
    let n = records as f64;
    let count = classes.len() as f64;
    let success = fractions / n;
    Ok(RiskSummary {
        threshold,
        records,
        classes: classes.len() as u64,
        prosecutor_max_risk: 1.0 / smallest.0 as f64,
        prosecutor_min_risk: 1.0 / largest.0 as f64,
        prosecutor_avg_risk: count / n,
        prosecutor_records_at_risk: prosecutor_at_risk / n,
        journalist_max_risk: 1.0 / smallest.1 as f64,
        journalist_min_risk: 1.0 / largest.1 as f64,
        journalist_avg_risk: (count / population_records as f64).max(success),
        journalist_records_at_risk: journalist_at_risk / n,
        marketer_risk: success,
    })
}

/// Rejects thresholds outside [0, 1] (and NaN).
fn check_threshold(threshold: f64) -> Result<(), PopulationError> {
    if (0.0..=1.0).contains(&threshold) {
        Ok(())
    } else {
        Err(PopulationError::Threshold(threshold))
    }
}
