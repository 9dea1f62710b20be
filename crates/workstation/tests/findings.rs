//! PHI scans and findings review through the facade: progress, cancellation, listing,
//! review decisions, re-scans, roles and audit events. These tests assert shapes and
//! invariants, not what the detector finds.

use std::time::Duration;

mod common;

use workstation::{
    Decision, ErrorCode, FindingFilter, FindingStatus, Passphrase, ReviewRequest, Role, Roles,
    ScanStage, Selection, Workstation,
};

fn new_workspace() -> (tempfile::TempDir, Workstation, i64) {
    let (dir, mut ws) = common::new_workspace(Duration::from_secs(600));
    let path = dir.path().join("visits.csv");
    std::fs::write(
        &path,
        "name,email,zip,note\n\
         Quinn Ashdown,quinn@example.org,02134,Seen by Dr. Rory Belcastro on 2024-03-05.\n\
         Sol Dunmore,sol@example.org,10001,Call 617-555-0199 about results.\n\
         Tam Eversleigh,tam@example.org,94110,Stable.\n",
    )
    .unwrap();
    let dataset = common::import(&mut ws, &path, "visits");
    (dir, ws, dataset)
}

fn review(selection: Selection, decision: Decision) -> ReviewRequest {
    ReviewRequest {
        selection,
        decision,
        reason: None,
        scan: None,
    }
}

fn actions(ws: &mut Workstation) -> Vec<String> {
    ws.audit_events()
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

#[test]
fn scan_list_and_review_through_the_facade() {
    let (_dir, mut ws, dataset) = new_workspace();
    assert!(ws.scan_summary(dataset, None).unwrap().is_none());
    assert!(ws.column_findings(dataset, None).unwrap().is_empty());
    let not_scanned = ws
        .findings(dataset, None, &FindingFilter::default())
        .unwrap_err();
    assert_eq!(not_scanned.code(), ErrorCode::Input);
    assert!(not_scanned.hint().unwrap().contains("scan"));

    let mut reports = Vec::new();
    let summary = ws
        .scan_dataset(dataset, None, &mut |p| {
            reports.push(p);
            true
        })
        .unwrap();
    assert_eq!(reports.first().unwrap().stage, ScanStage::Reading);
    let last = reports.last().unwrap();
    assert_eq!(
        (last.stage, last.columns_done, last.columns),
        (ScanStage::Storing, 4, 4)
    );
    assert_eq!(
        (summary.dataset, summary.version, summary.scan),
        (dataset, 1, 1)
    );
    let names: Vec<&str> = summary.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["name", "email", "zip", "note"]);
    let per_column: i64 = summary.columns.iter().map(|c| c.n_findings).sum();
    assert_eq!(per_column, summary.n_findings);
    assert_eq!(summary.by_kind.values().sum::<i64>(), summary.n_findings);
    assert_eq!(
        ws.scan_summary(dataset, Some(1)).unwrap().as_ref(),
        Some(&summary)
    );
    assert_eq!(ws.column_findings(dataset, None).unwrap(), summary.columns);

    let page = ws
        .findings(dataset, None, &FindingFilter::default())
        .unwrap();
    assert_eq!((page.scan, page.total), (1, summary.n_findings as u64));
    assert_eq!(page.findings.len() as u64, page.total);
    for (i, f) in page.findings.iter().enumerate() {
        assert_eq!(f.finding, i as i64 + 1, "numbered from 1 in order");
        assert!(f.column < 4 && f.row.map_or(true, |r| r < 3));
        assert_eq!(f.row.is_none(), f.start.is_none());
        assert!(f.start <= f.end);
        assert_eq!(f.status, FindingStatus::Pending);
        assert!((0.0..=1.0).contains(&f.confidence));
    }
    for limit in [0, workstation::MAX_FINDINGS_PAGE + 1] {
        let filter = FindingFilter {
            limit: Some(limit),
            ..FindingFilter::default()
        };
        assert_eq!(
            ws.findings(dataset, None, &filter).unwrap_err().code(),
            ErrorCode::Input
        );
    }

    let all = ws
        .review_findings(dataset, None, &review(Selection::All, Decision::Accepted))
        .unwrap();
    assert_eq!(all.n_findings as i64, summary.n_findings);
    assert_eq!(all.status, FindingStatus::Accepted);
    let pending = FindingFilter {
        status: Some(FindingStatus::Pending),
        ..FindingFilter::default()
    };
    assert_eq!(ws.findings(dataset, None, &pending).unwrap().total, 0);
    let accepted = FindingFilter {
        status: Some(FindingStatus::Accepted),
        ..FindingFilter::default()
    };
    assert_eq!(
        ws.findings(dataset, None, &accepted).unwrap().total,
        summary.n_findings as u64
    );

    let unknown = summary.n_findings + 1;
    let err = ws
        .review_findings(
            dataset,
            None,
            &review(Selection::Ids(vec![unknown]), Decision::Rejected),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Input);
    assert!(
        err.to_string().contains(&format!("no finding {unknown}")),
        "{err}"
    );
    for bad in [Selection::Ids(vec![]), Selection::Column(4)] {
        let err = ws
            .review_findings(dataset, None, &review(bad, Decision::Rejected))
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::Input, "{err}");
    }
    let stale = ReviewRequest {
        scan: Some(7),
        ..review(Selection::All, Decision::Rejected)
    };
    assert_eq!(
        ws.review_findings(dataset, None, &stale)
            .unwrap_err()
            .code(),
        ErrorCode::Input
    );

    let again = ws.scan_dataset(dataset, Some(1), &mut |_| true).unwrap();
    assert_eq!(again.scan, 2);
    assert_eq!(
        ws.findings(dataset, None, &pending).unwrap().total,
        again.n_findings as u64,
        "a new scan starts pending"
    );

    let events = ws.audit_events().unwrap();
    let acts: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(acts.iter().filter(|a| **a == "scan").count(), 2);
    assert_eq!(acts.iter().filter(|a| **a == "findings_review").count(), 1);
    assert_eq!(
        acts.iter().filter(|a| **a == "view").count(),
        1,
        "listing findings views the version once per session"
    );
    let scan = events.iter().find(|e| e.action == "scan").unwrap();
    for key in [
        "dataset",
        "version",
        "scan",
        "columns",
        "n_findings",
        "by_kind",
        "by_class",
    ] {
        assert!(scan.details.get(key).is_some(), "scan details lack {key}");
    }
    assert!(!scan.details.to_string().contains("email"));
    assert!(ws.verify_audit().unwrap().ok);
}

