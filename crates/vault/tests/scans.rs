//! PHI scans in the vault: the findings model, review decisions, re-scans, migration of a v1
//! vault, and tamper detection of scans, findings and decisions.

use std::path::Path;

use detect::{CellFinding, ColumnClass, ColumnFinding, Kind, ScanResult};
use rusqlite::Connection;
use table::Table;
use vault::{
    Decision, Error, FindingStatus, KdfParams, Passphrase, Selection, SourceFacts, UnlockedVault,
    Vault,
};

const PASS: &str = "test passphrase one";
const SECRET_EVIDENCE_COLUMN: &str = "pt_fullname_zq";

fn create(dir: &Path) -> UnlockedVault {
    Vault::create(
        dir,
        "ana",
        &Passphrase::new(PASS),
        KdfParams::insecure_for_tests(),
    )
    .unwrap()
}

fn unlock(dir: &Path) -> UnlockedVault {
    Vault::open(dir)
        .unwrap()
        .unlock("ana", &Passphrase::new(PASS))
        .unwrap()
}

/// A 3-column dataset of `n_rows` rows: a name, a ZIP, a note.
fn import(v: &UnlockedVault, name: &str, n_rows: usize) -> i64 {
    let columns = vec![
        SECRET_EVIDENCE_COLUMN.to_string(),
        "zip".into(),
        "note".into(),
    ];
    let mut t = Table::new(columns.clone());
    for i in 0..n_rows {
        t.push_row(&[&format!("Zebulon Q{i}"), "02134", "seen by Dr Quartermaine"])
            .unwrap();
    }
    let mut once = Some(t);
    v.import(name, &columns, &mut || Ok(once.take()), &|| SourceFacts {
        bytes: 1,
        sha256: "ab".repeat(32),
    })
    .unwrap()
    .dataset
}

fn column(idx: usize, class: ColumnClass, kind: Option<Kind>) -> ColumnFinding {
    ColumnFinding {
        column: idx,
        kind,
        class,
        confidence: 0.9,
        evidence: format!("header '{SECRET_EVIDENCE_COLUMN}'"),
        sampled: 10,
    }
}

fn cell(row: usize, start: usize, end: usize, kind: Kind) -> CellFinding {
    CellFinding {
        column: 2,
        row,
        start,
        end,
        kind,
        confidence: 0.75,
        rule: "test:rule",
    }
}

/// Column 0 a direct NAME column, column 1 quasi, column 2 free text with three spans
/// (given out of order).
fn scan_result() -> ScanResult {
    ScanResult {
        columns: vec![
            column(0, ColumnClass::Direct, Some(Kind::Name)),
            column(1, ColumnClass::Quasi, None),
            column(2, ColumnClass::FreeText, None),
        ],
        cells: vec![
            cell(2, 10, 12, Kind::Age),
            cell(0, 8, 23, Kind::Name),
            cell(2, 3, 8, Kind::Date),
        ],
    }
}

fn sql(dir: &Path) -> Connection {
    let c = Connection::open(dir.join(vault::VAULT_FILE)).unwrap();
    for table in ["audit", "scans", "findings", "finding_decisions"] {
        c.execute_batch(&format!(
            "DROP TRIGGER IF EXISTS {table}_no_update; DROP TRIGGER IF EXISTS {table}_no_delete;"
        ))
        .unwrap();
    }
    c
}

fn statuses(v: &UnlockedVault) -> Vec<FindingStatus> {
    let (_, findings) = v.findings(1, 1, None).unwrap();
    findings.into_iter().map(|f| f.status).collect()
}

