//! Every risk figure checked against a naive reference implementation (`reference`) over
//! random tables, on persons with several rows, on bad input, and against ARX's own figures
//! on Adult (`adult`).

use proptest::prelude::*;
use risk::classes::EquivalenceClasses;
use risk::models::{
    assess, RiskQuery, RiskReport, SensitiveAttribute, SensitiveDistributions, SensitiveHierarchy,
};
use risk::Error;
use table::{Column, Table};

#[path = "models/adult.rs"]
mod adult;
#[path = "common/adult_data.rs"]
mod adult_data;
#[path = "models/reference.rs"]
mod reference;

use reference::{assert_close, naive, RiskReportFigures};

fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|row| row.iter().map(|cell| (*cell).to_owned()).collect())
        .collect()
}

fn table(header: &[&str], rows: &[&[&str]]) -> Table {
    let mut table = Table::new(header.iter().map(|name| (*name).to_owned()).collect());
    for row in rows {
        table
            .push_row(row)
            .unwrap_or_else(|error| panic!("{error}"));
    }
    table
}

// ---------------------------------------------------------------------------------------
// Random tables against the reference.

/// A random table: a person id, `n_qi` QIs and one sensitive column, small alphabets;
/// with `padding`, each dictionary also holds 2,048 unused values, so the QI codes need
/// 12 bits each and more than five QIs overflow one 64-bit key.
#[derive(Debug, Clone)]
struct Case {
    n_qi: usize,
    rows: Vec<Vec<u32>>,
    padding: bool,
    threshold: f64,
    hierarchy_labels: Vec<Vec<u32>>,
    c: f64,
    l: usize,
}

fn case() -> impl Strategy<Value = Case> {
    (1usize..=7, 1usize..=40, 1u32..=4, any::<bool>(), 1usize..=3).prop_flat_map(
        |(n_qi, n_rows, alphabet, padding, n_levels)| {
            let row = (0u32..8, prop::collection::vec(0..alphabet, n_qi + 1)).prop_map(
                |(person, mut cells)| {
                    cells.insert(0, person);
                    cells
                },
            );
            (
                prop::collection::vec(row, n_rows),
                prop_oneof![
                    Just(0.0),
                    Just(0.2),
                    Just(1.0 / 3.0),
                    Just(0.5),
                    Just(1.0),
                    0.0..=1.0f64
                ],
                prop::collection::vec(prop::collection::vec(0u32..2, n_levels), 4),
                prop_oneof![Just(1.0), Just(2.0), 0.1..5.0f64],
                1usize..=3,
            )
                .prop_map(move |(rows, threshold, hierarchy_labels, c, l)| Case {
                    n_qi,
                    rows,
                    padding,
                    threshold,
                    hierarchy_labels,
                    c,
                    l,
                })
        },
    )
}

impl Case {
    fn qi_names(&self) -> Vec<String> {
        (0..self.n_qi).map(|qi| format!("q{qi}")).collect()
    }

    fn table(&self) -> Table {
        let mut names = vec!["pid".to_owned()];
        names.extend(self.qi_names());
        names.push("s".to_owned());
        let columns = names
            .into_iter()
            .enumerate()
            .map(|(column, name)| {
                let mut dictionary: Vec<String> = (0..8).map(|value| format!("v{value}")).collect();
                if self.padding {
                    dictionary.extend((0..2048).map(|value| format!("unused{value}")));
                }
                let codes = self.rows.iter().map(|row| row[column]).collect();
                Column::from_parts(name, dictionary, codes).unwrap_or_else(|e| panic!("{e}"))
            })
            .collect();
        Table::from_columns(columns).unwrap_or_else(|error| panic!("{error}"))
    }

    /// A hierarchy over v0..v3 whose levels have random labels (not always a tree) and
    /// end in `*`.
    fn hierarchy_rows(&self) -> Vec<Vec<String>> {
        self.hierarchy_labels
            .iter()
            .enumerate()
            .map(|(value, labels)| {
                let mut row = vec![format!("v{value}")];
                row.extend(
                    labels[1..]
                        .iter()
                        .enumerate()
                        .map(|(level, label)| format!("L{}-{label}", level + 1)),
                );
                row.push("*".to_owned());
                row
            })
            .collect()
    }
}

