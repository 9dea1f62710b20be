//! The anonymization search checked against a naive reference (`reference`: every lattice
//! node evaluated from strings) over random tables and hierarchies, against ARX's own results
//! on Adult (`adult`), and on bad input; and the hierarchies against Adult's.

use std::collections::BTreeMap;

use proptest::prelude::*;
use risk::anonymize::{
    anonymize, AnonymizeQuery, LDiversity, SearchProgress, TCloseness, UtilityMetric,
};
use risk::hierarchy::Group;
use risk::models::{assess, RiskQuery, SensitiveAttribute, SensitiveHierarchy};
use risk::{Error, Hierarchy};
use table::Table;

#[path = "anonymize/adult.rs"]
mod adult;
#[path = "common/adult_data.rs"]
mod adult_data;
#[path = "anonymize/reference.rs"]
mod reference;

use reference::{optimum, RefQuery};

fn table(header: &[&str], rows: &[Vec<String>]) -> Table {
    let mut table = Table::new(header.iter().map(|name| (*name).to_owned()).collect());
    for row in rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        table
            .push_row(&cells)
            .unwrap_or_else(|error| panic!("{error}"));
    }
    table
}

// ---------------------------------------------------------------------------------------
// Random tables and hierarchies against the reference.

/// One QI's random hierarchy: values absent from the table, then per level an alphabet
/// size and the group of each label of the level below.
#[derive(Debug, Clone)]
struct Spec {
    extra_values: usize,
    levels: Vec<(u32, Vec<u32>)>,
    star_on_top: bool,
}

#[derive(Debug, Clone)]
struct Case {
    n_qi: usize,
    /// QI value codes, then the sensitive value code.
    rows: Vec<Vec<u32>>,
    specs: Vec<Spec>,
    k: usize,
    max_suppression: f64,
    l: Option<LDiversity>,
    /// t-closeness: t, and a hierarchy of the sensitive values for the hierarchical distance.
    t: Option<(f64, Option<Spec>)>,
    metric: UtilityMetric,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0usize..3,
        prop::collection::vec((1u32..=4, prop::collection::vec(0u32..4, 8)), 1..=3),
        any::<bool>(),
    )
        .prop_map(|(extra_values, levels, star_on_top)| Spec {
            extra_values,
            levels,
            star_on_top,
        })
}

fn case() -> impl Strategy<Value = Case> {
    (1usize..=3, 1usize..=24).prop_flat_map(|(n_qi, n_rows)| {
        let row = prop::collection::vec(0u32..5, n_qi + 1);
        let l = prop_oneof![
            Just(None),
            (1usize..=3).prop_map(|l| Some(LDiversity::Distinct(l))),
            (1.0f64..2.5).prop_map(|l| Some(LDiversity::Entropy(l))),
        ];
        let metric = prop_oneof![
            Just(UtilityMetric::Loss),
            Just(UtilityMetric::Discernibility),
            Just(UtilityMetric::AverageClassSize),
            Just(UtilityMetric::NonUniformEntropy),
        ];
        let suppression = prop_oneof![Just(0.0), Just(0.1), Just(0.25), Just(1.0), 0.0f64..=1.0];
        let t = prop_oneof![
            2 => Just(None),
            1 => (0.01f64..=1.0).prop_map(|t| Some((t, None))),
            1 => (0.01f64..=1.0, spec()).prop_map(|(t, spec)| Some((t, Some(spec)))),
        ];
        (
            prop::collection::vec(row, n_rows),
            prop::collection::vec(spec(), n_qi),
            1usize..=4,
            suppression,
            l,
            t,
            metric,
        )
            .prop_map(
                move |(rows, specs, k, max_suppression, l, t, metric)| Case {
                    n_qi,
                    k: k.min(n_rows),
                    rows,
                    specs,
                    max_suppression,
                    l,
                    t,
                    metric,
                },
            )
    })
}

impl Case {
    fn header(&self) -> Vec<String> {
        let mut header: Vec<String> = (0..self.n_qi).map(|qi| format!("q{qi}")).collect();
        header.push("s".to_owned());
        header
    }

