//! The naive reference: persons grouped by the set of their QI tuples as strings in
//! `BTreeMap`s, and every figure computed from its definition in floating point.

use std::collections::{BTreeMap, BTreeSet};

use risk::RiskReport;
use table::Table;

/// One equivalence class of the reference: its persons and its sensitive value counts.
#[derive(Debug, Default)]
pub(crate) struct NaiveClass {
    pub(crate) n_persons: usize,
    pub(crate) sensitive: BTreeMap<String, usize>,
}

/// The reference grouping: persons keyed by the set of their QI tuples, as strings.
#[derive(Debug)]
pub(crate) struct Naive {
    pub(crate) n_rows: usize,
    pub(crate) n_persons: usize,
    pub(crate) classes: Vec<NaiveClass>,
    pub(crate) global: BTreeMap<String, usize>,
}

fn position(table: &Table, name: &str) -> usize {
    table
        .column_names()
        .iter()
        .position(|&column| column == name)
        .unwrap_or_else(|| panic!("test table lacks column {name}"))
}

/// Groups `table` as `EquivalenceClasses` and `SensitiveDistributions` define it.
pub(crate) fn naive(
    table: &Table,
    qi: &[&str],
    person_id: Option<&str>,
    sensitive: Option<&str>,
) -> Naive {
    let qi: Vec<usize> = qi.iter().map(|name| position(table, name)).collect();
    let person_id = person_id.map(|name| position(table, name));
    let sensitive = sensitive.map(|name| position(table, name));
    type Person = (BTreeSet<Vec<String>>, BTreeSet<String>);
    let mut persons: BTreeMap<String, Person> = BTreeMap::new();
    for row_idx in 0..table.n_rows() {
        let row = table.row(row_idx).unwrap_or_default();
        let person = match person_id {
            Some(column) => row[column].to_owned(),
            None => format!("row {row_idx}"),
        };
        let entry = persons.entry(person).or_default();
        entry
            .0
            .insert(qi.iter().map(|&column| row[column].to_owned()).collect());
        if let Some(column) = sensitive {
            entry.1.insert(row[column].to_owned());
        }
    }
    let mut classes: BTreeMap<Vec<Vec<String>>, NaiveClass> = BTreeMap::new();
    let mut global: BTreeMap<String, usize> = BTreeMap::new();
    for (tuples, values) in persons.values() {
        let class = classes.entry(tuples.iter().cloned().collect()).or_default();
        class.n_persons += 1;
        for value in values {
            *class.sensitive.entry(value.clone()).or_default() += 1;
            *global.entry(value.clone()).or_default() += 1;
        }
    }
    Naive {
        n_rows: table.n_rows(),
        n_persons: persons.len(),
        classes: classes.into_values().collect(),
        global,
    }
}

impl Naive {
    pub(crate) fn k_min(&self) -> usize {
        self.classes.iter().map(|c| c.n_persons).min().unwrap_or(0)
    }

    pub(crate) fn histogram(&self) -> Vec<(usize, usize)> {
        let mut histogram: BTreeMap<usize, usize> = BTreeMap::new();
        for class in &self.classes {
            *histogram.entry(class.n_persons).or_default() += 1;
        }
        histogram.into_iter().collect()
    }

    pub(crate) fn report(&self, threshold: f64) -> RiskReportFigures {
        let persons = self.n_persons as f64;
        let uniques = self.classes.iter().filter(|c| c.n_persons == 1).count();
        let at_risk: usize = self
            .classes
            .iter()
            .filter(|c| 1.0 / c.n_persons as f64 > threshold)
            .map(|c| c.n_persons)
            .sum();
        RiskReportFigures {
            rows: self.n_rows,
            persons: self.n_persons,
            classes: self.classes.len(),
            k_min: self.k_min(),
            avg_prosecutor_risk: self.classes.len() as f64 / persons,
            max_prosecutor_risk: 1.0 / self.k_min() as f64,
            sample_uniques: uniques as f64 / persons,
            records_at_risk: at_risk as f64 / persons,
            histogram: self.histogram(),
        }
    }

    pub(crate) fn l_distinct_min(&self) -> usize {
        self.classes
            .iter()
            .map(|c| c.sensitive.len())
            .min()
            .unwrap_or(0)
    }

