//! Zayatz's model of population uniqueness (Zayatz 1991) as ARX's `ModelZayatz` computes it,
//! with the hypergeometric probabilities of Apache Commons Math 3.6.1
//! (`HypergeometricDistribution.probability`, Loader's saddle point expansion).

// The constants keep the decimal digits of the sources they are checked against.
#![allow(clippy::excessive_precision)]

use std::f64::consts::PI;

/// Estimated number of population uniques: sample uniques times the probability that a sample
/// unique is a population unique, divided by the sampling fraction.
///
/// `population` and `records` are clamped to `i32::MAX` as ARX does (an `int` cast).
pub(super) fn estimate(
    histogram: &[(u64, u64)],
    classes: f64,
    records: f64,
    population: f64,
    c1: f64,
) -> f64 {
    let big_n = to_java_int(population);
    let sample = to_java_int(records);
    let mut temp = 0.0;
    for &(size, count) in histogram {
        temp +=
            (count as f64 / classes) * probability_of_one(big_n, to_java_int(size as f64), sample);
    }
    let uniques_in_sample = if histogram[0].0 == 1 {
        histogram[0].1 as f64
    } else {
        0.0
    };
    let uniqueness = ((uniques_in_sample / classes) * probability_of_one(big_n, 1, sample)) / temp;
    c1 * uniqueness / (records / population)
}

/// Java's `(int) d` for a non-negative double, clamped at `Integer.MAX_VALUE`.
fn to_java_int(d: f64) -> i64 {
    if d > f64::from(i32::MAX) {
        i64::from(i32::MAX)
    } else {
        d as i64
    }
}

/// P(X = 1) for X hypergeometric: `successes` marked among `population`, `sample` drawn.
fn probability_of_one(population: i64, successes: i64, sample: i64) -> f64 {
    let lower = 0.max(successes - (population - sample));
    let upper = sample.min(successes);
    if 1 < lower || 1 > upper {
        return 0.0;
    }
    let p = sample as f64 / population as f64;
    let q = (population - sample) as f64 / population as f64;
    let p1 = log_binomial_probability(1, successes, p, q);
    let p2 = log_binomial_probability(sample - 1, population - successes, p, q);
    let p3 = log_binomial_probability(sample, population, p, q);
    let log = p1 + p2 - p3;
    if log == f64::NEG_INFINITY {
        0.0
    } else {
        log.exp()
    }
}

/// `SaddlePointExpansion.logBinomialProbability`.
fn log_binomial_probability(x: i64, n: i64, p: f64, q: f64) -> f64 {
    let (xf, nf) = (x as f64, n as f64);
    if x == 0 {
        if p < 0.1 {
            -deviance_part(nf, nf * q) - nf * p
        } else {
            nf * q.ln()
        }
    } else if x == n {
        if q < 0.1 {
            -deviance_part(nf, nf * p) - nf * q
        } else {
            nf * p.ln()
        }
    } else {
        let ret = stirling_error(nf)
            - stirling_error(xf)
            - stirling_error((n - x) as f64)
            - deviance_part(xf, nf * p)
            - deviance_part((n - x) as f64, nf * q);
        let f = (2.0 * PI * xf * (n - x) as f64) / nf;
        -0.5 * f.ln() + ret
    }
}

/// `SaddlePointExpansion.getStirlingError` for whole numbers (all this model needs).
fn stirling_error(z: f64) -> f64 {
    const EXACT: [f64; 31] = [
        0.0,
        0.153_426_409_720_027_345_291_384_8,
        0.081_061_466_795_327_258_219_670_2,
        0.054_814_121_051_917_653_896_139_0,
        0.041_340_695_955_409_294_093_822_1,
        0.033_162_873_519_936_287_485_110_48,
        0.027_677_925_684_998_339_148_789_29,
        0.023_746_163_656_297_495_971_329_20,
        0.020_790_672_103_765_093_111_522_77,
        0.018_488_450_532_673_185_230_779_34,
        0.016_644_691_189_821_192_163_194_87,
        0.015_134_973_221_917_378_873_512_55,
        0.013_876_128_823_070_747_998_745_73,
        0.012_810_465_242_920_226_924_249_86,
        0.011_896_709_945_891_770_095_055_72,
        0.011_104_559_758_206_917_326_629_91,
        0.010_411_265_261_972_096_497_478_567,
        0.009_799_416_126_158_803_298_389_475,
        0.009_255_462_182_712_732_917_728_637,
        0.008_768_700_134_139_385_462_952_823,
        0.008_330_563_433_362_871_256_469_318,
        0.007_934_114_564_314_020_547_248_100,
        0.007_573_675_487_951_840_794_972_024,
        0.007_244_554_301_320_383_179_543_912,
        0.006_942_840_107_209_529_865_664_152,
        0.006_665_247_032_707_682_442_354_394,
        0.006_408_994_188_004_207_068_439_631,
        0.006_171_712_263_039_457_647_532_867,
        0.005_951_370_112_758_847_735_624_416,
        0.005_746_216_513_010_115_682_023_589,
        0.005_554_733_551_962_801_371_038_690,
    ];
    if z < 15.0 {
        EXACT[(2.0 * z) as usize]
    } else {
        let z2 = z * z;
        (0.083_333_333_333_333_333_333
            - (0.002_777_777_777_777_777_777_78
                - (0.000_793_650_793_650_793_650_793_650_65
                    - (0.000_595_238_095_238_095_238_095_238
                        - 0.000_841_750_841_750_841_750_841_750_8 / z2)
                        / z2)
                    / z2)
                / z2)
            / z
    }
}

/// `SaddlePointExpansion.getDeviancePart`: x log(x / mu) + mu - x, by a series when x is
/// close to mu.
fn deviance_part(x: f64, mu: f64) -> f64 {
    if (x - mu).abs() < 0.1 * (x + mu) {
        let d = x - mu;
        let mut v = d / (x + mu);
        let mut s1 = v * d;
        let mut s = f64::NAN;
        let mut ej = 2.0 * x * v;
        v *= v;
        let mut j = 1.0;
        while s1 != s {
            s = s1;
            ej *= v;
            s1 = s + ej / ((j * 2.0) + 1.0);
            j += 1.0;
        }
        s1
    } else {
        x * (x / mu).ln() + mu - x
    }
}
