//! Pitman's model of population uniqueness (Hoshino 2001) as ARX's `ModelPitman` computes it:
//! moment-based initial guess for (theta, alpha), Newton-Raphson on the likelihood equations in
//! closed form (digamma / trigamma), checked against and if need be replaced by the iterative
//! form, then `Gamma(theta + 1) / Gamma(theta + alpha) * N^alpha` uniques.

use super::solver::{solve, Mat2, SolverConfig, Vec2};
use super::special::{digamma, gamma, jpow, log_gamma, trigamma};

/// The sample quantities the model needs.
pub(super) struct Sample<'a> {
    /// `(class size, number of classes)`, ascending by size.
    pub(super) histogram: &'a [(u64, u64)],
    /// Number of classes u.
    pub(super) classes: f64,
    /// Number of records n.
    pub(super) records: f64,
    /// Population size N.
    pub(super) population: f64,
    /// Classes of size 1.
    pub(super) c1: f64,
    /// Classes of size 2.
    pub(super) c2: f64,
}

/// Estimated number of population uniques; NaN when the solver finds no root or the result is
/// not in [0, N].
pub(super) fn estimate(sample: &Sample<'_>, config: &SolverConfig) -> f64 {
    let (c1, u, n, p) = (sample.c1, sample.classes, sample.records, sample.population);
    let c2 = if sample.c2 != 0.0 { sample.c2 } else { 1.0 };
    let c = (c1 * (c1 - 1.0)) / c2;
    let t = ((n * u * c) - (c1 * (n - 1.0) * ((2.0 * u) + c)))
        / (((2.0 * c1 * u) + (c1 * c)) - (n * c));
    let a = ((t * (c1 - n)) + ((n - 1.0) * c1)) / (n * u);
    let start = Vec2 { x: t, y: a };
    let theta_non_negative: fn(Vec2) -> bool = |v| v.x >= 0.0;
    let h = sample.histogram;

    let mut result = solve(config, start, Some(theta_non_negative), |v| {
        closed(h, u, n, v)
    });
    let use_iterative = if result.x.is_nan() || result.y.is_nan() {
        true
    } else {
        let (test, _) = iterative(h, u, n, result, false);
        test.x.is_nan()
            || test.y.is_nan()
            || test.x.abs() > config.accuracy
            || test.y.abs() > config.accuracy
    };
    if use_iterative {
        result = solve(config, start, Some(theta_non_negative), |v| {
            iterative(h, u, n, v, true)
        });
    }
    uniques(result, p)
}

/// Objective functions and Jacobian of the likelihood in closed form
/// (`getMasterFunctionClosed`).
fn closed(h: &[(u64, u64)], u: f64, n: f64, v: Vec2) -> (Vec2, Mat2) {
    let (t, a) = (v.x, v.y);
    let val0 = u - 1.0;
    let val1 = digamma(val0 + (t / a) + 1.0);
    let val2 = trigamma((a + t + (a * val0)) / a);
    let val3 = trigamma((t / a) + 1.0);
    let val4 = digamma((t / a) + 1.0);
    let val5 = a * a;
    let d1 = (val3 - val2) / val5;
    let d5 = (((a * val1) + (t * val2)) - (a * val4) - (t * val3)) / (val5 * a);
    let d3 = (((((val5 * val0) - (t * t * val2)) + (t * t * val3)) - (2.0 * a * t * val1))
        + (2.0 * a * t * val4))
        / (val5 * val5);
    let o1 = (val1 - val4) / a;
    let o3 = ((-t * val1) + (a * val0) + (t * val4)) / (a * a);
    let o2 = digamma(n + t) - digamma(t + 1.0);
    let d2 = trigamma(t + 1.0) - trigamma(n + t);
    let (mut d4, mut o4) = (0.0, 0.0);
    let val6 = digamma(1.0 - a);
    let val7 = trigamma(1.0 - a);
    for &(key, value) in h {
        if key != 1 {
            let (key, value) = (key as f64, value as f64);
            d4 += value * (val7 - trigamma(key - a));
            o4 += value * (digamma(key - a) - val6);
        }
    }
    assemble([o1, o2, o3, o4], [d1, d2, d3, d4, d5])
}

/// Objective functions (and, with `jacobian`, the Jacobian) of the likelihood as sums
/// (`getMasterFunctionIterative` / `getObjectFunctionsIterative`).
fn iterative(h: &[(u64, u64)], u: f64, n: f64, v: Vec2, jacobian: bool) -> (Vec2, Mat2) {
    let (t, a) = (v.x, v.y);
    let (mut d1, mut d2, mut d3, mut d4, mut d5) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let (mut o1, mut o2, mut o3, mut o4) = (0.0, 0.0, 0.0, 0.0);
    let mut i = 1.0;
    while i < u {
        let val0 = t + (i * a);
        let val1 = 1.0 / val0;
        o1 += val1;
        o3 += i * val1;
        if jacobian {
            let val3 = 1.0 / (val0 * val0);
            let val4 = i * val3;
            d1 += val3;
            d5 += val4;
            d3 += i * val4;
        }
        i += 1.0;
    }
    for &(key, value) in h {
        if key != 1 {
            let (mut val1, mut val2) = (0.0, 0.0);
            for j in 1..key {
                let val3 = j as f64 - a;
                if jacobian {
                    val1 += 1.0 / (val3 * val3);
                }
                val2 += 1.0 / val3;
            }
            d4 += value as f64 * val1;
            o4 += value as f64 * val2;
        }
    }
    let mut i = 1.0;
    while i < n {
        let val0 = t + i;
        if jacobian {
            d2 += 1.0 / (val0 * val0);
        }
        o2 += 1.0 / val0;
        i += 1.0;
    }
    assemble([o1, o2, o3, o4], [d1, d2, d3, d4, d5])
}

/// `getResult`: the larger of the log-gamma and the gamma form that lies in [0, N].
fn uniques(result: Vec2, p: f64) -> f64 {
    let (t, a) = (result.x, result.y);
    if a.is_nan() || t.is_nan() || a == 0.0 {
        return f64::NAN;
    }
    let in_range = |v: f64| if (0.0..=p).contains(&v) { v } else { f64::NAN };
    let val1 = in_range((log_gamma(t + 1.0) - log_gamma(t + a)).exp() * jpow(p, a));
    let val2 = in_range((gamma(t + 1.0) / gamma(t + a)) * jpow(p, a));
    match (val1.is_nan(), val2.is_nan()) {
        (true, true) => f64::NAN,
        (false, false) => val1.max(val2),
        (true, false) => val2,
        (false, true) => val1,
    }
}

/// The objective functions and Jacobian from their partial sums, as both of ARX's variants
/// combine them (`o1 - o2`, `o3 - o4`; `d2 - d1`, `-d5`, `-d5`, `-d3 - d4`).
fn assemble([o1, o2, o3, o4]: [f64; 4], [d1, d2, d3, d4, d5]: [f64; 5]) -> (Vec2, Mat2) {
    let derivatives = Mat2 {
        x1: d2 - d1,
        x2: 0.0 - d5,
        y1: 0.0 - d5,
        y2: 0.0 - d3 - d4,
    };
    (
        Vec2 {
            x: o1 - o2,
            y: o3 - o4,
        },
        derivatives,
    )
}