    fn table(&self) -> Table {
        let header = self.header();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| {
                let mut cells: Vec<String> = (0..self.n_qi)
                    .map(|qi| format!("q{qi}v{}", row[qi]))
                    .collect();
                cells.push(format!("sv{}", row[self.n_qi]));
                cells
            })
            .collect();
        table(&header, &rows)
    }

    /// Hierarchy rows: the values in the table (in an order unrelated to the table's) and
    /// the extra values, each level grouping the labels of the level below.
    fn hierarchy(&self, qi: usize) -> Hierarchy {
        let rows = self.hierarchy_rows(qi, &format!("q{qi}"), &self.specs[qi]);
        Hierarchy::new(rows).unwrap_or_else(|error| panic!("{error}"))
    }

    /// The rows of a hierarchy of column `column` (`prefix` the prefix of its cells).
    fn hierarchy_rows(&self, column: usize, prefix: &str, spec: &Spec) -> Vec<Vec<String>> {
        let mut values: Vec<u32> = self.rows.iter().map(|row| row[column]).collect();
        values.sort_unstable_by(|a, b| b.cmp(a));
        values.dedup();
        let mut rows: Vec<Vec<String>> = values
            .iter()
            .map(|v| vec![format!("{prefix}v{v}")])
            .chain((0..spec.extra_values).map(|x| vec![format!("{prefix}x{x}")]))
            .collect();
        for (level, (alphabet, groups)) in spec.levels.iter().enumerate() {
            let mut below: Vec<String> = rows.iter().map(|row| row[level].clone()).collect();
            below.sort();
            below.dedup();
            for row in &mut rows {
                let position = below
                    .iter()
                    .position(|label| *label == row[level])
                    .unwrap_or(0);
                let group = groups[position % groups.len()] % alphabet;
                row.push(format!("g{}", group + (level as u32 % 2) * 2));
            }
        }
        if spec.star_on_top {
            for row in &mut rows {
                row.push("*".to_owned());
            }
        }
        rows
    }

    /// The sensitive column's hierarchy rows, for the hierarchical distance.
    fn sensitive_rows(&self) -> Option<Vec<Vec<String>>> {
        let (_, spec) = self.t.as_ref()?;
        Some(self.hierarchy_rows(self.n_qi, "s", spec.as_ref()?))
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn search_finds_the_reference_optimum(case in case()) {
        let table = case.table();
        let header = case.header();
        let qi: Vec<&str> = header[..case.n_qi].iter().map(String::as_str).collect();
        let hierarchies: Vec<Hierarchy> = (0..case.n_qi).map(|qi| case.hierarchy(qi)).collect();
        let by_name: BTreeMap<String, Hierarchy> =
            qi.iter().map(|name| (*name).to_owned()).zip(hierarchies.iter().cloned()).collect();
        let mut query = AnonymizeQuery::new(qi.iter().copied(), by_name, case.k);
        query.max_suppression = case.max_suppression;
        query.metric = case.metric;
        query.l_diversity = case.l;
        let sensitive_rows = case.sensitive_rows();
        query.t_closeness = case.t.as_ref().map(|&(t, _)| match &sensitive_rows {
            Some(rows) => TCloseness::Hierarchical(
                t,
                SensitiveHierarchy::new(rows.clone()).unwrap_or_else(|error| panic!("{error}")),
            ),
            None => TCloseness::EqualDistance(t),
        });
        query.sensitive = (case.l.is_some() || case.t.is_some()).then(|| "s".to_owned());
        let reference = optimum(&table, &RefQuery {
            qi: qi.clone(),
            hierarchies: hierarchies.iter().collect(),
            k: case.k,
            sensitive: query.sensitive.as_deref(),
            l: case.l,
            t: case.t.as_ref().map(|&(t, _)| (t, sensitive_rows.as_deref())),
            max_suppression: case.max_suppression,
            metric: case.metric,
        });
        let mut last = None;
        let found = anonymize(&table, &query, &mut |progress| {
            last = Some(progress);
            true
        });
        let (found, expected) = match (found, reference) {
            (Ok(found), Some(expected)) => (found, expected),
            (Err(Error::NoAnonymization { .. }), None) => return Ok(()),
            (found, expected) => {
                return Err(TestCaseError::fail(format!("{found:?} but the reference found {expected:?}")));
            }
        };
        let levels: Vec<usize> = found.levels.iter().map(|level| level.level).collect();
        prop_assert_eq!(&levels, &expected.levels);
        prop_assert_eq!(found.suppressed, expected.suppressed);
        prop_assert_eq!(found.metrics.loss, expected.loss);
        prop_assert_eq!(found.metrics.discernibility, expected.discernibility);
        prop_assert_eq!(found.metrics.average_class_size, expected.average_class_size);
        prop_assert_eq!(found.metrics.non_uniform_entropy, expected.entropy);
        let per_qi: Vec<(f64, f64)> =
            found.levels.iter().map(|level| (level.loss, level.non_uniform_entropy)).collect();
        let expected_per_qi: Vec<(f64, f64)> =
            expected.loss_per_qi.iter().copied().zip(expected.entropy_per_qi.iter().copied()).collect();
        prop_assert_eq!(per_qi, expected_per_qi);
        prop_assert_eq!(found.suppressed_rows(), expected.suppressed_rows.as_slice());
        prop_assert_eq!(found.rows, table.n_rows());
        match (&case.t, &found.t_closeness) {
            (None, None) => {}
            (Some((t, _)), Some(closeness)) => {
                prop_assert_eq!(closeness.t, *t);
                prop_assert!(closeness.max_distance <= *t);
            }
            (t, closeness) => {
                return Err(TestCaseError::fail(format!("t {t:?} but {closeness:?}")));
            }
        }
        prop_assert!(found.nodes_checked <= found.nodes_total);
        let total: usize = hierarchies.iter().map(Hierarchy::n_levels).product();
        prop_assert_eq!(found.nodes_total, total);
        prop_assert_eq!(last.map(|p| (p.visited, p.total)), Some((total, total)));

        // The transformed table: QIs generalized, suppressed records' QIs `*`, `s` unchanged.
        let transformed = found.transformed_table(&table).unwrap_or_else(|error| panic!("{error}"));
        for row in 0..table.n_rows() {
            let cells = transformed.row(row).unwrap_or_default();
            let original = table.row(row).unwrap_or_default();
            prop_assert_eq!(&cells[..case.n_qi], expected.output[row].as_slice());
            prop_assert_eq!(cells[case.n_qi], original[case.n_qi]);
        }

        // The risk after: the kept records, generalized, assessed from strings.
        let kept_rows: Vec<Vec<String>> = (0..table.n_rows())
            .filter(|&row| !expected.suppressed_rows[row])
            .map(|row| {
                let mut cells = expected.output[row].clone();
                cells.push(table.row(row).unwrap_or_default()[case.n_qi].to_owned());
                cells
            })
            .collect();
        let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
        let kept = self::table(&header_refs, &kept_rows);
        match (&found.risk_after, kept.n_rows()) {
            (None, 0) => {}
            (Some(after), _) => {
                let mut risk_query = RiskQuery::new(qi.iter().copied());
                risk_query.sensitive = query.sensitive.as_ref().map(|column| SensitiveAttribute {
                    column: column.clone(),
                    hierarchy: None,
                });
                let expected_after = assess(&kept, &risk_query).unwrap_or_else(|error| panic!("{error}"));
                prop_assert_eq!(after.rows, expected_after.rows);
                prop_assert_eq!(after.classes, expected_after.classes);
                prop_assert_eq!(after.k_min, expected_after.k_min);
                prop_assert_eq!(after.avg_prosecutor_risk, expected_after.avg_prosecutor_risk);
                prop_assert_eq!(after.sample_uniques, expected_after.sample_uniques);
                prop_assert_eq!(after.records_at_risk, expected_after.records_at_risk);
                prop_assert_eq!(&after.class_size_histogram, &expected_after.class_size_histogram);
                prop_assert_eq!(after.l_distinct_min, expected_after.l_distinct_min);
                let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
                    (Some(a), Some(b)) => (a - b).abs() <= 1e-12,
                    (a, b) => a == b,
                };
                prop_assert!(close(after.l_entropy_min, expected_after.l_entropy_min));
                prop_assert!(close(after.t_closeness_max, expected_after.t_closeness_max));
            }
            (None, n) => return Err(TestCaseError::fail(format!("no risk after for {n} kept rows"))),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Fixed cases.

fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|row| row.iter().map(|cell| (*cell).to_owned()).collect())
        .collect()
}

