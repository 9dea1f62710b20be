//! Privacy and prosecutor-risk figures of a grouped table with ARX's definitions: the
//! [`RiskReport`], k-anonymity, and (in submodules) l-diversity and t-closeness.

mod hierarchy;
mod sensitive;

pub(crate) use hierarchy::HierarchicalEmd;
pub use hierarchy::SensitiveHierarchy;
pub use sensitive::SensitiveDistributions;
pub(crate) use sensitive::{equal_distance, global_shares};

use serde::Serialize;
use table::Table;

use crate::classes::{ClassSizeCount, EquivalenceClasses};
use crate::Error;

/// The risk threshold used when none is given: a record is at risk when its re-identification
/// probability is above 20 %.
pub const DEFAULT_THRESHOLD: f64 = 0.2;

/// The sensitive attribute of an assessment, with its hierarchy for hierarchical t-closeness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SensitiveAttribute {
    /// The sensitive column's name.
    pub column: String,
    /// When given, `t_closeness_max` uses the hierarchical ground distance over it.
    pub hierarchy: Option<SensitiveHierarchy>,
}

/// What to assess: the columns and their roles, and the risk threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskQuery {
    /// The quasi-identifier columns.
    pub qi: Vec<String>,
    /// The column that identifies a person across several rows, if any.
    pub person_id: Option<String>,
    /// The sensitive attribute, if any.
    pub sensitive: Option<SensitiveAttribute>,
    /// A record is at risk when `1 / class size` is strictly greater than this.
    pub threshold: f64,
}

impl RiskQuery {
    /// A query over the QI columns `qi`, without person id or sensitive attribute, with the
    /// [`DEFAULT_THRESHOLD`].
    pub fn new<S: Into<String>>(qi: impl IntoIterator<Item = S>) -> Self {
        Self {
            qi: qi.into_iter().map(Into::into).collect(),
            person_id: None,
            sensitive: None,
            threshold: DEFAULT_THRESHOLD,
        }
    }
}

/// The risk figures of one table, as ARX's `RiskModelSampleSummary` (prosecutor risk),
/// `RiskModelSampleUniqueness` and the l-diversity and t-closeness criteria define them.
///
/// Every fraction is over persons, which are the rows when there is no person id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskReport {
    /// Input rows.
    pub rows: usize,
    /// Persons: distinct person ids, or `rows` without a person id.
    pub persons: usize,
    /// Equivalence classes.
    pub classes: usize,
    /// The smallest class size: the table is k-anonymous for every k up to this.
    pub k_min: usize,
    /// `classes / persons`: the share of persons a prosecutor re-identifies on average.
    pub avg_prosecutor_risk: f64,
    /// `1 / k_min`: the highest re-identification probability of any person.
    pub max_prosecutor_risk: f64,
    /// The fraction of persons alone in their class.
    pub sample_uniques: f64,
    /// The fraction of persons whose `1 / class size` is strictly greater than `threshold`.
    pub records_at_risk: f64,
    /// The threshold `records_at_risk` was computed with.
    pub threshold: f64,
    /// The least number of distinct sensitive values in a class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l_distinct_min: Option<usize>,
    /// The least `exp(H)` over the classes, `H` the Shannon entropy (natural logarithm) of
    /// the class's sensitive values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l_entropy_min: Option<f64>,
    /// The greatest earth mover's distance between a class's sensitive distribution and the
    /// whole table's: hierarchical when a hierarchy was given, else equal-distance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub t_closeness_max: Option<f64>,
    /// How many classes there are of each size, by ascending size.
    pub class_size_histogram: Vec<ClassSizeCount>,
}

impl RiskReport {
    /// The prosecutor-risk figures of `classes`, with persons at risk above `threshold`.
    ///
    /// Fails with [`Error::InvalidThreshold`] unless `0 ≤ threshold ≤ 1`.
    pub fn from_classes(classes: &EquivalenceClasses, threshold: f64) -> Result<Self, Error> {
        if !(0.0..=1.0).contains(&threshold) {
            return Err(Error::InvalidThreshold { threshold });
        }
        let histogram = classes.size_histogram();
        let n_persons = classes.n_persons();
        let persons = n_persons as f64;
        let n_unique: usize = histogram
            .iter()
            .filter(|bar| bar.size == 1)
            .map(|bar| bar.classes)
            .sum();
        let n_at_risk: usize = histogram
            .iter()
            .filter(|bar| 1.0 / bar.size as f64 > threshold)
            .map(|bar| bar.size * bar.classes)
            .sum();
        let k_min = classes.k_min();
        Ok(Self {
            rows: classes.n_rows(),
            persons: n_persons,
            classes: classes.n_classes(),
            k_min,
            avg_prosecutor_risk: classes.n_classes() as f64 / persons,
            max_prosecutor_risk: 1.0 / k_min as f64,
            sample_uniques: n_unique as f64 / persons,
            records_at_risk: n_at_risk as f64 / persons,
            threshold,
            l_distinct_min: None,
            l_entropy_min: None,
            t_closeness_max: None,
            class_size_histogram: histogram,
        })
    }

