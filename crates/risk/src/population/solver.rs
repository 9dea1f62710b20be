//! The two-dimensional Newton-Raphson solver that ARX uses for the Pitman and SNB maximum
//! likelihood estimates (`de.linearbits.newtonraphson.NewtonRaphson2D` 0.0.1, configured by
//! `ARXSolverConfiguration`), ported step for step: the same start values, tries, iteration
//! limits, stopping test, constraint check and order of floating-point operations.

use std::time::{Duration, Instant};

/// Settings of the Newton-Raphson solver; [`Default`] is ARX's `ARXSolverConfiguration`.
///
/// The solver first tries the given start point, then each of 16 prepared start points
/// (d1, d2) with d1, d2 in {0, 0.33, 0.66, 0.99} (ARX's deterministic mode), at most
/// `iterations_per_try + 1` Newton steps each; it stops at the first point where both objective
/// functions are within `accuracy` of zero. As in the library, the last prepared start point
/// gets one step and is never tested. The Pitman and SNB figures depend on these settings.
#[derive(Debug, Clone, PartialEq)]
pub struct SolverConfig {
    /// Largest absolute value of both objective functions accepted as a root (ARX: 1e-6).
    pub accuracy: f64,
    /// Newton steps per start point (ARX: 1000).
    pub iterations_per_try: u32,
    /// Wall-clock limits `(per try, in total)` (ARX: 100 ms and 1000 ms); `None` runs the
    /// iteration limits only, so that results never depend on the machine's speed. ARX checks
    /// them after every step: a try that exceeds its limit moves to the next start point, a
    /// solve that exceeds the total gives up (the estimate is then undefined).
    pub time_limits: Option<(Duration, Duration)>,
}

impl Default for SolverConfig {
    fn default() -> Self {
        Self {
            accuracy: 1e-6,
            iterations_per_try: 1000,
            time_limits: Some((Duration::from_millis(100), Duration::from_millis(1000))),
        }
    }
}

impl SolverConfig {
    /// ARX's settings without the wall-clock limits: fully deterministic.
    pub fn deterministic() -> Self {
        Self {
            time_limits: None,
            ..Self::default()
        }
    }
}

/// A point or a value of the two objective functions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Vec2 {
    pub(super) x: f64,
    pub(super) y: f64,
}

/// A 2x2 matrix `(x1 x2), (y1 y2)`: the Jacobian of the objective functions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Mat2 {
    pub(super) x1: f64,
    pub(super) x2: f64,
    pub(super) y1: f64,
    pub(super) y2: f64,
}

impl Mat2 {
    /// The inverse, computed as `SquareMatrix2D.inverse` does.
    fn inverse(self) -> Self {
        let scalar = 1.0 / (self.x1 * self.y2 - self.x2 * self.y1);
        Self {
            x1: self.y2 * scalar,
            x2: -self.x2 * scalar,
            y1: -self.y1 * scalar,
            y2: self.x1 * scalar,
        }
    }

    /// Matrix times vector, as `Vector2D.times` does.
    fn times(self, v: Vec2) -> Vec2 {
        Vec2 {
            x: self.x1 * v.x + self.x2 * v.y,
            y: self.y1 * v.x + self.y2 * v.y,
        }
    }
}

/// ARX's deterministic start values: `for (d1 = 0; d1 < 1; d1 += 0.33)` nested likewise.
fn start_values() -> Vec<Vec2> {
    let mut values = Vec::with_capacity(16);
    let mut d1 = 0.0;
    while d1 < 1.0 {
        let mut d2 = 0.0;
        while d2 < 1.0 {
            values.push(Vec2 { x: d1, y: d2 });
            d2 += 0.33;
        }
        d1 += 0.33;
    }
    values
}