#[test]
fn a_cancelled_scan_stores_nothing() {
    let (_dir, mut ws, dataset) = new_workspace();
    for stop_at in [ScanStage::Reading, ScanStage::Detecting, ScanStage::Storing] {
        let err = ws
            .scan_dataset(dataset, None, &mut |p| p.stage != stop_at)
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::Cancelled, "{stop_at:?}");
    }
    assert!(ws.scan_summary(dataset, None).unwrap().is_none());
    assert!(!actions(&mut ws).contains(&"scan".to_string()));
}

#[test]
fn scanning_and_reviewing_need_the_analyst_role() {
    let (_dir, mut ws, dataset) = new_workspace();
    ws.scan_dataset(dataset, None, &mut |_| true).unwrap();
    ws.add_user(
        "olu",
        &Roles::new([Role::Auditor]).unwrap(),
        &Passphrase::new("olu passphrase 1"),
    )
    .unwrap();
    ws.unlock("olu", &Passphrase::new("olu passphrase 1"))
        .unwrap();
    let codes = [
        ws.scan_job(dataset, None).err().unwrap().code(),
        ws.scan_summary(dataset, None).unwrap_err().code(),
        ws.findings(dataset, None, &FindingFilter::default())
            .unwrap_err()
            .code(),
        ws.review_findings(dataset, None, &review(Selection::All, Decision::Accepted))
            .unwrap_err()
            .code(),
    ];
    assert_eq!(codes, [ErrorCode::Auth; 4]);
    let refused = actions(&mut ws);
    assert!(!refused.contains(&"findings_review".to_string()));
}

#[test]
fn text_files_are_scanned_in_a_stream() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("note.txt");
    let text = "Patient Quinn Ashdown, DOB 03/05/1941, MRN 12345678.\nCall 617-555-0199.\n";
    std::fs::write(&path, text).unwrap();
    let mut spans = Vec::new();
    let summary = workstation::detect_text_file(&path, &mut |s| spans.push(s)).unwrap();
    assert_eq!(summary.bytes, text.len() as u64);
    assert_eq!(summary.spans, spans.len() as u64);
    let chars: Vec<char> = text.chars().collect();
    for s in &spans {
        let cut: String = chars[s.start as usize..s.end as usize].iter().collect();
        assert_eq!(cut, s.text, "offsets count Unicode scalar values");
    }
}