/// Ten patients: ZIP and age as QIs, a diagnosis as sensitive attribute.
fn clinic() -> (Table, BTreeMap<String, Hierarchy>) {
    let rows = strings(&[
        &["02139", "34", "flu"],
        &["02139", "36", "asthma"],
        &["02138", "35", "flu"],
        &["02138", "38", "cancer"],
        &["02141", "41", "flu"],
        &["02142", "47", "asthma"],
        &["02141", "44", "cancer"],
        &["02142", "43", "flu"],
        &["02139", "52", "flu"],
        &["02141", "58", "asthma"],
    ]);
    let table = table(&["zip", "age", "diagnosis"], &rows);
    let zips: Vec<&str> = (0..rows.len()).map(|r| rows[r][0].as_str()).collect();
    let ages: Vec<&str> = (0..rows.len()).map(|r| rows[r][1].as_str()).collect();
    let mut hierarchies = BTreeMap::new();
    let zip = Hierarchy::masking(&zips).unwrap_or_else(|error| panic!("{error}"));
    let age = Hierarchy::intervals(&ages, &[10, 20]).unwrap_or_else(|error| panic!("{error}"));
    hierarchies.insert("zip".to_owned(), zip);
    hierarchies.insert("age".to_owned(), age);
    (table, hierarchies)
}