fn check_case(case: &Case, person_id: Option<&str>) -> Result<(), TestCaseError> {
    let table = case.table();
    let qi = case.qi_names();
    let qi_refs: Vec<&str> = qi.iter().map(String::as_str).collect();
    let reference = naive(&table, &qi_refs, person_id, Some("s"));
    let classes = EquivalenceClasses::new(&table, &qi, person_id)
        .map_err(|error| TestCaseError::fail(error.to_string()))?;
    let report = RiskReport::from_classes(&classes, case.threshold)
        .map_err(|error| TestCaseError::fail(error.to_string()))?;
    prop_assert_eq!(
        RiskReportFigures::from(&report),
        reference.report(case.threshold)
    );
    let class_sizes: usize = classes.class_sizes().iter().map(|&n| n as usize).sum();
    prop_assert_eq!(class_sizes, reference.n_persons);
    for row_idx in 0..table.n_rows() {
        let class = classes.class_of_row(row_idx).map(|c| c as usize);
        let first_row = class.map(|c| classes.first_row_of_class()[c] as usize);
        prop_assert!(first_row.is_some_and(|first| first <= row_idx));
    }

    let distributions = SensitiveDistributions::new(&table, &classes, "s")
        .map_err(|error| TestCaseError::fail(error.to_string()))?;
    prop_assert_eq!(distributions.l_distinct_min(), reference.l_distinct_min());
    assert_close(
        distributions.l_entropy_min(),
        reference.l_entropy_min(),
        "l_entropy_min",
    );
    assert_close(
        distributions.t_closeness_max(),
        reference.t_closeness_max(),
        "t_closeness_max",
    );
    prop_assert_eq!(
        distributions.is_recursive_cl_diverse(case.c, case.l),
        Ok(reference.is_recursive_cl_diverse(case.c, case.l))
    );
    let rows = case.hierarchy_rows();
    let hierarchy =
        SensitiveHierarchy::new(rows.clone()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let hierarchical = distributions
        .hierarchical_t_closeness_max(&hierarchy)
        .map_err(|error| TestCaseError::fail(error.to_string()))?;
    assert_close(
        hierarchical,
        reference.hierarchical_t_closeness_max(&rows),
        "hierarchical t_closeness_max",
    );
    // With one level above the values, the hierarchical distance is the equal distance.
    let flat: Vec<Vec<String>> = (0..4)
        .map(|v| vec![format!("v{v}"), "*".to_owned()])
        .collect();
    let flat = SensitiveHierarchy::new(flat).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let flat = distributions
        .hierarchical_t_closeness_max(&flat)
        .map_err(|error| TestCaseError::fail(error.to_string()))?;
    assert_close(flat, distributions.t_closeness_max(), "flat hierarchy");
    Ok(())
}

proptest! {
    #[test]
    fn rows_match_the_reference(case in case()) {
        check_case(&case, None)?;
    }

    #[test]
    fn persons_match_the_reference(case in case()) {
        check_case(&case, Some("pid"))?;
    }
}

// ---------------------------------------------------------------------------------------
// Persons with several rows.

#[test]
fn person_id_counts_people_and_keys_them_by_their_set_of_tuples() -> Result<(), Error> {
    let table = table(
        &["patient", "zip", "sex", "diagnosis"],
        &[
            &["A", "02139", "F", "flu"],
            &["A", "02139", "F", "flu"],
            &["A", "02139", "F", "asthma"],
            &["B", "02139", "F", "flu"],
            &["C", "02139", "F", "flu"],
            &["C", "02140", "F", "flu"],
            &["D", "02140", "F", "asthma"],
            &["D", "02139", "F", "flu"],
        ],
    );
    let mut query = RiskQuery::new(["zip", "sex"]);
    query.person_id = Some("patient".to_owned());
    query.sensitive = Some(SensitiveAttribute {
        column: "diagnosis".to_owned(),
        hierarchy: None,
    });
    let report = assess(&table, &query)?;
    // A and B share {(02139,F)}; C and D share {(02139,F),(02140,F)} whatever the row order.
    assert_eq!(report.rows, 8);
    assert_eq!(report.persons, 4);
    assert_eq!(report.classes, 2);
    assert_eq!(report.k_min, 2);
    assert_eq!(report.avg_prosecutor_risk, 0.5);
    assert_eq!(report.sample_uniques, 0.0);
    assert_eq!(report.records_at_risk, 1.0);
    // Class {A, B}: A adds flu and asthma once each, B adds flu: {flu: 2, asthma: 1}.
    // Class {C, D}: C adds flu, D adds asthma and flu: {flu: 2, asthma: 1}.
    assert_eq!(report.l_distinct_min, Some(2));
    let entropy_l =
        (-(2.0f64 / 3.0) * (2.0f64 / 3.0).ln() - (1.0 / 3.0) * (1.0f64 / 3.0).ln()).exp();
    assert_close(
        report.l_entropy_min.unwrap_or_default(),
        entropy_l,
        "l_entropy_min",
    );
    // Both classes have the table's distribution; ARX's formula leaves a rounding residue.
    assert_close(
        report.t_closeness_max.unwrap_or(1.0),
        0.0,
        "t_closeness_max",
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Errors.

#[test]
fn bad_queries_are_specific_errors() {
    let table = table(&["zip", "diagnosis"], &[&["02139", "flu"]]);
    let mut query = RiskQuery::new(["zip"]);
    query.sensitive = Some(SensitiveAttribute {
        column: "zip".to_owned(),
        hierarchy: None,
    });
    assert_eq!(
        assess(&table, &query),
        Err(Error::SensitiveIsQi {
            name: "zip".to_owned()
        })
    );
    assert_eq!(
        assess(&table, &RiskQuery::new(Vec::<String>::new())),
        Err(Error::NoQi)
    );
    let header_only = self::table(&["zip", "diagnosis"], &[]);
    assert_eq!(
        assess(&header_only, &RiskQuery::new(["zip"])),
        Err(Error::EmptyTable)
    );
    let unknown = assess(&table, &RiskQuery::new(["ZIP"])).err();
    assert_eq!(
        unknown.map(|error| error.to_string()).as_deref(),
        Some("no column 'ZIP'; the columns are: zip, diagnosis")
    );
}

#[test]
fn hierarchy_missing_values_is_counted_without_naming_them() -> Result<(), Error> {
    let table = table(
        &["zip", "diagnosis"],
        &[&["02139", "HIV"], &["02139", "flu"], &["02140", "cancer"]],
    );
    let mut query = RiskQuery::new(["zip"]);
    query.sensitive = Some(SensitiveAttribute {
        column: "diagnosis".to_owned(),
        hierarchy: Some(SensitiveHierarchy::new(strings(&[&["flu", "*"]]))?),
    });
    let error = assess(&table, &query).err();
    assert_eq!(
        error,
        Some(Error::HierarchyMissesValues {
            column: "diagnosis".to_owned(),
            n_missing: 2
        })
    );
    let message = error.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        !message.contains("HIV") && !message.contains("cancer"),
        "{message}"
    );
    Ok(())
}
