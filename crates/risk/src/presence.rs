//! A sample against the population table it was drawn from (ARX's research subset and its
//! superset): the size of each sample class in the population, δ-presence (ARX's `DPresence`),
//! and the journalist and marketer risk over population classes (ARX's
//! `RiskModelSampleSummary` on a handle with a superset).
//!
//! Classes of the two tables are matched by their quasi-identifier values as strings; the
//! tables need the QI columns only, in any order and with any other columns beside them.

use hashbrown::HashMap;
use serde::Serialize;
use table::Table;

use crate::classes::{column_index, EquivalenceClasses};
use crate::population::{population_table_risk_summary, PopulationError, RiskSummary};
use crate::Error;

/// The δ bounds of δ-presence: every population class must have
/// `min ≤ |class in sample| / |class in population| ≤ max`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DeltaBounds {
    /// The lowest share of a population class that may be in the sample (ARX's `dMin`).
    pub min: f64,
    /// The highest share of a population class that may be in the sample (ARX's `dMax`).
    pub max: f64,
}

impl DeltaBounds {
    /// Bounds with `0 ≤ min ≤ max ≤ 1`; anything else (NaN too) is
    /// [`Error::InvalidDeltaBounds`], where ARX would silently accept a model no data meets.
    pub fn new(min: f64, max: f64) -> Result<Self, Error> {
        if (0.0..=1.0).contains(&min) && (0.0..=1.0).contains(&max) && min <= max {
            Ok(Self { min, max })
        } else {
            Err(Error::InvalidDeltaBounds { min, max })
        }
    }
}

/// A sample matched against its population table over the quasi-identifiers.
///
/// `delta_min` and `delta_max` range over **every** population class, including those with
/// no record in the sample (δ = 0), exactly as ARX's `DPresence` checks every class of the
/// superset; the risk figures range over the sample's classes only, as ARX's
/// `RiskModelSampleSummary` does.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SampleInPopulation {
    /// Records of the sample.
    pub sample_records: u64,
    /// Records of the population table.
    pub population_records: u64,
    /// Equivalence classes of the population table over the QIs.
    pub population_classes: u64,
    /// Population classes with no record in the sample (their δ is 0).
    pub unsampled_population_classes: u64,
    /// The least δ = |class in sample| / |class in population| over the population classes.
    pub delta_min: f64,
    /// The greatest δ over the population classes.
    pub delta_max: f64,
    #[serde(skip)]
    class_sizes: Vec<(u64, u64)>,
}