#[test]
fn clinic_example_generalizes_and_suppresses() -> Result<(), Error> {
    let (table, hierarchies) = clinic();
    let mut query = AnonymizeQuery::new(["zip", "age"], hierarchies, 3);
    query.max_suppression = 0.2;
    let found = anonymize(&table, &query, &mut |_| true)?;
    let levels: Vec<(&str, usize)> = found
        .levels
        .iter()
        .map(|level| (level.column.as_str(), level.level))
        .collect();
    // ZIP to 0213*/0214* and age to 20-year bands: classes of 4 and 5 records, and the
    // patient aged 52 in 0213* alone, suppressed (within 20 %).
    assert_eq!(levels, [("zip", 1), ("age", 2)]);
    assert_eq!(found.suppressed, 1);
    assert_eq!(found.levels[0].max_level, 5);
    let transformed = found.transformed_table(&table)?;
    assert_eq!(transformed.row(0), Some(vec!["0213*", "20-39", "flu"]));
    assert_eq!(transformed.row(8), Some(vec!["*", "*", "flu"]));
    assert_eq!(transformed.row(9), Some(vec!["0214*", "40-59", "asthma"]));
    let after = found
        .risk_after
        .as_ref()
        .map(|after| (after.rows, after.classes, after.k_min));
    assert_eq!(after, Some((9, 2, 4)));
    let other = self::table(&["zip"], &strings(&[&["02139"][..]; 10]));
    assert!(matches!(
        found.transformed_table(&other),
        Err(Error::TransformedTable { .. })
    ));
    let shorter = self::table(
        &["zip", "age", "diagnosis"],
        &strings(&[&["02139", "34", "flu"]]),
    );
    assert_eq!(
        found.transformed_table(&shorter).err(),
        Some(Error::TableMismatch {
            classes_rows: 10,
            table_rows: 1
        })
    );
    let json = serde_json::to_value(&found).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(json["levels"][0]["column"], "zip");
    assert_eq!(json["metric"], "loss");
    assert!(json.get("transformation").is_none());
    assert!(!format!("{found:?}").contains("0213"));
    Ok(())
}

#[test]
fn l_diversity_suppresses_uniform_classes() -> Result<(), Error> {
    let (table, hierarchies) = clinic();
    let mut query = AnonymizeQuery::new(["zip", "age"], hierarchies, 2);
    query.sensitive = Some("diagnosis".to_owned());
    query.l_diversity = Some(LDiversity::Distinct(2));
    let found = anonymize(&table, &query, &mut |_| true)?;
    assert_eq!(found.suppressed, 0);
    let after = found
        .risk_after
        .as_ref()
        .and_then(|after| after.l_distinct_min);
    assert!(after >= Some(2), "{after:?}");
    query.l_diversity = Some(LDiversity::Distinct(4));
    assert_eq!(
        anonymize(&table, &query, &mut |_| true),
        Err(Error::NoAnonymization { max_suppressed: 0 })
    );
    Ok(())
}

