//! Default generalization hierarchies for a dataset's quasi-identifiers, built from the
//! column's own values with the `risk` crate's builders, so the app can search for an
//! anonymization without hierarchy files.
//!
//! The rule, first match wins (empty cells stay empty up to the top level, `*`):
//! - ZIP-like codes (every value 3 or 5 digits, or ZIP+4): masked from the right, one digit
//!   per level (`02139`, `0213*`, …, `*****`);
//! - ISO dates (`YYYY-MM-DD`): month, quarter, year, `*`;
//! - numbers: intervals of 5, 10 and 20, then `*`;
//! - anything else (categories, text, dates in other formats): kept or `*`.

use risk::hierarchy::{Hierarchy, SUPPRESSED};
use serde::Serialize;
use table::Column;

use crate::Error;

/// Widths of the interval levels of a numeric column.
pub const INTERVAL_WIDTHS: [u64; 3] = [5, 10, 20];

/// Which default hierarchy a column got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HierarchyRule {
    /// ZIP-like codes masked from the right.
    Masking,
    /// ISO dates to month, quarter, year.
    Dates,
    /// Numbers to intervals of [`INTERVAL_WIDTHS`].
    Intervals,
    /// The value or `*`.
    Suppression,
}

impl HierarchyRule {
    /// What each level above the original values shows, in words, most specific first.
    pub fn level_names(self, n_levels: usize) -> Vec<String> {
        let mut names = vec!["original values".to_string()];
        match self {
            HierarchyRule::Masking => {
                names.extend((1..n_levels.saturating_sub(1)).map(|digits| {
                    format!(
                        "last {digits} character{} masked",
                        if digits == 1 { "" } else { "s" }
                    )
                }));
            }
            HierarchyRule::Dates => {
                names.extend(["month", "quarter", "year"].map(String::from));
            }
            HierarchyRule::Intervals => {
                names.extend(INTERVAL_WIDTHS.map(|w| format!("intervals of {w}")));
            }
            HierarchyRule::Suppression => {}
        }
        names.truncate(n_levels.saturating_sub(1));
        names.push("suppressed (*)".to_string());
        names
    }
}

/// A column's default hierarchy and the rule that made it.
#[derive(Debug, Clone)]
pub(crate) struct DefaultHierarchy {
    pub(crate) rule: HierarchyRule,
    pub(crate) hierarchy: Hierarchy,
}

/// The default hierarchy of `column` (see the module's rule).
pub(crate) fn default_hierarchy(column: &Column) -> Result<DefaultHierarchy, Error> {
    let values: Vec<&str> = column
        .dictionary()
        .iter()
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .collect();
    let has_blank = column.dictionary().iter().any(String::is_empty);
    let built = if values.is_empty() {
        None
    } else if values.iter().all(|v| is_zip_like(v)) {
        Some((HierarchyRule::Masking, Hierarchy::masking(&values)))
    } else if let Ok(h) = Hierarchy::dates(&values) {
        Some((HierarchyRule::Dates, Ok(h)))
    } else if let Ok(h) = Hierarchy::intervals(&values, &INTERVAL_WIDTHS) {
        Some((HierarchyRule::Intervals, Ok(h)))
    } else {
        None
    };
    let (rule, hierarchy) = match built {
        Some((rule, hierarchy)) => (rule, hierarchy?),
        None => (HierarchyRule::Suppression, flat(&values)?),
    };
    let hierarchy = if has_blank {
        with_blank(&hierarchy)?
    } else {
        hierarchy
    };
    Ok(DefaultHierarchy { rule, hierarchy })
}

/// Every value kept at level 0 and `*` at level 1 (a column of blanks only: the blank).
fn flat(values: &[&str]) -> Result<Hierarchy, Error> {
    let values = if values.is_empty() { &[""][..] } else { values };
    let rows = values
        .iter()
        .map(|v| vec![(*v).to_string(), SUPPRESSED.to_string()])
        .collect();
    Ok(Hierarchy::new(rows)?)
}

/// `hierarchy` with a row for the empty cell, which stays empty until the top level.
fn with_blank(hierarchy: &Hierarchy) -> Result<Hierarchy, Error> {
    let mut rows = hierarchy.rows().to_vec();
    if rows.iter().any(|row| row[0].is_empty()) {
        return Ok(hierarchy.clone());
    }
    let top = hierarchy.max_level();
    let mut blank = vec![String::new(); top];
    blank.push(rows[0][top].clone());
    rows.push(blank);
    Ok(Hierarchy::new(rows)?)
}

/// 3 or 5 ASCII digits, or ZIP+4 (`12345-6789`).
fn is_zip_like(value: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match value.len() {
        3 | 5 => digits(value),
        10 => digits(&value[..5]) && value.as_bytes()[5] == b'-' && digits(&value[6..]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(values: &[&str]) -> Column {
        let mut column = Column::new("c");
        for v in values {
            column.push(v);
        }
        column
    }

    fn row(h: &Hierarchy, value: &str) -> Vec<String> {
        (0..h.n_levels())
            .filter_map(|level| h.generalize(value, level).map(String::from))
            .collect()
    }

    #[test]
    fn each_kind_of_column_gets_its_rule() -> Result<(), Error> {
        let zip = default_hierarchy(&column(&["02139", "94110", "021"]))?;
        assert_eq!(zip.rule, HierarchyRule::Masking);
        assert_eq!(row(&zip.hierarchy, "02139")[2], "021**");
        let dates = default_hierarchy(&column(&["2024-03-15", "1999-11-05"]))?;
        assert_eq!(dates.rule, HierarchyRule::Dates);
        assert_eq!(
            row(&dates.hierarchy, "2024-03-15"),
            ["2024-03-15", "2024-03", "2024-Q1", "2024", "*"]
        );
        let ages = default_hierarchy(&column(&["37", "90", "4"]))?;
        assert_eq!(ages.rule, HierarchyRule::Intervals);
        assert_eq!(
            row(&ages.hierarchy, "37"),
            ["37", "35-39", "30-39", "20-39", "*"]
        );
        let sex = default_hierarchy(&column(&["F", "M", "F"]))?;
        assert_eq!(sex.rule, HierarchyRule::Suppression);
        assert_eq!(row(&sex.hierarchy, "F"), ["F", "*"]);
        let us_dates = default_hierarchy(&column(&["03/15/2024"]))?;
        assert_eq!(us_dates.rule, HierarchyRule::Suppression);
        Ok(())
    }

    #[test]
    fn blank_cells_stay_blank_until_the_top() -> Result<(), Error> {
        let ages = default_hierarchy(&column(&["37", "", "52"]))?;
        assert_eq!(ages.rule, HierarchyRule::Intervals);
        assert_eq!(row(&ages.hierarchy, ""), ["", "", "", "", "*"]);
        let blanks = default_hierarchy(&column(&["", ""]))?;
        assert_eq!(row(&blanks.hierarchy, ""), ["", "*"]);
        Ok(())
    }

    #[test]
    fn level_names_match_the_levels() {
        assert_eq!(
            HierarchyRule::Dates.level_names(5),
            [
                "original values",
                "month",
                "quarter",
                "year",
                "suppressed (*)"
            ]
        );
        assert_eq!(
            HierarchyRule::Masking.level_names(4),
            [
                "original values",
                "last 1 character masked",
                "last 2 characters masked",
                "suppressed (*)"
            ]
        );
        assert_eq!(
            HierarchyRule::Suppression.level_names(2),
            ["original values", "suppressed (*)"]
        );
        assert_eq!(HierarchyRule::Intervals.level_names(5).len(), 5);
    }
}
