//! Risk at chosen generalization levels: the same default hierarchies as the anonymization
//! what-if, level 0 as the version is, figures checked by hand and against the search's
//! risk after, the `risk` audit event, and bad levels.

use table::Table;
mod common;

use common::demo;
use workstation::{
    assess_table_at_levels, DatasetAnonymizeRequest, Error, ErrorCode, HierarchyRule, RiskRequest,
};

fn request(qi: &[&str], sensitive: Option<&str>) -> RiskRequest {
    RiskRequest {
        qi: qi.iter().map(|q| q.to_string()).collect(),
        sensitive: sensitive.map(Into::into),
        person_id: None,
        threshold: 0.2,
        population_size: None,
    }
}

fn table(header: &[&str], rows: &[&[&str]]) -> Table {
    let mut table = Table::new(header.iter().map(|h| h.to_string()).collect());
    for row in rows {
        table.push_row(row).unwrap();
    }
    table
}

#[test]
fn levels_generalize_with_the_default_hierarchies() {
    // Ages 37 and 38 share the 5-year band 35-39; 52 is alone in 50-54. By hand: two
    // classes, sizes 2 and 1.
    let t = table(
        &["age", "sex", "dx"],
        &[&["37", "F", "a"], &["38", "F", "b"], &["52", "F", "a"]],
    );
    let r = request(&["age", "sex"], Some("dx"));
    let original = assess_table_at_levels(&t, &r, &[0, 0]).unwrap();
    assert_eq!(
        (
            original.assessment.report.classes,
            original.assessment.report.k_min
        ),
        (3, 1)
    );
    let bands = assess_table_at_levels(&t, &r, &[1, 0]).unwrap();
    assert_eq!(bands.assessment.report.classes, 2);
    assert_eq!(bands.assessment.report.k_min, 1);
    assert_eq!(bands.assessment.report.l_distinct_min, Some(1));
    assert_eq!(bands.levels, [1, 0]);
    let rules: Vec<_> = bands.hierarchies.iter().map(|h| h.rule).collect();
    assert_eq!(
        rules,
        [HierarchyRule::Intervals, HierarchyRule::Suppression]
    );
    assert_eq!(bands.hierarchies[0].level_names[1], "intervals of 5");
    assert_eq!(
        bands.hierarchies[1].level_names,
        ["original values", "suppressed (*)"]
    );
    let top = assess_table_at_levels(&t, &r, &[4, 1]).unwrap();
    assert_eq!(
        (top.assessment.report.classes, top.assessment.report.k_min),
        (1, 3)
    );
}

#[test]
fn level_zero_is_the_version_as_it_is() {
    let (_dir, mut ws, dataset) = demo();
    let r = request(&["sex", "zip", "age_at_visit"], Some("diagnosis_code"));
    let plain = ws.assess_risk(dataset, None, &r).unwrap();
    let at_zero = ws
        .assess_risk_at_levels(dataset, None, &r, &[0, 0, 0])
        .unwrap();
    assert_eq!(at_zero.assessment.report, plain.report);
    let names: Vec<usize> = at_zero
        .hierarchies
        .iter()
        .map(|h| h.level_names.len())
        .collect();
    assert_eq!(
        names,
        [2, 6, 5],
        "sex: value or *; ZIP: 5 digits masked; age: 3 bands"
    );
}

#[test]
fn figures_equal_the_anonymization_search_at_its_levels() {
    let (_dir, mut ws, dataset) = demo();
    let qi = ["sex", "state", "zip", "age_at_visit"];
    let search = DatasetAnonymizeRequest {
        qi: qi.iter().map(|q| q.to_string()).collect(),
        k: 5,
        l: None,
        sensitive: None,
        max_suppression: 0.0,
        threshold: 0.2,
    };
    let found = ws
        .anonymize_dataset(dataset, None, &search, &mut |_| true)
        .unwrap();
    assert_eq!(found.anonymization.suppressed, 0);
    let levels: Vec<usize> = found.anonymization.levels.iter().map(|l| l.level).collect();
    assert!(levels.iter().any(|&l| l > 0));
    let at = ws
        .assess_risk_at_levels(dataset, None, &request(&qi, None), &levels)
        .unwrap();
    let after = found.anonymization.risk_after.unwrap();
    assert_eq!(at.assessment.report.classes, after.classes);
    assert_eq!(at.assessment.report.k_min, after.k_min);
    assert_eq!(
        at.assessment.report.class_size_histogram,
        after.class_size_histogram
    );
    assert_eq!(at.hierarchies, found.hierarchies);
}

#[test]
fn first_assessment_is_audited_with_column_numbers_and_levels() {
    let (_dir, mut ws, dataset) = demo();
    let r = request(&["sex", "zip"], None);
    ws.assess_risk_at_levels(dataset, None, &r, &[1, 2])
        .unwrap();
    ws.assess_risk_at_levels(dataset, None, &r, &[0, 3])
        .unwrap();
    ws.assess_risk(dataset, None, &r).unwrap();
    let events: Vec<_> = ws
        .audit_events()
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "risk")
        .collect();
    assert_eq!(events.len(), 1, "once per version and session");
    let details = &events[0].details;
    assert_eq!(details["qi_columns"], serde_json::json!([5, 13]));
    assert_eq!(details["levels"], serde_json::json!([1, 2]));
    let text = details.to_string();
    assert!(!text.contains("zip") && !text.contains("sex"), "{text}");
    assert!(ws.verify_audit().unwrap().ok);
}

#[test]
fn bad_levels_are_input_errors() {
    let (_dir, mut ws, dataset) = demo();
    let r = request(&["sex", "zip"], None);
    let few = ws
        .assess_risk_at_levels(dataset, None, &r, &[1])
        .unwrap_err();
    assert!(
        matches!(
            few,
            Error::LevelsMismatch {
                n_qi: 2,
                n_levels: 1
            }
        ),
        "{few:?}"
    );
    assert_eq!(few.code(), ErrorCode::Input);
    let past = ws
        .assess_risk_at_levels(dataset, None, &r, &[2, 0])
        .unwrap_err();
    assert!(
        matches!(
            past,
            Error::Risk(risk::Error::InvalidLevel {
                level: 2,
                max_level: 1,
                ..
            })
        ),
        "{past:?}"
    );
    assert_eq!(past.code(), ErrorCode::Input);
    let no_risk_events = ws
        .audit_events()
        .unwrap()
        .iter()
        .all(|e| e.action != "risk");
    assert!(no_risk_events, "a refused assessment records nothing");
}