/// A hierarchy of the clinic's diagnoses: respiratory and oncology under one root.
fn diagnoses() -> Vec<Vec<String>> {
    strings(&[
        &["flu", "respiratory", "*"],
        &["asthma", "respiratory", "*"],
        &["cancer", "oncology", "*"],
    ])
}

#[test]
fn t_closeness_matches_the_reference_on_the_clinic() -> Result<(), Error> {
    let (table, hierarchies) = clinic();
    let rows = diagnoses();
    for (t, hierarchical, suppression) in [
        (0.2, false, 0.0),
        (0.2, false, 0.3),
        (0.1, true, 0.0),
        (0.1, true, 0.3),
        (0.34, true, 0.0),
    ] {
        let mut query = AnonymizeQuery::new(["zip", "age"], hierarchies.clone(), 2);
        query.sensitive = Some("diagnosis".to_owned());
        query.max_suppression = suppression;
        query.t_closeness = Some(if hierarchical {
            TCloseness::Hierarchical(t, SensitiveHierarchy::new(rows.clone())?)
        } else {
            TCloseness::EqualDistance(t)
        });
        let expected = optimum(
            &table,
            &RefQuery {
                qi: vec!["zip", "age"],
                hierarchies: vec![&hierarchies["zip"], &hierarchies["age"]],
                k: 2,
                sensitive: Some("diagnosis"),
                l: None,
                t: Some((t, hierarchical.then_some(rows.as_slice()))),
                max_suppression: suppression,
                metric: UtilityMetric::Loss,
            },
        );
        let found = anonymize(&table, &query, &mut |_| true);
        match (found, expected) {
            (Ok(found), Some(expected)) => {
                let levels: Vec<usize> = found.levels.iter().map(|level| level.level).collect();
                assert_eq!(levels, expected.levels, "t = {t}");
                assert_eq!(found.suppressed, expected.suppressed, "t = {t}");
                assert_eq!(found.metrics.loss, expected.loss, "t = {t}");
                let closeness = found.t_closeness.as_ref().map(|c| c.max_distance <= t);
                assert_eq!(closeness, Some(true));
                let json = serde_json::to_value(&found).unwrap_or_else(|e| panic!("{e}"));
                let distance = if hierarchical {
                    "hierarchical"
                } else {
                    "equal"
                };
                assert_eq!(json["t_closeness"]["ground_distance"], distance);
                assert_eq!(json["t_closeness"]["t"], t);
            }
            (Err(Error::NoAnonymization { .. }), None) => {}
            (found, expected) => panic!("t = {t}: {found:?} but the reference found {expected:?}"),
        }
    }
    Ok(())
}

/// A hierarchy of the sensitive values with two roots: classes can be within t of the
/// table while their union is not, so hierarchical t-closeness is not monotone and the
/// search checks the nodes a monotone search would have ruled out from above.
#[test]
fn hierarchical_t_closeness_over_several_roots_is_not_monotone() -> Result<(), Error> {
    let cells = [
        (4, 3),
        (2, 0),
        (2, 0),
        (3, 0),
        (1, 4),
        (4, 3),
        (3, 2),
        (4, 4),
        (2, 0),
        (1, 3),
        (1, 3),
        (1, 3),
        (2, 0),
        (2, 1),
        (1, 0),
        (2, 2),
        (4, 3),
        (4, 2),
        (1, 0),
    ];
    let rows: Vec<Vec<String>> = cells
        .iter()
        .map(|(q, s)| vec![format!("q{q}"), format!("s{s}")])
        .collect();
    let table = table(&["q", "s"], &rows);
    let q = Hierarchy::new(strings(&[
        &["q4", "g0"],
        &["q3", "g0"],
        &["q2", "g1"],
        &["q1", "g1"],
    ]))?;
    let s = SensitiveHierarchy::new(strings(&[
        &["s4", "a", "x"],
        &["s3", "b", "x"],
        &["s2", "c", "y"],
        &["s1", "c", "y"],
        &["s0", "c", "y"],
    ]))?;
    let mut query = AnonymizeQuery::new(["q"], BTreeMap::from([("q".to_owned(), q)]), 1);
    query.sensitive = Some("s".to_owned());
    query.t_closeness = Some(TCloseness::Hierarchical(0.04, s));
    let found = anonymize(&table, &query, &mut |_| true)?;
    assert_eq!((found.levels[0].level, found.suppressed), (0, 0));
    Ok(())
}

