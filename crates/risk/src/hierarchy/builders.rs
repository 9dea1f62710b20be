//! Hierarchy builders: numeric intervals, dates, masking and user-given groups. Each takes
//! the values to cover (typically a column's dictionary, repeats ignored) and returns a
//! checked [`Hierarchy`].

use std::fmt;

use hashbrown::{HashMap, HashSet};

use super::{examples, Hierarchy, SUPPRESSED};
use crate::Error;

/// One group of a grouping level: its label and the members it gathers (original values at
/// level 1, labels of the level below higher up).
///
/// `Debug` output shows only the number of members, never the values.
#[derive(Clone, PartialEq, Eq)]
pub struct Group {
    /// The group's label at its level.
    pub label: String,
    /// The values or lower-level labels it gathers.
    pub members: Vec<String>,
}

impl fmt::Debug for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Group")
            .field("members", &self.members.len())
            .finish_non_exhaustive()
    }
}

/// A number read from a value: whole numbers stay exact.
#[derive(Clone, Copy)]
enum Number {
    Whole(i64),
    Decimal(f64),
}

impl Hierarchy {
    /// Numeric intervals of the given `widths` (e.g. `[5, 10, 20]`), one level per width,
    /// then `*`. Intervals start at multiples of their width (0, 5, 10, … for width 5).
    ///
    /// When every value is a whole number the labels are closed ranges like the Adult
    /// hierarchy's: `35-39` for 35 to 39 at width 5. Otherwise they are half-open intervals
    /// as ARX writes them: `[35, 40[`.
    ///
    /// Fails with [`Error::HierarchyIntervalWidths`] unless every width is at least 1 and a
    /// multiple of the one before, and with [`Error::HierarchyValuesUnreadable`] when a value
    /// is not a number.
    pub fn intervals<S: AsRef<str>>(values: &[S], widths: &[u64]) -> Result<Self, Error> {
        let nested = widths.windows(2).all(|pair| pair[1] % pair[0] == 0);
        if widths.contains(&0) || !nested || widths.iter().any(|&w| w > 1 << 53) {
            return Err(Error::HierarchyIntervalWidths {
                widths: widths.to_vec(),
            });
        }
        let values = distinct(values);
        let numbers = read_all(&values, "whole or decimal numbers", |value| {
            if let Ok(whole) = value.parse::<i64>() {
                Some(Number::Whole(whole))
            } else {
                value
                    .parse::<f64>()
                    .ok()
                    .filter(|number| number.is_finite())
                    .map(Number::Decimal)
            }
        })?;
        let all_whole = numbers.iter().all(|n| matches!(n, Number::Whole(_)));
        let rows = values
            .iter()
            .zip(&numbers)
            .map(|(value, &number)| {
                let mut row = vec![(*value).to_owned()];
                for &width in widths {
                    row.push(interval_label(number, width, all_whole));
                }
                row.push(SUPPRESSED.to_owned());
                row
            })
            .collect();
        Self::new(rows)
    }

    /// Dates in ISO form (`2024-03-15`) generalized to month (`2024-03`), quarter
    /// (`2024-Q1`), year (`2024`), then `*`.
    ///
    /// Fails with [`Error::HierarchyValuesUnreadable`] when a value is not a valid ISO date.
    pub fn dates<S: AsRef<str>>(values: &[S]) -> Result<Self, Error> {
        let values = distinct(values);
        let dates = read_all(&values, "ISO dates (YYYY-MM-DD)", iso_date)?;
        let rows = values
            .iter()
            .zip(&dates)
            .map(|(value, &(year, month))| {
                vec![
                    (*value).to_owned(),
                    format!("{year:04}-{month:02}"),
                    format!("{year:04}-Q{}", (month - 1) / 3 + 1),
                    format!("{year:04}"),
                    SUPPRESSED.to_owned(),
                ]
            })
            .collect();
        Self::new(rows)
    }

    /// Masking from the right, one more character per level: `12345`, `1234*`, `123**`, …,
    /// `*****`. A value shorter than the level is masked entirely. When the values differ in
    /// length, a last level `*` joins the fully masked ones.
    ///
    /// Fails only with the errors of [`Hierarchy::new`] (for an empty list of values).
    pub fn masking<S: AsRef<str>>(values: &[S]) -> Result<Self, Error> {
        let values = distinct(values);
        let lengths: Vec<usize> = values.iter().map(|value| value.chars().count()).collect();
        let max_len = lengths.iter().copied().max().unwrap_or(0);
        let mut rows: Vec<Vec<String>> = values
            .iter()
            .zip(&lengths)
            .map(|(value, &len)| {
                let mut row = vec![(*value).to_owned()];
                for masked in 1..=max_len {
                    let kept: String = value.chars().take(len.saturating_sub(masked)).collect();
                    row.push(kept + &"*".repeat(masked.min(len)));
                }
                row
            })
            .collect();
        let single_top = rows.windows(2).all(|pair| pair[0].last() == pair[1].last());
        if max_len == 0 || !single_top {
            for row in &mut rows {
                row.push(SUPPRESSED.to_owned());
            }
        }
        Self::new(rows)
    }

