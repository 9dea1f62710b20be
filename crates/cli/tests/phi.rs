//! The PHI commands of the CLI contract: `detect` (streamed spans, summaries, refused files),
//! `scan`, `findings` and `findings accept|reject` (JSON shapes, audit events with counts
//! only, roles, exit codes, tamper detection, no plaintext). Shapes and invariants only: what
//! the detector finds is tested in `crates/detect`.

mod common;

use common::{fixture, write, Workspace, PASS};
use serde_json::{json, Value};

fn imported_patients() -> Workspace {
    let ws = Workspace::initialised();
    let csv = fixture("patients.csv");
    let r = ws.ana(&["import", csv.to_str().unwrap(), "--name", "patients"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    ws
}

fn events(ws: &Workspace, action: &str) -> Vec<Value> {
    ws.ana(&["audit", "--json"]).json()["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == action)
        .cloned()
        .collect()
}

const NOTE: &str = "Patient Quinn Ashdown (DOB 03/05/1941, MRN 12345678) was seen by Dr. Rory \
Belcastro at 12 Elm Street, Boston MA 02134.\nCall 617-555-0199 or write to quinn@example.org.\n\
Café visit — 日本 — follow up in 3 weeks.\n";

#[test]
fn detect_streams_spans_whose_offsets_cut_the_text() {
    let ws = Workspace::new();
    let tmp = tempfile::tempdir().unwrap();
    let file = write(tmp.path(), "note.txt", NOTE.as_bytes());
    let path = file.to_str().unwrap();

    let r = ws.run(&["detect", "--text-file", path, "--json"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let j = r.json();
    let spans = j["spans"].as_array().unwrap();
    let chars: Vec<char> = NOTE.chars().collect();
    let mut last_end = 0;
    for s in spans {
        for key in ["start", "end", "kind", "text", "confidence", "rule"] {
            assert!(s.get(key).is_some(), "span lacks {key}: {s}");
        }
        let (start, end) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
        assert!(
            start >= last_end && start < end,
            "sorted, non-overlapping: {s}"
        );
        last_end = end;
        let cut: String = chars[start as usize..end as usize].iter().collect();
        assert_eq!(s["text"], cut.as_str(), "offsets in Unicode scalar values");
        assert!(s["kind"]
            .as_str()
            .unwrap()
            .parse::<workstation::Kind>()
            .is_ok());
    }
    assert_eq!(j["summary"]["spans"], spans.len());

    let summary = ws.run(&["detect", "--text-file", path, "--summary", "--json"], &[]);
    assert_eq!(summary.code, 0, "{}", summary.stderr);
    let s = summary.json();
    assert_eq!(s["bytes"], NOTE.len());
    assert_eq!(s["spans"], spans.len());
    let by_kind: u64 = s["by_kind"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(by_kind, spans.len() as u64);
    assert!(s["by_kind"].as_object().unwrap().values().all(|n| n != 0));
    assert!(s.get("spans").is_some() && !s["spans"].is_array());

    let human = ws.run(&["detect", "--text-file", path], &[]);
    assert_eq!(human.code, 0);
    assert!(
        human.stdout.starts_with("start\tend\tkind"),
        "{}",
        human.stdout
    );
    assert_eq!(
        human.stdout.lines().count(),
        spans.len() + 2 + s["by_kind"].as_object().unwrap().len()
    );
}

#[test]
fn detect_on_an_empty_file_finds_nothing() {
    let ws = Workspace::new();
    let tmp = tempfile::tempdir().unwrap();
    let empty = write(tmp.path(), "empty.txt", b"");
    let path = empty.to_str().unwrap();
    let r = ws.run(&["detect", "--text-file", path, "--json"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["spans"], json!([]));
    let s = ws.run(&["detect", "--text-file", path, "--summary", "--json"], &[]);
    assert_eq!(s.json(), json!({"bytes": 0, "spans": 0, "by_kind": {}}));
}

#[test]
fn detect_refuses_binary_bad_utf8_missing_files_and_directories() {
    let ws = Workspace::new();
    let tmp = tempfile::tempdir().unwrap();
    let binary = write(tmp.path(), "scan.bin", b"Quinn Ashdown\0\x01\x02");
    let bad = write(tmp.path(), "latin1.txt", b"Quinn Ashdown\nCaf\xe9 visit\n");
    let missing = tmp.path().join("nowhere.txt");
    let cases = [
        (binary.to_str().unwrap(), "byte offset 13"),
        (bad.to_str().unwrap(), "byte offset 17"),
        (missing.to_str().unwrap(), "nowhere.txt"),
        (tmp.path().to_str().unwrap(), "directory"),
    ];
    for (path, expect) in cases {
        for extra in [&["--json"][..], &["--summary", "--json"][..], &[][..]] {
            let mut args = vec!["detect", "--text-file", path];
            args.extend_from_slice(extra);
            let r = ws.run(&args, &[]);
            assert_eq!(r.code, 1, "{path} {extra:?}: {}", r.stderr);
            assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
            assert!(r.stderr.contains(expect), "{path}: {}", r.stderr);
            assert!(r.stdout.is_empty(), "{path}: {}", r.stdout);
            assert!(!r.stderr.contains("Quinn"), "text in stderr: {}", r.stderr);
        }
    }
    assert_eq!(ws.run(&["detect"], &[]).code, 2, "--text-file is required");
}

#[test]
fn scan_findings_and_review_transcript() {
    let ws = imported_patients();
    let not_scanned = ws.ana(&["findings", "patients", "--json"]);
    assert_eq!(not_scanned.code, 1);
    assert!(
        not_scanned.stderr.contains("breakwater scan"),
        "{}",
        not_scanned.stderr
    );

    let scan = ws.ana(&["scan", "patients", "--json"]);
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    let s = scan.json();
    assert_eq!(
        (
            s["dataset"].as_i64(),
            s["version"].as_i64(),
            s["scan"].as_i64()
        ),
        (Some(1), Some(1), Some(1))
    );
    let columns = s["columns"].as_array().unwrap();
    let names: Vec<&str> = columns
        .iter()
        .map(|c| c["column"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["mrn", "name", "dob", "zip", "note"]);
    let mut per_column = 0;
    for c in columns {
        for key in [
            "column",
            "kind",
            "class",
            "confidence",
            "evidence",
            "n_findings",
        ] {
            assert!(c.get(key).is_some(), "column lacks {key}: {c}");
        }
        let class = c["class"].as_str().unwrap();
        assert!(
            ["direct", "quasi", "free_text", "none"].contains(&class),
            "{class}"
        );
        if class == "direct" {
            assert!(c["kind"].is_string(), "a direct column has a kind: {c}");
        }
        let n = c["n_findings"].as_i64().unwrap();
        match class {
            "direct" => assert_eq!(n, 1, "one whole-column finding"),
            "quasi" | "none" => assert_eq!(n, 0),
            _ => {}
        }
        per_column += n;
    }
    let n_findings = s["n_findings"].as_i64().unwrap();
    assert_eq!(per_column, n_findings);

    let list = ws.ana(&["findings", "patients", "--json"]).json();
    assert_eq!(list["total"], n_findings);
    let findings = list["findings"].as_array().unwrap();
    assert_eq!(findings.len() as i64, n_findings);
    for (i, f) in findings.iter().enumerate() {
        for key in [
            "finding",
            "column",
            "row",
            "start",
            "end",
            "kind",
            "status",
            "confidence",
        ] {
            assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
        }
        assert_eq!(f["finding"], i + 1);
        assert!(names.contains(&f["column"].as_str().unwrap()));
        assert_eq!(f["status"], "pending");
        assert!(f.get("text").is_none(), "findings carry no text");
        assert_eq!(f["row"].is_null(), f["start"].is_null());
    }
    let human = ws.ana(&["findings", "patients"]);
    assert_eq!(human.code, 0);
    assert!(
        human.stdout.starts_with("Dataset 1 version 1 (scan 1)"),
        "{}",
        human.stdout
    );

    if n_findings > 0 {
        let one = ws.ana(&[
            "findings", "accept", "patients", "1", "--reason", "checked", "--json",
        ]);
        assert_eq!(one.code, 0, "{}", one.stderr);
        assert_eq!(one.json()["findings"], json!([1]));
        let accepted = ws
            .ana(&["findings", "patients", "--status", "accepted", "--json"])
            .json();
        assert_eq!(accepted["total"], 1);
    }
    let note = ws.ana(&[
        "findings", "reject", "patients", "--column", "note", "--json",
    ]);
    assert_eq!(note.code, 0, "{}", note.stderr);
    let note_findings = columns[4]["n_findings"].as_i64().unwrap();
    assert_eq!(note.json()["n_findings"], note_findings);
    assert_eq!(note.json()["status"], "rejected");
    let by_number = ws.ana(&[
        "findings", "patients", "--column", "5", "--status", "rejected", "--json",
    ]);
    assert_eq!(by_number.json()["total"], note_findings);
    let all = ws.ana(&["findings", "accept", "patients", "--all", "--json"]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    assert_eq!(all.json()["n_findings"], n_findings);
    let pending = ws
        .ana(&["findings", "patients", "--status", "pending", "--json"])
        .json();
    assert_eq!(pending["total"], 0);

    let unknown = ws.ana(&[
        "findings",
        "accept",
        "patients",
        &(n_findings + 1).to_string(),
    ]);
    assert_eq!(unknown.code, 1, "{}", unknown.stderr);
    assert!(
        unknown
            .stderr
            .contains(&format!("no finding {}", n_findings + 1)),
        "{}",
        unknown.stderr
    );
    let no_column = ws.ana(&["findings", "reject", "patients", "--column", "shoe_size"]);
    assert_eq!(no_column.code, 1);
    assert!(
        !no_column.stderr.contains("shoe_size"),
        "{}",
        no_column.stderr
    );
    assert_eq!(ws.ana(&["findings", "patients", "--kind", "SHOE"]).code, 2);
    assert_eq!(
        ws.ana(&["findings", "patients", "--status", "maybe"]).code,
        2
    );
    assert_eq!(
        ws.ana(&["findings", "accept", "patients"]).code,
        2,
        "which findings?"
    );
    assert_eq!(
        ws.ana(&["findings", "accept", "patients", "1", "--all"])
            .code,
        2
    );
    let stale = ws.ana(&["findings", "accept", "patients", "--all", "--scan", "9"]);
    assert_eq!(stale.code, 1);
    assert!(stale.stderr.contains("re-scanned"), "{}", stale.stderr);

    let again = ws.ana(&["scan", "1", "--version", "1", "--json"]);
    assert_eq!(again.json()["scan"], 2);
    let pending = ws
        .ana(&["findings", "patients", "--status", "pending", "--json"])
        .json();
    assert_eq!(
        pending["total"],
        again.json()["n_findings"],
        "a re-scan starts pending"
    );

    let scans = events(&ws, "scan");
    assert_eq!(scans.len(), 2);
    let details = &scans[0]["details"];
    assert_eq!(details["columns"], 5);
    assert_eq!(details["n_findings"], n_findings);
    for key in ["dataset", "version", "scan", "by_kind", "by_class"] {
        assert!(details.get(key).is_some(), "scan details lack {key}");
    }
    let reviews = events(&ws, "findings_review");
    assert_eq!(reviews.len(), if n_findings > 0 { 3 } else { 2 });
    let column_review = reviews
        .iter()
        .find(|e| e["details"]["status"] == "rejected")
        .unwrap();
    assert_eq!(
        column_review["details"]["column"], 5,
        "column numbers from 1"
    );
    assert_eq!(reviews.last().unwrap()["details"]["all"], true);
    if n_findings > 0 {
        assert_eq!(reviews[0]["reason"], "checked");
    }
    for e in scans.iter().chain(&reviews) {
        let text = e["details"].to_string();
        for name in ["mrn\"", "note", "Quinn", "02134"] {
            assert!(!text.contains(name), "{name} in audit details: {text}");
        }
    }
    let verify = ws.ana(&["audit", "verify", "--json"]);
    assert_eq!(verify.code, 0, "{}", verify.stdout);
}

#[test]
fn scanning_and_reviewing_need_the_analyst_role() {
    let ws = imported_patients();
    assert_eq!(ws.ana(&["scan", "patients"]).code, 0);
    let add = ws.run(
        &["user", "add", "olu", "--role", "auditor"],
        &[
            ("BREAKWATER_PASSPHRASE", PASS),
            ("BREAKWATER_NEW_PASSPHRASE", "olu's passphrase 1"),
        ],
    );
    assert_eq!(add.code, 0, "{}", add.stderr);
    let olu = |args: &[&str]| {
        ws.run(
            args,
            &[
                ("BREAKWATER_USER", "olu"),
                ("BREAKWATER_PASSPHRASE", "olu's passphrase 1"),
            ],
        )
    };
    for args in [
        &["scan", "patients"][..],
        &["findings", "patients"][..],
        &["findings", "accept", "patients", "--all"][..],
        &["findings", "reject", "1", "1"][..],
    ] {
        let r = olu(args);
        assert_eq!(r.code, 3, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("analyst"), "{}", r.stderr);
    }
    assert_eq!(events(&ws, "scan").len(), 1);
    assert!(events(&ws, "findings_review").is_empty());
}

#[test]
fn tampered_findings_exit_4_and_show_nothing() {
    let ws = imported_patients();
    assert_eq!(ws.ana(&["scan", "patients"]).code, 0);
    let second = ws.ana(&["scan", "patients", "--json"]).json();
    if second["n_findings"] == 0 {
        // Needs at least one finding in patients.csv (its mrn and name columns are direct
        // identifiers); the vault's own tests cover tampering with constructed scans.
        eprintln!("skipped: the detector found nothing in patients.csv");
        return;
    }
    let c = ws.sql();
    let ct: Vec<u8> = c
        .query_row(
            "SELECT ct FROM findings WHERE scan_id = 2 AND finding = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut bad = ct.clone();
    bad[20] ^= 1;
    let set = "UPDATE findings SET ct = ?1 WHERE scan_id = 2 AND finding = 1";
    c.execute(set, [&bad]).unwrap();
    let r = ws.ana(&["findings", "patients", "--json"]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("integrity"), "{}", r.stderr);
    c.execute(set, [&ct]).unwrap();
    assert_eq!(ws.ana(&["findings", "patients"]).code, 0);

    // The same finding of the older scan moved into the current one.
    c.execute_batch(
        "DELETE FROM findings WHERE scan_id = 2 AND finding = 1;
         UPDATE findings SET scan_id = 2 WHERE scan_id = 1 AND finding = 1;",
    )
    .unwrap();
    assert_eq!(ws.ana(&["findings", "patients"]).code, 4);
    assert_eq!(
        ws.ana(&["scan", "patients", "--json"]).code,
        0,
        "a new scan is unaffected"
    );
    assert_eq!(ws.ana(&["findings", "patients"]).code, 0);

    // A flipped review decision.
    assert_eq!(ws.ana(&["findings", "reject", "patients", "--all"]).code, 0);
    c.execute("UPDATE finding_decisions SET status = 'accepted'", [])
        .unwrap();
    assert_eq!(ws.ana(&["findings", "patients"]).code, 4);
}

#[test]
fn scans_and_findings_leave_no_plaintext_in_the_workspace_or_stderr() {
    let ws = Workspace::new();
    let demo = ws.run(
        &["demo", "--user", "ana"],
        &[("BREAKWATER_PASSPHRASE", PASS)],
    );
    assert_eq!(demo.code, 0, "{}", demo.stderr);
    assert_eq!(ws.ana(&["scan", "clinic_visits", "--json"]).code, 0);
    ws.ana(&["findings", "clinic_visits", "--json"]);
    ws.ana(&[
        "findings",
        "clinic_visits",
        "--column",
        "patient_name",
        "--kind",
        "NAME",
    ]);
    ws.ana(&[
        "findings",
        "accept",
        "clinic_visits",
        "--column",
        "note",
        "--reason",
        "reviewed",
    ]);
    ws.ana(&[
        "findings",
        "reject",
        "clinic_visits",
        "--column",
        "no_such_column",
    ]);
    ws.ana(&["findings", "accept", "clinic_visits", "99999999"]);
    ws.run(
        &["scan", "clinic_visits"],
        &[("BREAKWATER_PASSPHRASE", "wrong passphrase!")],
    );
    ws.ana(&["audit", "--json"]);

    // Cells of the demo's first two rows, and column names.
    let needles = [
        "Douglas Davis",
        "123-11-2728",
        "(617) 578-5356",
        "douglasd372@example.com",
        "5626 Walnut Ln",
        "Matthew Cox",
        "465-19-4878",
        "1589 Beacon Way",
        "Claire Dubois",
        "Vitamin D deficiency",
        "patient_name",
        "diagnosis_code",
        "no_such_column",
    ];
    let mut scanned = 0;
    for entry in std::fs::read_dir(&ws.dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        scanned += bytes.len();
        for n in needles {
            assert!(
                !bytes.windows(n.len()).any(|w| w == n.as_bytes()),
                "plaintext {n:?} in a workspace file"
            );
        }
    }
    assert!(scanned > 100_000);
    let stderr = ws.stderr_log.borrow();
    assert!(
        stderr.contains("error: "),
        "the failures above wrote errors"
    );
    for n in needles {
        assert!(!stderr.contains(n), "plaintext {n:?} in stderr");
    }
}