#[test]
fn progress_is_reported_and_cancels() -> Result<(), Error> {
    let (table, hierarchies) = clinic();
    let query = AnonymizeQuery::new(["zip", "age"], hierarchies, 2);
    let mut reports: Vec<SearchProgress> = Vec::new();
    let found = anonymize(&table, &query, &mut |progress| {
        reports.push(progress);
        true
    })?;
    assert_eq!(reports.last().map(|p| p.visited), Some(found.nodes_total));
    assert!(reports.windows(2).all(|w| w[0].checked <= w[1].checked));
    assert_eq!(
        reports.iter().map(|p| p.checked).max(),
        Some(found.nodes_checked)
    );
    let mut calls = 0;
    let cancelled = anonymize(&table, &query, &mut |_| {
        calls += 1;
        calls < 2
    });
    assert_eq!(cancelled, Err(Error::Cancelled));
    Ok(())
}

#[test]
fn bad_input_is_a_specific_error() {
    let (table, hierarchies) = clinic();
    let run = |edit: &dyn Fn(&mut AnonymizeQuery)| {
        let mut query = AnonymizeQuery::new(["zip", "age"], hierarchies.clone(), 2);
        edit(&mut query);
        anonymize(&table, &query, &mut |_| true).err()
    };
    let unknown = run(&|q| q.qi.push("ZIP".to_owned()));
    assert_eq!(
        unknown.as_ref().map(ToString::to_string).as_deref(),
        Some("no column 'ZIP'; the columns are: zip, age, diagnosis")
    );
    assert_eq!(run(&|q| q.qi.clear()), Some(Error::NoQi));
    assert_eq!(
        run(&|q| q.qi.push("zip".to_owned())),
        Some(Error::DuplicateQi {
            name: "zip".to_owned()
        })
    );
    assert_eq!(
        run(&|q| q.sensitive = Some("age".to_owned())),
        Some(Error::SensitiveIsQi {
            name: "age".to_owned()
        })
    );
    assert_eq!(
        run(&|q| q.sensitive = Some("dx".to_owned()))
            .map(|e| matches!(e, Error::UnknownColumn { .. })),
        Some(true)
    );
    assert_eq!(
        run(&|q| {
            q.hierarchies.remove("age");
        }),
        Some(Error::QiWithoutHierarchy {
            name: "age".to_owned()
        })
    );
    let stray = run(&|q| {
        let extra = q.hierarchies["age"].clone();
        q.hierarchies.insert("weight".to_owned(), extra);
    });
    assert!(
        matches!(stray, Some(Error::UnknownColumn { .. })),
        "{stray:?}"
    );
    assert_eq!(run(&|q| q.k = 0), Some(Error::ZeroK));
    assert_eq!(
        run(&|q| q.k = 11),
        Some(Error::KTooLarge {
            k: 11,
            n_persons: 10
        })
    );
    for limit in [-0.1, 1.5, f64::NAN] {
        let error = run(&|q| q.max_suppression = limit);
        assert!(
            matches!(error, Some(Error::InvalidSuppressionLimit { .. })),
            "{error:?}"
        );
    }
    let threshold = run(&|q| q.threshold = 2.0);
    assert!(matches!(threshold, Some(Error::InvalidThreshold { .. })));
    assert_eq!(
        run(&|q| q.l_diversity = Some(LDiversity::Distinct(2))),
        Some(Error::LWithoutSensitive)
    );
    for l in [
        LDiversity::Distinct(0),
        LDiversity::Entropy(0.5),
        LDiversity::Entropy(f64::NAN),
    ] {
        let error = run(&|q| {
            q.sensitive = Some("diagnosis".to_owned());
            q.l_diversity = Some(l);
        });
        assert!(matches!(error, Some(Error::InvalidL { .. })), "{error:?}");
    }
    assert_eq!(
        run(&|q| q.t_closeness = Some(TCloseness::EqualDistance(0.2))),
        Some(Error::TWithoutSensitive)
    );
    for t in [0.0, -0.1, 1.5, f64::NAN] {
        let error = run(&|q| {
            q.sensitive = Some("diagnosis".to_owned());
            q.t_closeness = Some(TCloseness::EqualDistance(t));
        });
        assert!(matches!(error, Some(Error::InvalidT { .. })), "{error:?}");
    }
    let partial = SensitiveHierarchy::new(strings(&[&["flu", "*"], &["asthma", "*"]]))
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        run(&|q| {
            q.sensitive = Some("diagnosis".to_owned());
            q.t_closeness = Some(TCloseness::Hierarchical(1.0, partial.clone()));
        }),
        Some(Error::HierarchyMissesValues {
            column: "diagnosis".to_owned(),
            n_missing: 1
        })
    );
    let short =
        Hierarchy::intervals(&["34", "36"], &[10]).unwrap_or_else(|error| panic!("{error}"));
    let missing = run(&|q| {
        q.hierarchies.insert("age".to_owned(), short.clone());
    });
    assert_eq!(
        missing,
        Some(Error::QiHierarchyMissesValues {
            column: "age".to_owned(),
            n_missing: 8,
            examples: ["35", "38", "41", "47", "44"].map(str::to_owned).to_vec(),
        })
    );
    let empty = self::table(&["zip", "age", "diagnosis"], &[]);
    let query = AnonymizeQuery::new(["zip", "age"], hierarchies.clone(), 2);
    assert_eq!(
        anonymize(&empty, &query, &mut |_| true).err(),
        Some(Error::EmptyTable)
    );
}