    pub(crate) fn l_entropy_min(&self) -> f64 {
        self.classes
            .iter()
            .map(|class| {
                let n: usize = class.sensitive.values().sum();
                let h: f64 = class
                    .sensitive
                    .values()
                    .map(|&count| {
                        let p = count as f64 / n as f64;
                        -p * p.ln()
                    })
                    .sum();
                h.exp()
            })
            .fold(f64::INFINITY, f64::min)
    }

    /// `½ Σ |p - q|` over every value of the table, in floating point.
    pub(crate) fn t_closeness_max(&self) -> f64 {
        let n_total: usize = self.global.values().sum();
        self.classes
            .iter()
            .map(|class| {
                let n: usize = class.sensitive.values().sum();
                self.global
                    .iter()
                    .map(|(value, &global)| {
                        let p = class.sensitive.get(value).copied().unwrap_or(0) as f64 / n as f64;
                        (p - global as f64 / n_total as f64).abs()
                    })
                    .sum::<f64>()
                    / 2.0
            })
            .fold(0.0, f64::max)
    }

    /// Li et al.'s hierarchical EMD as ARX builds its tree: a node is a label at a level,
    /// its children the distinct labels one level below; in floating point.
    pub(crate) fn hierarchical_t_closeness_max(&self, rows: &[Vec<String>]) -> f64 {
        let height = rows[0].len() - 1;
        let mut children: BTreeMap<(usize, &str), BTreeSet<&str>> = BTreeMap::new();
        for row in rows {
            for level in 1..=height {
                children
                    .entry((level, row[level].as_str()))
                    .or_default()
                    .insert(row[level - 1].as_str());
            }
        }
        let n_total: usize = self.global.values().sum();
        self.classes
            .iter()
            .map(|class| {
                let n: usize = class.sensitive.values().sum();
                let mut surplus: BTreeMap<(usize, &str), f64> = BTreeMap::new();
                for row in rows {
                    let value = row[0].as_str();
                    let global = self.global.get(value).copied().unwrap_or(0) as f64;
                    let local = class.sensitive.get(value).copied().unwrap_or(0) as f64;
                    surplus.insert((0, value), global / n_total as f64 - local / n as f64);
                }
                let mut cost = 0.0;
                for (&(level, label), below) in &children {
                    let (mut positive, mut negative) = (0.0, 0.0);
                    for &child in below {
                        let extra = surplus[&(level - 1, child)];
                        if extra > 0.0 {
                            positive += extra;
                        } else {
                            negative -= extra;
                        }
                    }
                    cost += level as f64 / height as f64 * f64::min(positive, negative);
                    surplus.insert((level, label), positive - negative);
                }
                cost
            })
            .fold(0.0, f64::max)
    }

    pub(crate) fn is_recursive_cl_diverse(&self, c: f64, l: usize) -> bool {
        self.classes.iter().all(|class| {
            let mut r: Vec<usize> = class.sensitive.values().copied().collect();
            r.sort_unstable_by(|a, b| b.cmp(a));
            r.len() >= l && (r[0] as f64) < c * r[l - 1..].iter().sum::<usize>() as f64
        })
    }
}

/// The figures of a [`RiskReport`] without the sensitive ones.
#[derive(Debug, PartialEq)]
pub(crate) struct RiskReportFigures {
    rows: usize,
    persons: usize,
    classes: usize,
    k_min: usize,
    avg_prosecutor_risk: f64,
    max_prosecutor_risk: f64,
    sample_uniques: f64,
    records_at_risk: f64,
    histogram: Vec<(usize, usize)>,
}

impl From<&RiskReport> for RiskReportFigures {
    fn from(report: &RiskReport) -> Self {
        Self {
            rows: report.rows,
            persons: report.persons,
            classes: report.classes,
            k_min: report.k_min,
            avg_prosecutor_risk: report.avg_prosecutor_risk,
            max_prosecutor_risk: report.max_prosecutor_risk,
            sample_uniques: report.sample_uniques,
            records_at_risk: report.records_at_risk,
            histogram: report
                .class_size_histogram
                .iter()
                .map(|bar| (bar.size, bar.classes))
                .collect(),
        }
    }
}

/// Asserts that `actual` is within 1e-12 (relative, or absolute below 1) of `expected`.
pub(crate) fn assert_close(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= 1e-12 * expected.abs().max(1.0),
        "{what}: {actual} vs reference {expected}"
    );
}