#[test]
fn a_scan_is_stored_with_one_finding_per_direct_column_and_per_span() {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    let dataset = import(&v, "d", 3);
    assert!(v.current_scan(dataset, 1).unwrap().is_none());
    assert!(matches!(
        v.findings(dataset, 1, None),
        Err(Error::NotScanned { .. })
    ));

    let saved = v.save_scan(dataset, 1, &scan_result()).unwrap();
    assert_eq!((saved.scan, saved.n_findings), (1, 4));
    let n_per_column: Vec<i64> = saved.columns.iter().map(|c| c.n_findings).collect();
    assert_eq!(n_per_column, [1, 0, 3]);
    assert_eq!(
        saved.columns[0].confidence, 0.9,
        "stored as the f32's decimal"
    );
    assert_eq!(saved.by_kind[&Kind::Name], 2);

    let v = unlock(dir.path());
    assert_eq!(v.current_scan(dataset, 1).unwrap().unwrap(), saved);
    let (scan, findings) = v.findings(dataset, 1, None).unwrap();
    assert_eq!(scan.scan, 1);
    let shape: Vec<_> = findings
        .iter()
        .map(|f| (f.finding, f.column, f.row, f.start, f.end, f.kind))
        .collect();
    assert_eq!(
        shape,
        [
            (1, 0, None, None, None, Kind::Name),
            (2, 2, Some(0), Some(8), Some(23), Kind::Name),
            (3, 2, Some(2), Some(3), Some(8), Kind::Date),
            (4, 2, Some(2), Some(10), Some(12), Kind::Age),
        ]
    );
    assert_eq!(findings[0].rule, vault::COLUMN_RULE);
    assert_eq!(findings[1].rule, "test:rule");
    assert_eq!(findings[1].confidence, 0.75);
    assert!(findings.iter().all(|f| f.status == FindingStatus::Pending));
    assert_eq!(v.findings(dataset, 1, Some(2)).unwrap().1.len(), 3);
    assert!(v.findings(dataset, 1, Some(1)).unwrap().1.is_empty());

    let events = v.audit_events().unwrap();
    let scan_event = events.iter().find(|e| e.action == "scan").unwrap();
    assert_eq!(scan_event.object.as_deref(), Some("dataset:1"));
    assert_eq!(
        scan_event.details,
        serde_json::json!({
            "dataset": 1, "version": 1, "scan": 1, "columns": 3, "n_findings": 4,
            "by_kind": {"AGE": 1, "DATE": 1, "NAME": 2},
            "by_class": {"direct": 1, "free_text": 1, "quasi": 1},
        })
    );
    assert!(v.verify_audit().unwrap().ok);
}

#[test]
fn a_scan_that_does_not_fit_the_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import(&v, "d", 3);
    let mut short = scan_result();
    short.columns.pop();
    assert!(v.save_scan(1, 1, &short).is_err());
    let mut far = scan_result();
    far.cells.push(cell(3, 0, 1, Kind::Date));
    assert!(v.save_scan(1, 1, &far).is_err());
    assert!(matches!(
        v.save_scan(1, 2, &scan_result()),
        Err(Error::UnknownVersion { .. })
    ));
    assert!(v.current_scan(1, 1).unwrap().is_none(), "nothing stored");
    assert!(v.audit_events().unwrap().iter().all(|e| e.action != "scan"));
}

#[test]
fn reviews_append_decisions_and_the_latest_wins() {
    use FindingStatus::{Accepted, Pending, Rejected};
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import(&v, "d", 3);
    v.save_scan(1, 1, &scan_result()).unwrap();
    let review = |selection: Selection, decision, reason: Option<&str>| {
        v.review_findings(1, 1, None, &selection, decision, reason.map(String::from))
    };

    let (_, ids) = review(Selection::Ids(vec![2, 1, 2]), Decision::Accepted, None).unwrap();
    assert_eq!(ids, [1, 2]);
    assert_eq!(statuses(&v), [Accepted, Accepted, Pending, Pending]);
    review(
        Selection::Ids(vec![2]),
        Decision::Rejected,
        Some("a clinician"),
    )
    .unwrap();
    assert_eq!(statuses(&v), [Accepted, Rejected, Pending, Pending]);
    let (_, ids) = review(Selection::Column(2), Decision::Accepted, None).unwrap();
    assert_eq!(ids, [2, 3, 4]);
    assert_eq!(statuses(&v), [Accepted, Accepted, Accepted, Accepted]);
    let (_, ids) = review(Selection::Column(1), Decision::Accepted, None).unwrap();
    assert!(ids.is_empty(), "a column without findings decides none");
    review(Selection::All, Decision::Rejected, None).unwrap();
    assert_eq!(statuses(&v), [Rejected; 4]);

    assert!(matches!(
        review(Selection::Ids(vec![1, 5]), Decision::Accepted, None),
        Err(Error::UnknownFinding {
            scan: 1,
            finding: 5,
            n_findings: 4
        })
    ));
    assert!(matches!(
        review(Selection::Column(3), Decision::Accepted, None),
        Err(Error::UnknownColumnNumber {
            column: 4,
            n_columns: 3
        })
    ));
    assert_eq!(
        statuses(&v),
        [Rejected; 4],
        "refused reviews change nothing"
    );

    let events = v.audit_events().unwrap();
    let reviews: Vec<_> = events
        .iter()
        .filter(|e| e.action == "findings_review")
        .collect();
    assert_eq!(
        reviews.len(),
        5,
        "every review is audited, even of no finding"
    );
    assert_eq!(reviews[1].reason.as_deref(), Some("a clinician"));
    assert_eq!(reviews[3].details["n_findings"], 0);
    assert_eq!(
        reviews[2].details,
        serde_json::json!({"dataset": 1, "version": 1, "scan": 1, "status": "accepted",
                           "n_findings": 3, "all": false, "column": 3})
    );
    assert_eq!(reviews[4].details["all"], true);
    assert!(v.verify_audit().unwrap().ok);
}