    /// Groupings given level by level: the groups of `levels[0]` gather the values, those of
    /// `levels[1]` the labels of `levels[0]`, and so on. Members that are neither values nor
    /// labels of the level below are ignored. A last level `*` is added unless the last
    /// given level already has a single group.
    ///
    /// Fails with [`Error::HierarchyGrouping`] when a value or label is in no group or in two
    /// groups with different labels.
    pub fn groups<S: AsRef<str>>(values: &[S], levels: &[Vec<Group>]) -> Result<Self, Error> {
        let mut rows: Vec<Vec<String>> = distinct(values)
            .into_iter()
            .map(|value| vec![value.to_owned()])
            .collect();
        for (idx, groups) in levels.iter().enumerate() {
            let level = idx + 1;
            let members = if level == 1 {
                "values"
            } else {
                "groups of the level below"
            };
            let mut parent_of: HashMap<&str, &str> = HashMap::new();
            let mut twice = Vec::new();
            for group in groups {
                for member in &group.members {
                    let parent = *parent_of.entry(member.as_str()).or_insert(&group.label);
                    if parent != group.label {
                        twice.push(member.as_str());
                    }
                }
            }
            let labels: Vec<&str> = rows.iter().map(|row| row[idx].as_str()).collect();
            let below = distinct(&labels);
            let in_two: Vec<&str> = below
                .iter()
                .copied()
                .filter(|label| twice.contains(label))
                .collect();
            let in_none: Vec<&str> = below
                .iter()
                .copied()
                .filter(|label| !parent_of.contains_key(label))
                .collect();
            for (bad, problem) in [(in_two, "in more than one group"), (in_none, "in no group")] {
                if !bad.is_empty() {
                    return Err(Error::HierarchyGrouping {
                        level,
                        members,
                        problem,
                        n_bad: bad.len(),
                        examples: examples(bad),
                    });
                }
            }
            for row in &mut rows {
                let parent = parent_of
                    .get(row[idx].as_str())
                    .copied()
                    .unwrap_or_default();
                row.push(parent.to_owned());
            }
        }
        let single_top =
            !levels.is_empty() && rows.windows(2).all(|pair| pair[0].last() == pair[1].last());
        if !single_top {
            for row in &mut rows {
                row.push(SUPPRESSED.to_owned());
            }
        }
        Self::new(rows)
    }
}

/// The distinct values among `values`, in their first order.
fn distinct<S: AsRef<str>>(values: &[S]) -> Vec<&str> {
    let mut seen = HashSet::with_capacity(values.len());
    values
        .iter()
        .map(AsRef::as_ref)
        .filter(|value| seen.insert(*value))
        .collect()
}

/// Reads every value with `read`, or names the ones it cannot read.
fn read_all<T>(
    values: &[&str],
    expected: &'static str,
    read: impl Fn(&str) -> Option<T>,
) -> Result<Vec<T>, Error> {
    let read: Vec<Option<T>> = values.iter().map(|value| read(value.trim())).collect();
    let bad: Vec<&str> = values
        .iter()
        .zip(&read)
        .filter(|(_, number)| number.is_none())
        .map(|(value, _)| *value)
        .collect();
    if bad.is_empty() {
        Ok(read.into_iter().flatten().collect())
    } else {
        Err(Error::HierarchyValuesUnreadable {
            expected,
            n_bad: bad.len(),
            examples: examples(bad),
        })
    }
}

/// The label of the interval of `width` holding `number`.
fn interval_label(number: Number, width: u64, all_whole: bool) -> String {
    match number {
        Number::Whole(whole) if all_whole => {
            let width = i128::from(width);
            let low = i128::from(whole).div_euclid(width) * width;
            format!("{low}-{}", low + width - 1)
        }
        Number::Whole(whole) => decimal_label(whole as f64, width),
        Number::Decimal(decimal) => decimal_label(decimal, width),
    }
}

/// The half-open interval `[low, low + width[` holding `number`, as ARX labels it.
fn decimal_label(number: f64, width: u64) -> String {
    let width = width as f64;
    let low = (number / width).floor() * width;
    format!("[{low}, {}[", low + width)
}