impl SampleInPopulation {
    /// Matches the classes of `sample` over the QI columns named in `qi` with those of
    /// `population` (both tables must have these columns; their other columns are ignored).
    ///
    /// Fails with the errors of [`EquivalenceClasses::new`] on the sample,
    /// [`Error::PopulationUnknownColumn`] when the population table lacks a QI,
    /// [`Error::PopulationTooSmall`] when it has fewer records than the sample,
    /// [`Error::SampleNotInPopulation`] when sample records have a QI combination the
    /// population does not, and [`Error::SampleClassLargerThanPopulation`] when a class has
    /// more records in the sample than in the population: in both cases the sample is not a
    /// subset of the population.
    pub fn new<S: AsRef<str>>(sample: &Table, population: &Table, qi: &[S]) -> Result<Self, Error> {
        let sample_classes = EquivalenceClasses::new(sample, qi, None)?;
        let population_columns = qi
            .iter()
            .map(|name| {
                column_index(population, name.as_ref()).map_err(|_| {
                    Error::PopulationUnknownColumn {
                        name: name.as_ref().to_owned(),
                        available: population
                            .column_names()
                            .iter()
                            .map(|&column| column.to_owned())
                            .collect(),
                    }
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let (sample_rows, population_rows) = (sample.n_rows(), population.n_rows());
        if population_rows < sample_rows {
            return Err(Error::PopulationTooSmall {
                population_rows,
                sample_rows,
            });
        }
        let population_classes = EquivalenceClasses::new(population, qi, None)?;

        // Population classes keyed by their QI codes, one slice of `keys` each.
        let n_qi = population_columns.len();
        let population_codes: Vec<&[u32]> = population_columns
            .iter()
            .map(|&column| population.columns()[column].codes())
            .collect();
        let keys: Vec<u32> = population_classes
            .first_row_of_class()
            .iter()
            .flat_map(|&row| {
                population_codes
                    .iter()
                    .map(move |codes| codes[row as usize])
            })
            .collect();
        let class_of_key: HashMap<&[u32], usize> = keys
            .chunks_exact(n_qi)
            .enumerate()
            .map(|(class, key)| (key, class))
            .collect();

        // Each sample code as the population's code of the same value, if it has one.
        let translations: Vec<Vec<Option<u32>>> = sample_classes
            .qi_columns()
            .iter()
            .zip(&population_columns)
            .map(|(&sample_column, &population_column)| {
                let codes: HashMap<&str, u32> = (0u32..)
                    .zip(population.columns()[population_column].dictionary())
                    .map(|(code, value)| (value.as_str(), code))
                    .collect();
                sample.columns()[sample_column]
                    .dictionary()
                    .iter()
                    .map(|value| codes.get(value.as_str()).copied())
                    .collect()
            })
            .collect();
        let sample_codes: Vec<&[u32]> = sample_classes
            .qi_columns()
            .iter()
            .map(|&column| sample.columns()[column].codes())
            .collect();

        let population_sizes = population_classes.class_sizes();
        let mut sampled = vec![0u64; population_sizes.len()];
        let mut class_sizes = Vec::with_capacity(sample_classes.n_classes());
        let (mut absent_records, mut absent_classes) = (0u64, 0u64);
        let (mut over_records, mut over_classes) = (0u64, 0u64);
        let mut key = vec![0u32; n_qi];
        for (&row, &size) in sample_classes
            .first_row_of_class()
            .iter()
            .zip(sample_classes.class_sizes())
        {
            let size = u64::from(size);
            let found = key.iter_mut().enumerate().all(|(i, slot)| {
                let code = sample_codes[i][row as usize] as usize;
                translations[i][code].map(|c| *slot = c).is_some()
            });
            match found.then(|| class_of_key.get(key.as_slice())).flatten() {
                None => {
                    absent_records += size;
                    absent_classes += 1;
                }
                Some(&class) => {
                    let population_size = u64::from(population_sizes[class]);
                    if size > population_size {
                        over_records += size;
                        over_classes += 1;
                    }
                    sampled[class] = size;
                    class_sizes.push((size, population_size));
                }
            }
        }
        if absent_records > 0 {
            return Err(Error::SampleNotInPopulation {
                n_records: absent_records,
                n_classes: absent_classes,
            });
        }
        if over_records > 0 {
            return Err(Error::SampleClassLargerThanPopulation {
                n_records: over_records,
                n_classes: over_classes,
            });
        }

        let (mut delta_min, mut delta_max) = (f64::INFINITY, f64::NEG_INFINITY);
        let mut unsampled = 0u64;
        for (&count, &pcount) in sampled.iter().zip(population_sizes) {
            // ARX's DPresence.isAnonymous: count == 0 ? 0 : count / pcount, in doubles.
            let delta = if count == 0 {
                unsampled += 1;
                0.0
            } else {
                count as f64 / f64::from(pcount)
            };
            delta_min = delta_min.min(delta);
            delta_max = delta_max.max(delta);
        }
        Ok(Self {
            sample_records: sample_rows as u64,
            population_records: population_rows as u64,
            population_classes: population_sizes.len() as u64,
            unsampled_population_classes: unsampled,
            delta_min,
            delta_max,
            class_sizes,
        })
    }

    /// `(size in the sample, size in the population)` of each sample class, in the order of
    /// the class's first record in the sample (ARX's order, which its sums follow).
    pub fn class_sizes(&self) -> &[(u64, u64)] {
        &self.class_sizes
    }

    /// Whether (δmin, δmax)-presence holds: every population class, sampled or not, has
    /// `bounds.min ≤ δ ≤ bounds.max` (ARX's `DPresence` over the whole superset).
    pub fn is_delta_present(&self, bounds: DeltaBounds) -> bool {
        self.delta_min >= bounds.min && self.delta_max <= bounds.max
    }

    /// Prosecutor, journalist and marketer risk with the population classes (ARX's
    /// `RiskModelSampleSummary` on a research subset); see [`population_table_risk_summary`].
    ///
    /// Errors: a threshold that is not in [0, 1].
    pub fn risk_summary(&self, threshold: f64) -> Result<RiskSummary, PopulationError> {
        population_table_risk_summary(&self.class_sizes, threshold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_table::table;

    /// Ten people in four classes over (zip, sex); the population's columns in another order
    /// and with an extra column.
    fn population() -> Table {
        table(
            &["sex", "name", "zip"],
            &[
                &["F", "a", "02139"],
                &["F", "b", "02139"],
                &["M", "c", "02139"],
                &["F", "d", "02139"],
                &["M", "e", "02140"],
                &["M", "f", "02140"],
                &["F", "g", "02140"],
                &["F", "h", "02139"],
                &["M", "i", "02139"],
                &["F", "j", "02141"],
            ],
        )
    }

    fn sample() -> Table {
        table(
            &["zip", "sex"],
            &[
                &["02140", "M"],
                &["02139", "F"],
                &["02139", "F"],
                &["02140", "M"],
                &["02139", "M"],
            ],
        )
    }

    #[test]
    fn classes_match_by_value_and_delta_covers_unsampled_classes(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let matched = SampleInPopulation::new(&sample(), &population(), &["zip", "sex"])?;
        // Sample classes in order of first record: (02140,M), (02139,F), (02139,M).
        assert_eq!(matched.class_sizes(), [(2, 2), (2, 4), (1, 2)]);
        assert_eq!(matched.population_records, 10);
        assert_eq!(matched.population_classes, 5);
        // (02140,F) and (02141,F) have no sample record.
        assert_eq!(matched.unsampled_population_classes, 2);
        assert_eq!((matched.delta_min, matched.delta_max), (0.0, 1.0));
        assert!(matched.is_delta_present(DeltaBounds::new(0.0, 1.0)?));
        assert!(!matched.is_delta_present(DeltaBounds::new(0.0, 0.9)?));
        assert!(!matched.is_delta_present(DeltaBounds::new(0.1, 1.0)?));

        let risk = matched.risk_summary(0.4)?;
        assert_eq!(risk.journalist_max_risk, 0.5);
        assert_eq!(risk.journalist_min_risk, 0.25);
        // max(3 classes / 8 population records, (1 + 0.5 + 0.5) / 5).
        assert_eq!(risk.journalist_avg_risk, 2.0 / 5.0);
        assert_eq!(risk.marketer_risk, 2.0 / 5.0);
        // Population classes of 2, 4 and 2: 1/2 > 0.4 for the first and the last.
        assert_eq!(risk.journalist_records_at_risk, 3.0 / 5.0);
        Ok(())
    }

    #[test]
    fn delta_of_a_full_sample_is_one_everywhere() -> Result<(), Error> {
        let population = population();
        let matched = SampleInPopulation::new(&population, &population, &["zip"])?;
        assert_eq!((matched.delta_min, matched.delta_max), (1.0, 1.0));
        assert!(matched.is_delta_present(DeltaBounds::new(1.0, 1.0)?));
        Ok(())
    }

    #[test]
    fn population_without_a_qi_lists_its_columns() {
        let error = SampleInPopulation::new(&sample(), &population(), &["zip", "sex", "name"]);
        assert!(
            matches!(error, Err(Error::UnknownColumn { .. })),
            "{error:?}"
        );
        let sample = table(&["zip", "age"], &[&["02139", "30"]]);
        let error = SampleInPopulation::new(&sample, &population(), &["zip", "age"])
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some(
                "the population table has no column 'age'; its columns are: sex, name, zip; \
                 give it the same quasi-identifier columns as the data"
            )
        );
    }

    #[test]
    fn sample_rows_missing_from_the_population_are_counted() {
        let sample = table(
            &["zip", "sex"],
            &[
                &["02139", "F"],
                &["02142", "F"],
                &["02142", "F"],
                &["02141", "M"],
            ],
        );
        assert_eq!(
            SampleInPopulation::new(&sample, &population(), &["zip", "sex"]),
            Err(Error::SampleNotInPopulation {
                n_records: 3,
                n_classes: 2
            })
        );
    }

    #[test]
    fn a_sample_class_larger_than_its_population_class_is_refused() {
        let sample = table(&["zip", "sex"], &[&["02141", "F"], &["02141", "F"]]);
        assert_eq!(
            SampleInPopulation::new(&sample, &population(), &["zip", "sex"]),
            Err(Error::SampleClassLargerThanPopulation {
                n_records: 2,
                n_classes: 1
            })
        );
    }

    #[test]
    fn a_population_smaller_than_the_sample_is_refused() {
        let small = table(&["zip", "sex"], &[&["02140", "M"]]);
        assert_eq!(
            SampleInPopulation::new(&sample(), &small, &["zip", "sex"]),
            Err(Error::PopulationTooSmall {
                population_rows: 1,
                sample_rows: 5
            })
        );
    }

    #[test]
    fn delta_bounds_are_shares() {
        assert!(DeltaBounds::new(0.0, 1.0).is_ok());
        assert!(DeltaBounds::new(0.3, 0.3).is_ok());
        for (min, max) in [(0.5, 0.4), (-0.1, 0.5), (0.0, 1.5), (f64::NAN, 1.0)] {
            assert!(
                matches!(
                    DeltaBounds::new(min, max),
                    Err(Error::InvalidDeltaBounds { .. })
                ),
                "{min} {max}"
            );
        }
    }
}
