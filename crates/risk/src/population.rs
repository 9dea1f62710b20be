//! Population-level attacker models with ARX's definitions, on plain numbers: the sample's
//! class-size histogram ([`ClassSizes`], ARX's `RiskModelHistogram`), the population
//! ([`Population`]: a size N, or a sampling fraction pi giving N = round(n / pi) as
//! `ARXPopulationModel` does), and, for a population table, the population size of each sample
//! class.
//!
//! It owns:
//! - the prosecutor / journalist / marketer summary of ARX's `RiskModelSampleSummary`
//!   ([`sample_risk_summary`] without a population table, [`population_table_risk_summary`] with
//!   one);
//! - the population uniqueness estimators of ARX's `RiskModelPopulationUniqueness`: Pitman,
//!   Zayatz, SNB and Dankar's decision rule ([`population_uniqueness`]), with ARX's
//!   Newton-Raphson solver settings ([`SolverConfig`]).
//!
//! Nothing here knows about tables or equivalence classes: callers count the classes.
//!
//! The numerics follow ARX operation for operation, down to the Java library functions it
//! calls (fdlibm's `StrictMath`, Commons Math's gamma functions, the Newton-Raphson library):
//! on the Adult golden cases every figure equals ARX's bit for bit. The few ulps by which
//! Pitman or SNB can still differ on rare inputs are explained in `special.rs`.

mod fdlibm;
mod pitman;
mod rem_pio2;
mod snb;
mod solver;
mod special;
mod summary;
mod uniqueness;
mod zayatz;

pub use solver::SolverConfig;
pub use summary::{population_table_risk_summary, sample_risk_summary, RiskSummary};
pub use uniqueness::{population_uniqueness, DankarModel, PopulationUniqueness};

/// Invalid input to a population model.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PopulationError {
    /// The sample has no records (an empty histogram, or only classes counted zero times).
    #[error("the sample has no records")]
    EmptySample,
    /// A histogram entry or a population table row has a class of size 0.
    #[error("an equivalence class of size 0 is not a class")]
    ZeroClassSize,
    /// The number of records does not fit in 64 bits.
    #[error("the number of records overflows")]
    Overflow,
    /// The sampling fraction is not a number in (0, 1].
    #[error("sampling fraction {0} is not in (0, 1]")]
    SamplingFraction(f64),
    /// The population is smaller than the sample.
    #[error("population size {population} is smaller than the sample ({sample} records)")]
    PopulationTooSmall {
        /// Population size N.
        population: u64,
        /// Sample size n.
        sample: u64,
    },
    /// A class is smaller in the population table than in the sample.
    #[error(
        "a population class of size {population} is smaller than its sample class of size {sample}"
    )]
    PopulationClassTooSmall {
        /// Size of the class in the population.
        population: u64,
        /// Size of the class in the sample.
        sample: u64,
    },
    /// The risk threshold is not a number in [0, 1].
    #[error("risk threshold {0} is not in [0, 1]")]
    Threshold(f64),
}

/// The sample's equivalence classes as a histogram: how many classes there are of each size,
/// ascending by size, without zero counts (ARX's `RiskModelHistogram`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassSizes {
    entries: Vec<(u64, u64)>,
    classes: u64,
    records: u64,
}

impl ClassSizes {
    /// Builds the histogram from `(class size, number of classes of that size)` pairs in any
    /// order; pairs of the same size are added up and zero counts dropped.
    ///
    /// Errors: a class size of 0 with a non-zero count, no records at all, or more records than
    /// fit in a `u64`.
    pub fn new(histogram: &[(u64, u64)]) -> Result<Self, PopulationError> {
        let mut sorted: Vec<(u64, u64)> = histogram
            .iter()
            .copied()
            .filter(|&(_, count)| count > 0)
            .collect();
        sorted.sort_unstable_by_key(|&(size, _)| size);
        let mut entries: Vec<(u64, u64)> = Vec::with_capacity(sorted.len());
        let (mut classes, mut records) = (0u64, 0u64);
        for (size, count) in sorted {
            if size == 0 {
                return Err(PopulationError::ZeroClassSize);
            }
            classes = classes
                .checked_add(count)
                .ok_or(PopulationError::Overflow)?;
            let rows = size.checked_mul(count).ok_or(PopulationError::Overflow)?;
            records = records.checked_add(rows).ok_or(PopulationError::Overflow)?;
            match entries.last_mut() {
                Some(last) if last.0 == size => last.1 += count,
                _ => entries.push((size, count)),
            }
        }
        if records == 0 {
            return Err(PopulationError::EmptySample);
        }
        Ok(Self {
            entries,
            classes,
            records,
        })
    }

    /// Builds the histogram from the size of every class.
    pub fn from_class_sizes(sizes: impl IntoIterator<Item = u64>) -> Result<Self, PopulationError> {
        let mut counts = std::collections::BTreeMap::<u64, u64>::new();
        for size in sizes {
            *counts.entry(size).or_insert(0) += 1;
        }
        Self::new(&counts.into_iter().collect::<Vec<_>>())
    }

    /// `(class size, number of classes)` pairs, ascending by size, counts non-zero.
    pub fn entries(&self) -> &[(u64, u64)] {
        &self.entries
    }

    /// Number of equivalence classes.
    pub fn classes(&self) -> u64 {
        self.classes
    }

    /// Number of records n (the sum of the class sizes).
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Number of classes of the given size (for size 1: the sample uniques).
    pub fn classes_of_size(&self, size: u64) -> u64 {
        self.entries
            .binary_search_by_key(&size, |&(s, _)| s)
            .map_or(0, |i| self.entries[i].1)
    }

    /// Size of the smallest class (k of k-anonymity).
    pub fn min_class_size(&self) -> u64 {
        self.entries[0].0
    }

    /// Size of the largest class.
    pub fn max_class_size(&self) -> u64 {
        self.entries[self.entries.len() - 1].0
    }

    /// Average class size, records / classes.
    pub fn average_class_size(&self) -> f64 {
        self.records as f64 / self.classes as f64
    }
}

/// The population the sample was drawn from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Population {
    /// The population size N (at least the number of sample records).
    Size(u64),
    /// The sampling fraction pi = n / N in (0, 1]; N is `round(n / pi)` as in ARX's
    /// `ARXPopulationModel.create(sampleSize, samplingFraction)`, and the models then use
    /// n / N, not pi itself.
    SamplingFraction(f64),
}

impl Population {
    /// The population size N for a sample of `sample` records.
    ///
    /// Errors: a sampling fraction that is not in (0, 1], or a population smaller than the
    /// sample.
    pub fn size_for(self, sample: u64) -> Result<u64, PopulationError> {
        let size = match self {
            Population::Size(size) => size,
            Population::SamplingFraction(pi) => {
                if !(pi > 0.0 && pi <= 1.0) {
                    return Err(PopulationError::SamplingFraction(pi));
                }
                // Java's Math.round for a positive double: half-way cases round up.
                let size = (sample as f64 / pi).round();
                if size >= u64::MAX as f64 {
                    return Err(PopulationError::Overflow);
                }
                size as u64
            }
        };
        if size < sample {
            return Err(PopulationError::PopulationTooSmall {
                population: size,
                sample,
            });
        }
        Ok(size)
    }
}
