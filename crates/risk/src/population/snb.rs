//! The slide negative binomial (SNB) model of population uniqueness (Chen 1998) as ARX's
//! `ModelSNB` computes it: Shlosser's estimate K of the number of non-empty population
//! classes, Newton-Raphson from (1, 1) for (alpha, beta) on the equations for the sample's
//! classes of size 1 and 2, then `K * beta^alpha` uniques.

use super::solver::{solve, Mat2, SolverConfig, Vec2};
use super::special::jpow;

/// Estimated number of population uniques; NaN when the solver finds no root. Not range
/// checked, as in ARX.
pub(super) fn estimate(
    histogram: &[(u64, u64)],
    classes: f64,
    c1: f64,
    c2: f64,
    f: f64,
    config: &SolverConfig,
) -> f64 {
    let k = non_empty_classes(histogram, classes, c1, f);
    let result = solve(config, Vec2 { x: 1.0, y: 1.0 }, None, |v| {
        (objective(k, f, c1, c2, v), derivatives(k, f, v))
    });
    k * jpow(result.y, result.x)
}

/// `estimateNonEmptyEquivalenceClasses` (Haas 1998, Shlosser), including ARX's `- 1` inside
/// the sum of the second term.
fn non_empty_classes(histogram: &[(u64, u64)], n: f64, n1: f64, f: f64) -> f64 {
    let (mut var1, mut var2, mut var3, mut var4) = (0.0, 0.0, 0.0, 0.0);
    let var5 = f * f;
    for &(size, count) in histogram {
        let (val0, val1) = (size as f64, count as f64);
        let val2 = jpow(1.0 - f, val0) * val1;
        var1 += val0 * var5 * jpow(1.0 - var5, val0 - 1.0) * val1;
        var2 += val2 * jpow(1.0 + f, val0) - 1.0;
        var3 += val2;
        var4 += val0 * f * jpow(1.0 - f, val0 - 1.0) * val1;
    }
    n + n1 * (var1 / var2) * (var3 / var4) * (var3 / var4)
}

/// The two equations of the SNB model, each minus its observed count.
fn objective(k: f64, f: f64, c1: f64, c2: f64, v: Vec2) -> Vec2 {
    let (a, b) = (v.x, v.y);
    let dividend = (1.0 - f) * (1.0 - b);
    Vec2 {
        x: k * f * jpow(b / (1.0 - dividend), a) * (((a * dividend) / (1.0 - dividend)) + 1.0) - c1,
        y: k * a * jpow(b, a) * (f * f) * (1.0 - b) / 2.0
            * jpow(1.0 - dividend, a + 2.0)
            * (2.0 - (1.0 - a) * dividend)
            - c2,
    }
}

/// ARX's Jacobian of [`objective`] (derived with Matlab), term for term.
fn derivatives(k: f64, f: f64, v: Vec2) -> Mat2 {
    let (a, b) = (v.x, v.y);
    let val0 = (b - 1.0) * (f - 1.0);
    let val1 = val0 - 1.0;
    let val2 = 1.0 - val0;
    let val3 = a * val0 / val1 - 1.0;
    let val4 = jpow(-b / val1, a);
    let val6 = jpow(f, 2.0);
    let val7 = jpow(b, a);
    let val8 = val7 * val6 * k;
    let val9 = a * val8;
    let val10 = 2.0 * jpow(val2, a + 2.0);
    let val11 = jpow(val1, 2.0);
    let val13 = f * k;
    let val14 = f - 1.0;
    let val15 = a - 1.0;
    let val16 = b - 1.0;
    let val17 = val15 * val0;
    let val18 = val6 * k;
    let val19 = val17 + 2.0;
    let val20 = val18 * val19;
    Mat2 {
        x1: -val13 * (-b / val1).ln() * val3 * val4 - (val13 * val4 * val0) / val1,
        x2: a * val13 * (1.0 / val1 - (b * val14) / val11) * val3 * jpow(-b / val1, val15)
            - val13 * val4 * ((a * val14) / val1 - (a * val16 * jpow(val14, 2.0)) / val11),
        y1: (val9 * val2.ln() * val19 * val16) / val10
            - (val9 * jpow(val16, 2.0) * val14) / val10
            - (val7 * val20 * val16) / val10
            - (a * val7 * val18 * b.ln() * val19 * val16) / val10,
        y2: -(val9 * val19) / val10
            - (jpow(a, 2.0) * jpow(b, val15) * val20 * val16) / val10
            - (a * val7 * val18 * val17) / val10
            - (a * val7 * val20 * (a + 2.0) * val0) / (2.0 * jpow(val2, a + 3.0)),
    }
}
