//! Anonymization what-ifs on a vault dataset version: default hierarchies, the search's
//! result on the demo dataset, the `anonymize` audit event, progress and cancellation.

mod common;

use common::demo;
use workstation::{
    DatasetAnonymizeRequest, ErrorCode, HierarchyRule, Passphrase, Role, Roles, Workstation,
};

fn request(qi: &[&str], k: usize) -> DatasetAnonymizeRequest {
    DatasetAnonymizeRequest {
        qi: qi.iter().map(|q| q.to_string()).collect(),
        k,
        l: None,
        sensitive: None,
        max_suppression: 0.05,
        threshold: 0.2,
    }
}

fn anonymize_events(ws: &mut Workstation) -> Vec<workstation::AuditEvent> {
    ws.audit_events()
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "anonymize")
        .collect()
}

#[test]
fn demo_dataset_gets_sensible_levels_and_an_audit_event() {
    let (_dir, mut ws, dataset) = demo();
    let qi = ["sex", "state", "zip", "age_at_visit"];
    let mut reports = 0;
    let a = ws
        .anonymize_dataset(dataset, None, &request(&qi, 5), &mut |p| {
            reports += 1;
            assert!(p.visited <= p.total && p.checked <= p.total);
            true
        })
        .unwrap();
    assert!(reports >= 1);
    assert_eq!(a.dataset, dataset);
    assert_eq!(a.version, 1);
    let rules: Vec<_> = a.hierarchies.iter().map(|h| h.rule).collect();
    assert_eq!(
        rules,
        [
            HierarchyRule::Suppression,
            HierarchyRule::Suppression,
            HierarchyRule::Masking,
            HierarchyRule::Intervals
        ]
    );
    let levels: Vec<(&str, usize, usize)> = a
        .anonymization
        .levels
        .iter()
        .map(|l| (l.column.as_str(), l.level, l.max_level))
        .collect();
    assert_eq!(
        levels.iter().map(|l| l.0).collect::<Vec<_>>(),
        qi,
        "levels in QI order"
    );
    // 3,000 visits are far from 5-anonymous over exact ZIP and age: both are generalized,
    // ZIP codes not all the way to `*`; the level names describe every level.
    for (column, level, max_level) in &levels {
        assert!(level <= max_level, "{column}");
    }
    let zip = levels[2];
    let age = levels[3];
    assert!(zip.1 >= 1 && zip.1 < zip.2, "zip level {zip:?}");
    assert!(age.1 >= 1, "age level {age:?}");
    for h in &a.hierarchies {
        let level = a
            .anonymization
            .levels
            .iter()
            .find(|l| l.column == h.column)
            .unwrap();
        assert_eq!(h.level_names.len(), level.max_level + 1, "{}", h.column);
    }
    let rows = a.anonymization.rows;
    assert_eq!(rows, a.risk_before.rows);
    assert!(a.anonymization.suppressed as f64 <= 0.05 * rows as f64);
    let after = a.anonymization.risk_after.as_ref().unwrap();
    assert!(after.k_min >= 5, "k after {}", after.k_min);
    assert!(a.risk_before.k_min < 5);
    assert!(after.max_prosecutor_risk <= 0.2);
    let chart = workstation::anonymization_chart(&a, 560, 300).unwrap();
    assert!(chart.starts_with("<svg") && chart.ends_with("</svg>"));
    assert!(chart.contains("before and after"));

    let events = anonymize_events(&mut ws);
    assert_eq!(events.len(), 1);
    let d = &events[0].details;
    assert_eq!(
        events[0].object.as_deref(),
        Some(&*format!("dataset:{dataset}"))
    );
    assert_eq!(d["qi_columns"], serde_json::json!([5, 12, 13, 15]));
    assert_eq!(d["k"], 5);
    assert_eq!(d["suppressed"], a.anonymization.suppressed);
    assert_eq!(
        d["levels"],
        serde_json::json!(levels.iter().map(|l| l.1).collect::<Vec<_>>())
    );
    let text = d.to_string();
    for name in qi.iter().chain(&["clinic_visits", "02129", "Boston"]) {
        assert!(!text.contains(name), "{name} in {text}");
    }
    assert!(ws.verify_audit().unwrap().ok);
}

#[test]
fn cancelled_search_records_nothing() {
    let (_dir, mut ws, dataset) = demo();
    let req = request(&["dob", "zip", "age_at_visit", "visit_date"], 10);
    let err = ws
        .anonymize_dataset(dataset, None, &req, &mut |_| false)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Cancelled);
    assert!(anonymize_events(&mut ws).is_empty());
    assert!(ws.verify_audit().unwrap().ok);
}

#[test]
fn bad_requests_are_input_errors_and_record_nothing() {
    let (_dir, mut ws, dataset) = demo();
    let unknown = ws
        .anonymize_dataset(dataset, None, &request(&["nope"], 5), &mut |_| true)
        .unwrap_err();
    assert_eq!(unknown.code(), ErrorCode::Input);
    let mut l_alone = request(&["sex"], 2);
    l_alone.l = Some(2);
    let err = ws
        .anonymize_dataset(dataset, None, &l_alone, &mut |_| true)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Input);
    let huge_k = request(&["sex"], 1_000_000);
    let err = ws
        .anonymize_dataset(dataset, None, &huge_k, &mut |_| true)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Input);
    assert!(anonymize_events(&mut ws).is_empty());
}

#[test]
fn l_diversity_of_a_sensitive_column() {
    let (_dir, mut ws, dataset) = demo();
    let mut req = request(&["sex", "age_at_visit"], 3);
    req.l = Some(2);
    req.sensitive = Some("diagnosis_code".into());
    let a = ws
        .anonymize_dataset(dataset, None, &req, &mut |_| true)
        .unwrap();
    let after = a.anonymization.risk_after.unwrap();
    assert!(after.l_distinct_min.unwrap() >= 2);
    let events = anonymize_events(&mut ws);
    assert_eq!(events[0].details["sensitive_column"], 16);
    assert_eq!(events[0].details["l"], 2);
}

#[test]
fn only_analysts_anonymize() {
    let (_dir, mut ws, dataset) = demo();
    let passphrase = Passphrase::new("olu passphrase 1");
    ws.add_user("olu", &Roles::new([Role::Auditor]).unwrap(), &passphrase)
        .unwrap();
    ws.unlock("olu", &passphrase).unwrap();
    let err = ws
        .anonymize_job(dataset, None, &request(&["sex"], 2))
        .err()
        .unwrap();
    assert_eq!(err.code(), ErrorCode::Auth);
    assert!(anonymize_events(&mut ws).is_empty());
}
