//! Population uniqueness as ARX's `RiskModelPopulationUniqueness` estimates it: the Pitman,
//! Zayatz and SNB models and Dankar et al.'s decision rule choosing among them.

use serde::Serialize;

use super::{pitman, snb, zayatz, ClassSizes, Population, PopulationError, SolverConfig};

/// The model Dankar et al.'s decision rule took its estimate from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DankarModel {
    /// Pitman (sampling fraction at most 0.1 and Pitman's estimate defined).
    Pitman,
    /// Zayatz (the fallback, or the smaller of Zayatz and SNB above 0.1).
    Zayatz,
    /// SNB (sampling fraction above 0.1, SNB defined and not above Zayatz).
    Snb,
    /// No sample uniques: every estimate is 0 and no model was needed.
    NoSampleUniques,
}

/// Estimated uniqueness of the population. The four estimates are fractions of the
/// population (estimated population uniques / N, ARX's `getFractionOfUniqueTuples*`); `None`
/// where ARX reports the estimate as not available (it came out NaN or 0 although the sample
/// has uniques).
///
/// Pitman and SNB come from Newton-Raphson solves, and so depend on [`SolverConfig`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PopulationUniqueness {
    /// Population size N.
    pub population_size: u64,
    /// Sample size n.
    pub sample_size: u64,
    /// n / N, the fraction the models use.
    pub sampling_fraction: f64,
    /// Number of classes of size 1 in the sample (the sample uniques).
    pub sample_uniques: u64,
    /// Pitman's estimate.
    pub pitman: Option<f64>,
    /// Zayatz's estimate.
    pub zayatz: Option<f64>,
    /// The SNB estimate.
    pub snb: Option<f64>,
    /// Dankar et al.'s decision rule (with ARX's default fallback to Zayatz).
    pub dankar: Option<f64>,
    /// The model the decision rule chose.
    pub dankar_model: DankarModel,
    /// Dankar's estimated number of unique individuals in the population.
    pub population_uniques: Option<f64>,
}

/// Estimates how many individuals of the population are unique on the quasi-identifiers.
///
/// The decision rule (Dankar et al. 2012): with n / N <= 0.1 Pitman, falling back to Zayatz
/// when Pitman is undefined; above 0.1 the smaller of Zayatz and SNB, or Zayatz when SNB is
/// undefined.
///
/// Errors: a sampling fraction not in (0, 1], a population smaller than the sample.
pub fn population_uniqueness(
    classes: &ClassSizes,
    population: Population,
    solver: &SolverConfig,
) -> Result<PopulationUniqueness, PopulationError> {
    let sample_size = classes.records();
    let population_size = population.size_for(sample_size)?;
    let (n, big_n) = (sample_size as f64, population_size as f64);
    let f = n / big_n;
    let c1_count = classes.classes_of_size(1);
    let mut result = PopulationUniqueness {
        population_size,
        sample_size,
        sampling_fraction: f,
        sample_uniques: c1_count,
        pitman: Some(0.0),
        zayatz: Some(0.0),
        snb: Some(0.0),
        dankar: Some(0.0),
        dankar_model: DankarModel::NoSampleUniques,
        population_uniques: Some(0.0),
    };
    if c1_count == 0 {
        return Ok(result);
    }
    let (c1, c2) = (c1_count as f64, classes.classes_of_size(2) as f64);
    let u = classes.classes() as f64;
    let histogram = classes.entries();
    let sample = pitman::Sample {
        histogram,
        classes: u,
        records: n,
        population: big_n,
        c1,
        c2,
    };
    let pitman = pitman::estimate(&sample, solver);
    let zayatz = zayatz::estimate(histogram, u, n, big_n, c1);
    let snb = snb::estimate(histogram, u, c1, c2, f, solver);
    let valid = |v: f64| !v.is_nan() && v != 0.0;
    let (dankar, model) = if f <= 0.1 {
        if valid(pitman) {
            (pitman, DankarModel::Pitman)
        } else {
            (zayatz, DankarModel::Zayatz)
        }
    } else if valid(snb) {
        // A NaN Zayatz estimate compares false: SNB is taken, as in ARX.
        if zayatz < snb {
            (zayatz, DankarModel::Zayatz)
        } else {
            (snb, DankarModel::Snb)
        }
    } else {
        (zayatz, DankarModel::Zayatz)
    };
    let fraction = |v: f64| valid(v).then(|| v / big_n);
    result.pitman = fraction(pitman);
    result.zayatz = fraction(zayatz);
    result.snb = fraction(snb);
    result.dankar = fraction(dankar);
    result.dankar_model = model;
    result.population_uniques = valid(dankar).then_some(dankar);
    Ok(result)
}