#[test]
fn a_rescan_becomes_current_starts_pending_and_keeps_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import(&v, "d", 3);
    v.save_scan(1, 1, &scan_result()).unwrap();
    v.review_findings(1, 1, None, &Selection::All, Decision::Rejected, None)
        .unwrap();
    let second = v.save_scan(1, 1, &scan_result()).unwrap();
    assert_eq!(second.scan, 2);
    assert_eq!(v.current_scan(1, 1).unwrap().unwrap().scan, 2);
    assert_eq!(statuses(&v), [FindingStatus::Pending; 4]);
    let stale = v.review_findings(1, 1, Some(1), &Selection::All, Decision::Accepted, None);
    assert!(matches!(
        stale,
        Err(Error::ScanReplaced {
            expected: 1,
            current: 2
        })
    ));
    let c = sql(dir.path());
    let kept: i64 = c
        .query_row("SELECT COUNT(*) FROM findings WHERE scan_id = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(kept, 4);
    assert!(v.verify_audit().unwrap().ok);
}

#[test]
fn scans_findings_and_decisions_cannot_be_changed_through_the_triggers() {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import(&v, "d", 3);
    v.save_scan(1, 1, &scan_result()).unwrap();
    v.review_findings(1, 1, None, &Selection::All, Decision::Accepted, None)
        .unwrap();
    let c = Connection::open(dir.path().join(vault::VAULT_FILE)).unwrap();
    for edit in [
        "UPDATE scans SET n_findings = 0",
        "DELETE FROM scans",
        "UPDATE findings SET row_idx = 1",
        "DELETE FROM findings",
        "UPDATE finding_decisions SET status = 'rejected'",
        "DELETE FROM finding_decisions",
    ] {
        assert!(c.execute(edit, []).is_err(), "{edit}");
    }
}

#[test]
fn a_v1_vault_opens_and_migrates() {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import(&v, "d", 3);
    drop(v);
    // What a vault written by schema 1 holds: no scan tables, schema_version 1.
    let c = sql(dir.path());
    c.execute_batch(
        "DROP TABLE finding_decisions; DROP TABLE findings; DROP TABLE scans;
         UPDATE meta SET value = 1 WHERE key = 'schema_version';",
    )
    .unwrap();
    drop(c);

    let v = unlock(dir.path());
    let version: i64 = sql(dir.path())
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(version, vault::SCHEMA_VERSION);
    assert_eq!(
        v.read_rows(&v.version_info(1, None).unwrap(), 0, 5)
            .unwrap()
            .len(),
        3
    );
    v.save_scan(1, 1, &scan_result()).unwrap();
    assert_eq!(v.findings(1, 1, None).unwrap().1.len(), 4);
    assert!(v.verify_audit().unwrap().ok);
}

fn read_findings(dir: &Path) -> Result<usize, Error> {
    let v = unlock(dir);
    Ok(v.findings(1, 1, None)?.1.len())
}