#[test]
fn lattices_beyond_the_limit_are_refused() {
    // 22 binary QIs: 4,194,304 combinations of levels.
    let header: Vec<String> = (0..22).map(|qi| format!("q{qi}")).collect();
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let table = table(&header_refs, &[vec!["a".to_owned(); 22]]);
    let binary = Hierarchy::masking(&["a"]).unwrap_or_else(|error| panic!("{error}"));
    let hierarchies = header
        .iter()
        .map(|name| (name.clone(), binary.clone()))
        .collect();
    let query = AnonymizeQuery::new(header_refs.iter().copied(), hierarchies, 1);
    let error = anonymize(&table, &query, &mut |_| true).err();
    assert!(
        matches!(
            error,
            Some(Error::LatticeTooLarge {
                nodes: 4_194_304,
                ..
            })
        ),
        "{error:?}"
    );
}

#[test]
fn grouped_hierarchies_drive_the_search() -> Result<(), Error> {
    let rows = strings(&[&["Private"], &["State-gov"], &["Federal-gov"], &["Private"]]);
    let table = table(&["workclass"], &rows);
    let group = |label: &str, members: &[&str]| Group {
        label: label.to_owned(),
        members: members.iter().map(|m| (*m).to_owned()).collect(),
    };
    let work = Hierarchy::groups(
        &["Private", "State-gov", "Federal-gov"],
        &[vec![
            group("Government", &["State-gov", "Federal-gov"]),
            group("Non-government", &["Private"]),
        ]],
    )?;
    let query = AnonymizeQuery::new(
        ["workclass"],
        BTreeMap::from([("workclass".to_owned(), work)]),
        2,
    );
    let found = anonymize(&table, &query, &mut |_| true)?;
    assert_eq!(found.levels[0].level, 1);
    assert_eq!(
        found.transformed_table(&table)?.row(1),
        Some(vec!["Government"])
    );
    Ok(())
}