/// Solves `f(v) = 0` from `start`; `f` returns the objective values and the Jacobian at `v`.
/// `constraint` (if any) must hold after every step or the try ends. Returns NaN when no
/// root was found, as the library does.
pub(super) fn solve(
    config: &SolverConfig,
    start: Vec2,
    constraint: Option<fn(Vec2) -> bool>,
    mut f: impl FnMut(Vec2) -> (Vec2, Mat2),
) -> Vec2 {
    let prepared = start_values();
    let per_try = i64::from(config.iterations_per_try);
    let iterations_total = (prepared.len() as i64 + 1) * per_try;
    let total_start = Instant::now();
    let mut total_iterations: i64 = 0;
    let mut offset = 0;
    let mut first = true;
    'outer: while total_iterations <= iterations_total {
        let try_start = Instant::now();
        let mut iterations: i64 = 0;
        let mut solution = if first {
            first = false;
            start
        } else {
            offset += 1;
            prepared[offset - 1]
        };
        loop {
            total_iterations += 1;
            let (object, derivatives) = f(solution);
            if object.x.abs() <= config.accuracy && object.y.abs() <= config.accuracy {
                return solution;
            }
            let step = derivatives.inverse().times(object);
            solution = Vec2 {
                x: solution.x - step.x,
                y: solution.y - step.y,
            };
            let timed_out =
                |since: Instant, limit: Duration| since.elapsed().as_millis() > limit.as_millis();
            if config
                .time_limits
                .is_some_and(|(_, total)| timed_out(total_start, total))
                || offset == prepared.len()
            {
                break 'outer;
            }
            if constraint.is_some_and(|holds| !holds(solution)) {
                break;
            }
            let exhausted = iterations >= per_try;
            iterations += 1;
            if solution.x.is_nan()
                || solution.y.is_nan()
                || exhausted
                || config
                    .time_limits
                    .is_some_and(|(each, _)| timed_out(try_start, each))
            {
                break;
            }
        }
    }
    Vec2 {
        x: f64::NAN,
        y: f64::NAN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// x^2 - 2 = 0, y - x = 0, with its Jacobian.
    fn root_two(v: Vec2) -> (Vec2, Mat2) {
        (
            Vec2 {
                x: v.x * v.x - 2.0,
                y: v.y - v.x,
            },
            Mat2 {
                x1: 2.0 * v.x,
                x2: 0.0,
                y1: -1.0,
                y2: 1.0,
            },
        )
    }

    #[test]
    fn start_values_are_arx_grid() {
        let values = start_values();
        assert_eq!(values.len(), 16);
        assert_eq!(values[0], Vec2 { x: 0.0, y: 0.0 });
        assert_eq!(values[5], Vec2 { x: 0.33, y: 0.33 });
        assert_eq!(
            values[15],
            Vec2 {
                x: 0.33 + 0.33 + 0.33,
                y: 0.33 + 0.33 + 0.33
            }
        );
    }

    #[test]
    fn converges_from_the_given_start() {
        let root = solve(
            &SolverConfig::deterministic(),
            Vec2 { x: 1.0, y: 5.0 },
            None,
            root_two,
        );
        assert!((root.x - 2f64.sqrt()).abs() < 1e-9 && (root.y - root.x).abs() < 1e-6);
    }

    #[test]
    fn a_violated_constraint_moves_to_the_next_start_value() {
        // From x = -1 Newton heads for -sqrt(2), which the constraint forbids; the prepared
        // start (0, 0) has a singular Jacobian; (0.33, 0) then reaches +sqrt(2).
        let positive: fn(Vec2) -> bool = |v| v.x >= 0.0;
        let root = solve(
            &SolverConfig::deterministic(),
            Vec2 { x: -1.0, y: 0.0 },
            Some(positive),
            root_two,
        );
        assert!((root.x - 2f64.sqrt()).abs() < 1e-9);
    }

    #[test]
    fn no_root_gives_nan() {
        let never = |v: Vec2| {
            (
                Vec2 {
                    x: v.x * v.x + 1.0,
                    y: v.y,
                },
                Mat2 {
                    x1: 2.0 * v.x,
                    x2: 0.0,
                    y1: 0.0,
                    y2: 1.0,
                },
            )
        };
        let config = SolverConfig {
            iterations_per_try: 20,
            ..SolverConfig::deterministic()
        };
        let root = solve(&config, Vec2 { x: 3.0, y: 0.0 }, None, never);
        assert!(root.x.is_nan() && root.y.is_nan());
    }
}