    /// Adds the l-diversity and t-closeness figures of `distributions`; `t_closeness_max`
    /// is hierarchical when `hierarchy` is given.
    ///
    /// Fails with [`Error::HierarchyMissesValues`] when the hierarchy misses a value.
    pub fn add_sensitive(
        &mut self,
        distributions: &SensitiveDistributions,
        hierarchy: Option<&SensitiveHierarchy>,
    ) -> Result<(), Error> {
        self.t_closeness_max = Some(match hierarchy {
            Some(hierarchy) => distributions.hierarchical_t_closeness_max(hierarchy)?,
            None => distributions.t_closeness_max(),
        });
        self.l_distinct_min = Some(distributions.l_distinct_min());
        self.l_entropy_min = Some(distributions.l_entropy_min());
        Ok(())
    }
}

/// Assesses `table` as `query` asks: groups it, then computes every figure of [`RiskReport`].
///
/// Fails with the errors of [`EquivalenceClasses::new`], [`RiskReport::from_classes`],
/// [`SensitiveDistributions::new`] and [`RiskReport::add_sensitive`].
pub fn assess(table: &Table, query: &RiskQuery) -> Result<RiskReport, Error> {
    let classes = EquivalenceClasses::new(table, &query.qi, query.person_id.as_deref())?;
    let mut report = RiskReport::from_classes(&classes, query.threshold)?;
    if let Some(sensitive) = &query.sensitive {
        let distributions = SensitiveDistributions::new(table, &classes, &sensitive.column)?;
        report.add_sensitive(&distributions, sensitive.hierarchy.as_ref())?;
    }
    Ok(report)
}

impl EquivalenceClasses {
    /// Whether every class has at least `k` persons.
    ///
    /// Fails with [`Error::ZeroK`] for `k = 0` and [`Error::KTooLarge`] when `k` exceeds the
    /// number of persons.
    pub fn is_k_anonymous(&self, k: usize) -> Result<bool, Error> {
        if k == 0 {
            return Err(Error::ZeroK);
        }
        if k > self.n_persons() {
            return Err(Error::KTooLarge {
                k,
                n_persons: self.n_persons(),
            });
        }
        Ok(self.k_min() >= k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[[&str; 2]]) -> Table {
        let mut table = Table::new(vec!["zip".to_owned(), "diagnosis".to_owned()]);
        for row in rows {
            table
                .push_row(row)
                .unwrap_or_else(|error| panic!("{error}"));
        }
        table
    }

    #[test]
    fn threshold_is_strict_and_checked() -> Result<(), Error> {
        // Classes of sizes 1, 2 and 5: risks 1, 0.5 and 0.2.
        let mut rows = vec![["a", "x"], ["b", "x"], ["b", "x"]];
        rows.extend([["c", "x"]; 5]);
        let classes = EquivalenceClasses::new(&table(&rows), &["zip"], None)?;
        let report = RiskReport::from_classes(&classes, 0.2)?;
        assert_eq!(report.records_at_risk, 3.0 / 8.0);
        assert_eq!(
            RiskReport::from_classes(&classes, 0.5)?.records_at_risk,
            1.0 / 8.0
        );
        assert_eq!(
            RiskReport::from_classes(&classes, 0.0)?.records_at_risk,
            1.0
        );
        for threshold in [-0.1, 1.5, f64::NAN] {
            let result = RiskReport::from_classes(&classes, threshold);
            assert!(
                matches!(result, Err(Error::InvalidThreshold { .. })),
                "{result:?}"
            );
        }
        Ok(())
    }

    #[test]
    fn k_anonymity_bounds() -> Result<(), Error> {
        let classes = EquivalenceClasses::new(&table(&[["a", "x"], ["a", "y"]]), &["zip"], None)?;
        assert_eq!(classes.is_k_anonymous(2), Ok(true));
        assert_eq!(classes.is_k_anonymous(0), Err(Error::ZeroK));
        assert_eq!(
            classes.is_k_anonymous(3),
            Err(Error::KTooLarge { k: 3, n_persons: 2 })
        );
        Ok(())
    }

    #[test]
    fn report_json_has_snake_case_keys_and_skips_absent_figures() -> Result<(), Error> {
        let report = assess(&table(&[["a", "x"]]), &RiskQuery::new(["zip"]))?;
        let json = serde_json::to_value(&report).unwrap_or_else(|error| panic!("{error}"));
        let mut keys: Vec<&str> = json
            .as_object()
            .map(|object| object.keys().map(String::as_str).collect())
            .unwrap_or_default();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "avg_prosecutor_risk",
                "class_size_histogram",
                "classes",
                "k_min",
                "max_prosecutor_risk",
                "persons",
                "records_at_risk",
                "rows",
                "sample_uniques",
                "threshold"
            ]
        );
        Ok(())
    }
}