#[test]
fn entropy_l_diversity_with_suppression_is_not_monotone() -> Result<(), Error> {
    // At level 0, class a = {x, y} is entropy 2-diverse and class b = {x} is suppressed
    // (one record, within the limit); at level 1 the one class {x, y, x} is not diverse and
    // all three records would go. A search that took entropy l-diversity with suppression
    // for monotone would tag level 0 as failing from level 1.
    let rows = strings(&[&["a", "x"], &["a", "y"], &["b", "x"]]);
    let table = table(&["q", "s"], &rows);
    let q = Hierarchy::masking(&["a", "b"])?;
    let mut query = AnonymizeQuery::new(["q"], BTreeMap::from([("q".to_owned(), q)]), 1);
    query.sensitive = Some("s".to_owned());
    query.l_diversity = Some(LDiversity::Entropy(2.0));
    query.max_suppression = 0.34;
    let found = anonymize(&table, &query, &mut |_| true)?;
    assert_eq!((found.levels[0].level, found.suppressed), (0, 1));
    Ok(())
}

#[test]
fn keys_wider_than_one_word_group_like_the_reference() -> Result<(), Error> {
    // Five QIs whose dictionaries hold 16,384 entries (most unused) need 14 bits each: 70
    // bits, so class keys take two words.
    let names = ["a", "b", "c", "d", "e"];
    // The first four QIs vary little, the last (in the second word) most.
    let cells = |row: usize, qi: usize| {
        let value = if qi == 4 {
            row % 4
        } else {
            usize::from(row % (qi + 5) == 0)
        };
        format!("v{value}")
    };
    let n_rows = 12;
    let columns: Vec<table::Column> = names
        .iter()
        .enumerate()
        .map(|(qi, name)| {
            let mut dictionary: Vec<String> = Vec::new();
            let codes = (0..n_rows)
                .map(|row| {
                    let value = cells(row, qi);
                    let code = dictionary
                        .iter()
                        .position(|v| *v == value)
                        .unwrap_or_else(|| {
                            dictionary.push(value);
                            dictionary.len() - 1
                        });
                    code as u32
                })
                .collect();
            dictionary.extend((dictionary.len()..1 << 14).map(|pad| format!("pad{pad}")));
            table::Column::from_parts((*name).to_owned(), dictionary, codes)
                .unwrap_or_else(|error| panic!("{error}"))
        })
        .collect();
    let table = Table::from_columns(columns).unwrap_or_else(|error| panic!("{error}"));
    let pairs = Hierarchy::groups(
        &["v0", "v1", "v2", "v3"],
        &[vec![
            Group {
                label: "low".to_owned(),
                members: vec!["v0".to_owned(), "v1".to_owned()],
            },
            Group {
                label: "high".to_owned(),
                members: vec!["v2".to_owned(), "v3".to_owned()],
            },
        ]],
    )?;
    let hierarchies: BTreeMap<String, Hierarchy> = names
        .iter()
        .map(|name| ((*name).to_owned(), pairs.clone()))
        .collect();
    for (k, suppression, e_level) in [(2, 0.0, 1), (4, 0.2, 1), (7, 0.0, 2)] {
        let mut query = AnonymizeQuery::new(names, hierarchies.clone(), k);
        query.max_suppression = suppression;
        let found = anonymize(&table, &query, &mut |_| true)?;
        let expected = optimum(
            &table,
            &RefQuery {
                qi: names.to_vec(),
                hierarchies: names.iter().map(|name| &hierarchies[*name]).collect(),
                k,
                sensitive: None,
                l: None,
                t: None,
                max_suppression: suppression,
                metric: UtilityMetric::Loss,
            },
        )
        .unwrap_or_else(|| panic!("the reference finds no solution"));
        let levels: Vec<usize> = found.levels.iter().map(|level| level.level).collect();
        assert_eq!(levels, expected.levels);
        assert_eq!(found.suppressed, expected.suppressed);
        assert_eq!(found.metrics.loss, expected.loss);
        assert_eq!(found.metrics.non_uniform_entropy, expected.entropy);
        assert_eq!(found.suppressed_rows(), expected.suppressed_rows.as_slice());
        let transformed = found.transformed_table(&table)?;
        for (row, expected) in expected.output.iter().enumerate() {
            let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
            assert_eq!(transformed.row(row), Some(expected));
        }
        assert_eq!(levels[4], e_level);
    }
    Ok(())
}