/// The year and month of an ISO date `YYYY-MM-DD`, if it is a valid date.
fn iso_date(text: &str) -> Option<(u32, u32)> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = bytes.get(range)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, &b| n * 10 + u32::from(b - b'0')))
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some((year, month))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(hierarchy: &'a Hierarchy, value: &str) -> Vec<&'a str> {
        (0..hierarchy.n_levels())
            .filter_map(|level| hierarchy.generalize(value, level))
            .collect()
    }

    #[test]
    fn whole_number_intervals_match_the_adult_labels() -> Result<(), Error> {
        let ages = Hierarchy::intervals(&["39", "17", "39", "-3"], &[5, 10, 20])?;
        assert_eq!(ages.rows().len(), 3);
        assert_eq!(row(&ages, "39"), ["39", "35-39", "30-39", "20-39", "*"]);
        assert_eq!(row(&ages, "17"), ["17", "15-19", "10-19", "0-19", "*"]);
        assert_eq!(row(&ages, "-3"), ["-3", "-5--1", "-10--1", "-20--1", "*"]);
        Ok(())
    }

    #[test]
    fn decimal_intervals_are_half_open() -> Result<(), Error> {
        let weights = Hierarchy::intervals(&["72.5", "70"], &[5, 10])?;
        assert_eq!(row(&weights, "72.5"), ["72.5", "[70, 75[", "[70, 80[", "*"]);
        assert_eq!(row(&weights, "70"), ["70", "[70, 75[", "[70, 80[", "*"]);
        Ok(())
    }

    #[test]
    fn interval_errors() {
        for widths in [&[5, 0][..], &[5, 12], &[0]] {
            assert_eq!(
                Hierarchy::intervals(&["1"], widths),
                Err(Error::HierarchyIntervalWidths {
                    widths: widths.to_vec()
                })
            );
        }
        assert_eq!(
            Hierarchy::intervals(&["1", "x", "NaN", "2"], &[5]),
            Err(Error::HierarchyValuesUnreadable {
                expected: "whole or decimal numbers",
                n_bad: 2,
                examples: vec!["x".to_owned(), "NaN".to_owned()],
            })
        );
    }

    #[test]
    fn dates_go_to_month_quarter_year() -> Result<(), Error> {
        let dates = Hierarchy::dates(&["2024-02-29", "1999-11-05"])?;
        assert_eq!(
            row(&dates, "2024-02-29"),
            ["2024-02-29", "2024-02", "2024-Q1", "2024", "*"]
        );
        assert_eq!(
            row(&dates, "1999-11-05"),
            ["1999-11-05", "1999-11", "1999-Q4", "1999", "*"]
        );
        let bad = Hierarchy::dates(&["2023-02-29", "2024-13-01", "24-01-01", "2024-01-01"]);
        assert!(
            matches!(&bad, Err(Error::HierarchyValuesUnreadable { n_bad: 3, .. })),
            "{bad:?}"
        );
        Ok(())
    }

    #[test]
    fn masking_from_the_right() -> Result<(), Error> {
        let zips = Hierarchy::masking(&["12345", "12399"])?;
        assert_eq!(
            row(&zips, "12345"),
            ["12345", "1234*", "123**", "12***", "1****", "*****"]
        );
        let mixed = Hierarchy::masking(&["123", "12345"])?;
        assert_eq!(mixed.n_levels(), 7);
        assert_eq!(
            row(&mixed, "123"),
            ["123", "12*", "1**", "***", "***", "***", "*"]
        );
        assert_eq!(Hierarchy::masking(&[""])?.rows(), [vec!["", "*"]]);
        assert_eq!(
            Hierarchy::masking::<&str>(&[]),
            Err(Error::HierarchyTooSmall)
        );
        Ok(())
    }

    fn group(label: &str, members: &[&str]) -> Group {
        Group {
            label: label.to_owned(),
            members: members.iter().map(|m| (*m).to_owned()).collect(),
        }
    }

    #[test]
    fn groups_level_by_level() -> Result<(), Error> {
        let levels = vec![
            vec![
                group("Gov", &["Federal-gov", "State-gov", "Unused"]),
                group("Private", &["Private"]),
            ],
            vec![group("Any", &["Gov", "Private"])],
        ];
        let work = Hierarchy::groups(&["Private", "State-gov", "Federal-gov"], &levels)?;
        assert_eq!(work.n_levels(), 3);
        assert_eq!(row(&work, "State-gov"), ["State-gov", "Gov", "Any"]);
        let flat = Hierarchy::groups(&["a", "b"], &[vec![group("x", &["a"]), group("y", &["b"])]])?;
        assert_eq!(row(&flat, "a"), ["a", "x", "*"]);
        assert_eq!(row(&Hierarchy::groups(&["a"], &[])?, "a"), ["a", "*"]);
        assert_eq!(format!("{:?}", levels[0][0]), "Group { members: 3, .. }");
        Ok(())
    }

    #[test]
    fn grouping_errors_name_the_members() {
        let missing = Hierarchy::groups(&["a", "b", "c"], &[vec![group("x", &["a"])]]);
        assert_eq!(
            missing,
            Err(Error::HierarchyGrouping {
                level: 1,
                members: "values",
                problem: "in no group",
                n_bad: 2,
                examples: vec!["b".to_owned(), "c".to_owned()],
            })
        );
        let twice = Hierarchy::groups(
            &["a", "b"],
            &[
                vec![group("x", &["a", "b"])],
                vec![group("p", &["x"]), group("q", &["x"])],
            ],
        );
        assert_eq!(
            twice,
            Err(Error::HierarchyGrouping {
                level: 2,
                members: "groups of the level below",
                problem: "in more than one group",
                n_bad: 1,
                examples: vec!["x".to_owned()],
            })
        );
    }
}