#[test]
fn flipped_bytes_in_scans_findings_or_decisions_are_integrity_errors() {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import(&v, "d", 3);
    v.save_scan(1, 1, &scan_result()).unwrap();
    v.review_findings(
        1,
        1,
        None,
        &Selection::Ids(vec![3]),
        Decision::Accepted,
        None,
    )
    .unwrap();
    drop(v);
    let c = sql(dir.path());
    for (table, column, key) in [
        ("findings", "ct", "finding = 3"),
        ("findings", "ct", "finding = 1"),
        ("scans", "columns_ct", "id = 1"),
        ("finding_decisions", "reason_ct", "id = 1"),
    ] {
        let ct: Vec<u8> = c
            .query_row(
                &format!("SELECT {column} FROM {table} WHERE {key}"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        for pos in [0, 12, ct.len() - 1] {
            let mut bad = ct.clone();
            bad[pos] ^= 0x08;
            let set = format!("UPDATE {table} SET {column} = ?1 WHERE {key}");
            c.execute(&set, [&bad]).unwrap();
            let r = read_findings(dir.path());
            assert!(
                matches!(r, Err(Error::Tampered { .. })),
                "{table} {key} byte {pos}: {r:?}"
            );
            c.execute(&set, [&ct]).unwrap();
        }
    }
    assert_eq!(read_findings(dir.path()).unwrap(), 4);
}

fn tampered_after(edit: &str) -> Result<usize, Error> {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import(&v, "d", 3);
    v.save_scan(1, 1, &scan_result()).unwrap();
    v.save_scan(1, 1, &scan_result()).unwrap();
    v.review_findings(
        1,
        1,
        None,
        &Selection::Ids(vec![3]),
        Decision::Rejected,
        None,
    )
    .unwrap();
    drop(v);
    sql(dir.path()).execute_batch(edit).unwrap();
    read_findings(dir.path())
}

#[test]
fn findings_moved_edited_or_deleted_are_integrity_errors() {
    for edit in [
        // Scan 1's finding moved into scan 2 in place of scan 2's own.
        "DELETE FROM findings WHERE scan_id = 2 AND finding = 4;
         UPDATE findings SET scan_id = 2 WHERE scan_id = 1 AND finding = 4;",
        // Ciphertext copied from the same place in another scan.
        "UPDATE findings SET ct = (SELECT ct FROM findings WHERE scan_id = 1 AND finding = 2)
         WHERE scan_id = 2 AND finding = 2;",
        // Ciphertext swapped between two findings of the same scan.
        "UPDATE findings SET ct = (SELECT ct FROM findings WHERE scan_id = 2 AND finding = 3)
         WHERE scan_id = 2 AND finding = 4;",
        "UPDATE findings SET row_idx = 1 WHERE scan_id = 2 AND finding = 2",
        "UPDATE findings SET column_idx = 1 WHERE scan_id = 2 AND finding = 2",
        "UPDATE findings SET row_idx = 0 WHERE scan_id = 2 AND finding = 1",
        "DELETE FROM findings WHERE scan_id = 2 AND finding = 4",
        "UPDATE scans SET n_findings = 3 WHERE id = 2",
        "UPDATE scans SET columns_ct = (SELECT columns_ct FROM scans WHERE id = 1) WHERE id = 2",
        // A decision's status flipped, or moved to another finding.
        "UPDATE finding_decisions SET status = 'accepted'",
        "UPDATE finding_decisions SET finding = 2",
    ] {
        let r = tampered_after(edit);
        assert!(matches!(r, Err(Error::Tampered { .. })), "{edit}: {r:?}");
    }
    assert_eq!(tampered_after("SELECT 1").unwrap(), 4);
}

fn audit_problem_after(edit: &str) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import(&v, "d", 3);
    v.save_scan(1, 1, &scan_result()).unwrap();
    v.review_findings(1, 1, None, &Selection::All, Decision::Accepted, None)
        .unwrap();
    assert!(v.verify_audit().unwrap().ok);
    sql(dir.path()).execute_batch(edit).unwrap();
    unlock(dir.path()).verify_audit().unwrap().problem
}

#[test]
fn deleted_decisions_scans_or_their_events_fail_audit_verification() {
    let decision = audit_problem_after("DELETE FROM finding_decisions WHERE id = 4").unwrap();
    assert!(decision.contains("review decisions"), "{decision}");
    let scan = audit_problem_after(
        "PRAGMA foreign_keys = OFF; DELETE FROM findings; DELETE FROM finding_decisions; DELETE FROM scans;",
    )
    .unwrap();
    assert!(scan.contains("scans") || scan.contains("review"), "{scan}");
    // The log cut back to before the scan, anchor and all, is caught through the scan.
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import(&v, "d", 3);
    let c = sql(dir.path());
    let anchor: Vec<u8> = c
        .query_row(
            "SELECT value FROM meta WHERE key = 'audit_anchor'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let last: i64 = c
        .query_row("SELECT MAX(seq) FROM audit", [], |r| r.get(0))
        .unwrap();
    v.save_scan(1, 1, &scan_result()).unwrap();
    c.execute("DELETE FROM audit WHERE seq > ?1", [last])
        .unwrap();
    c.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'audit_anchor'",
        [anchor],
    )
    .unwrap();
    let problem = v.verify_audit().unwrap().problem.unwrap();
    assert!(problem.contains("scan 1 of dataset 1"), "{problem}");
}

#[test]
fn the_vault_file_holds_no_finding_in_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import(&v, "d", 3);
    v.save_scan(1, 1, &scan_result()).unwrap();
    v.review_findings(
        1,
        1,
        None,
        &Selection::All,
        Decision::Rejected,
        Some("not a patient".into()),
    )
    .unwrap();
    drop(v);
    let needles = [
        SECRET_EVIDENCE_COLUMN,
        "test:rule",
        "Zebulon",
        "Quartermaine",
    ];
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        for needle in needles {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "plaintext {needle} found"
            );
        }
    }
}
