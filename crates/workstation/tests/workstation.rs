//! Sessions, roles, auto-lock and audited actions through the facade.

use std::io::Write;
use std::time::Duration;

mod common;

use common::{config, new_workspace};
use workstation::{ErrorCode, ImportRequest, LockReason, Passphrase, Role, Roles};

fn csv_file(dir: &std::path::Path, body: &str) -> std::path::PathBuf {
    let path = dir.join("in.csv");
    std::fs::File::create(&path)
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    path
}

#[test]
fn import_view_and_audit_through_the_facade() {
    let (dir, mut ws) = new_workspace(Duration::from_secs(600));
    let path = csv_file(dir.path(), "a;b\n1;x\n2;y\n");
    let mut reports = 0;
    let request = ImportRequest {
        name: "tiny".into(),
        delimiter: None,
    };
    let out = ws
        .import_file(&path, &request, &mut |_| {
            reports += 1;
            true
        })
        .unwrap();
    assert_eq!((out.rows, out.columns.len()), (2, 2));
    assert!(reports >= 1);
    let info = ws.dataset_info("tiny", None).unwrap();
    assert_eq!(info.source_sha256.as_deref().map(str::len), Some(64));
    assert_eq!(
        ws.rows(info.dataset, Some(1), 0, 10).unwrap().rows,
        vec![vec!["1", "x"], vec!["2", "y"]]
    );
    ws.rows(info.dataset, None, 1, 10).unwrap();
    let actions: Vec<String> = ws
        .audit_events()
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        ["init", "import", "view"],
        "one view event per version per session"
    );
    assert!(ws.verify_audit().unwrap().ok);
}

#[test]
fn cancelled_import_stores_nothing() {
    let (dir, mut ws) = new_workspace(Duration::from_secs(600));
    let path = csv_file(dir.path(), "a\n1\n");
    let request = ImportRequest {
        name: "never".into(),
        delimiter: None,
    };
    let err = ws.import_file(&path, &request, &mut |_| false).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Cancelled);
    assert!(ws.datasets().unwrap().is_empty());
}

#[test]
fn roles_are_enforced() {
    let (_dir, mut ws) = new_workspace(Duration::from_secs(600));
    ws.add_user(
        "olu",
        &Roles::new([Role::Auditor]).unwrap(),
        &Passphrase::new("olu passphrase 1"),
    )
    .unwrap();
    ws.unlock("olu", &Passphrase::new("olu passphrase 1"))
        .unwrap();
    assert!(ws.audit_events().is_ok());
    assert!(ws.datasets().is_ok());
    let err = ws.dataset_info("1", None).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Auth);
    assert!(err.to_string().contains("analyst"));
    assert_eq!(ws.users().unwrap_err().code(), ErrorCode::Auth);
    assert_eq!(ws.import_job().err().unwrap().code(), ErrorCode::Auth);
}

#[test]
fn idle_sessions_lock_themselves() {
    let (_dir, mut ws) = new_workspace(Duration::ZERO);
    let err = ws.datasets().unwrap_err();
    assert_eq!(err.code(), ErrorCode::Locked);
    let status = ws.status();
    assert!(status.exists && !status.unlocked);
    assert_eq!(status.locked_reason, Some(LockReason::Idle));
}

#[test]
fn manual_lock_and_unlock() {
    let (_dir, mut ws) = new_workspace(Duration::from_secs(600));
    ws.lock();
    assert_eq!(ws.status().locked_reason, Some(LockReason::Manual));
    assert_eq!(ws.datasets().unwrap_err().code(), ErrorCode::Locked);
    assert_eq!(
        ws.unlock("ana", &Passphrase::new("wrong passphrase"))
            .unwrap_err()
            .code(),
        ErrorCode::Auth
    );
    let info = ws
        .unlock("ana", &Passphrase::new("ana passphrase 1"))
        .unwrap();
    assert_eq!(info.user, "ana");
    assert!(ws.status().unlocked);
}

#[test]
fn bad_csv_errors_name_the_line_and_leave_no_dataset() {
    let (dir, mut ws) = new_workspace(Duration::from_secs(600));
    let path = csv_file(dir.path(), "a,b\n1,2\n3\n");
    let request = ImportRequest {
        name: "ragged".into(),
        delimiter: None,
    };
    let err = ws.import_file(&path, &request, &mut |_| true).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Input);
    assert!(err.to_string().contains("line 3"), "{err}");
    assert!(err.hint().is_some());
    assert!(ws.datasets().unwrap().is_empty());
}

#[test]
fn demo_workspace_has_the_clinic_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let out = workstation::create_demo(
        &dir.path().join("demo"),
        "demo",
        &Passphrase::new("demo passphrase"),
        config(Duration::from_secs(60)),
    )
    .unwrap();
    assert!(out.rows >= 1000);
    assert!(out.columns.iter().any(|c| c.name == "note"));
}

fn risk_request(qi: &[&str]) -> workstation::RiskRequest {
    workstation::RiskRequest {
        qi: qi.iter().map(|q| q.to_string()).collect(),
        sensitive: Some("dx".into()),
        person_id: None,
        threshold: 0.2,
        population_size: None,
    }
}

#[test]
fn risk_what_ifs_are_audited_once_and_saved_reports_are_sealed() {
    let (dir, mut ws) = new_workspace(Duration::from_secs(600));
    let path = csv_file(
        dir.path(),
        "age,sex,zip,dx\n30,F,02134,a\n30,F,02134,b\n41,M,10001,a\n41,M,10001,a\n52,F,94110,c\n",
    );
    let dataset = common::import(&mut ws, &path, "small");

    let a = ws
        .assess_risk(dataset, None, &risk_request(&["age", "sex"]))
        .unwrap();
    assert_eq!((a.report.rows, a.report.classes, a.report.k_min), (5, 3, 1));
    assert_eq!(a.report.l_distinct_min, Some(1));
    let b = ws
        .assess_risk(dataset, Some(1), &risk_request(&["zip"]))
        .unwrap();
    assert_eq!(b.report.classes, 3);
    let charts = workstation::risk_charts(&b, 400, 240).unwrap();
    assert!(charts.class_sizes.starts_with("<svg") && charts.risk_distribution.contains("</svg>"));

    let (report, saved) = ws
        .save_risk_report(
            dataset,
            None,
            &risk_request(&["age"]),
            Some("quarterly review".into()),
        )
        .unwrap();
    assert_eq!(saved.report.classes, 3);
    let stored = ws.risk_report(report).unwrap();
    assert_eq!(stored["qi"], serde_json::json!(["age"]));
    assert_eq!(stored["assessment"]["classes"], 3);

    let events = ws.audit_events().unwrap();
    let risk: Vec<_> = events.iter().filter(|e| e.action == "risk").collect();
    assert_eq!(
        risk.len(),
        2,
        "one for the what-ifs, one for the saved report"
    );
    assert_eq!(risk[1].reason.as_deref(), Some("quarterly review"));
    assert_eq!(risk[1].details["report"], report);
    assert_eq!(risk[0].details["qi_columns"], serde_json::json!([1, 2]));
    assert!(!risk.iter().any(|e| e.details.to_string().contains("zip")));
    assert!(ws.verify_audit().unwrap().ok);

    let err = ws
        .assess_risk(dataset, None, &risk_request(&["nope"]))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Input);
    assert!(err.to_string().contains("nope"));
}
