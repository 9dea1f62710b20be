//! The `breakwater` CLI contract (CLI.md): JSON shapes, passphrase sources, exit codes, and
//! that nothing sensitive reaches stderr or the workspace files in plaintext.

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;

use common::{fixture, write, Run, Workspace, PASS};
use serde_json::Value;

#[test]
fn init_import_datasets_show_audit_transcript() {
    let ws = Workspace::new();
    let init = ws.run(&["init", "--json"], &[("BREAKWATER_PASSPHRASE", PASS)]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert_eq!(init.json()["user"], "ana");
    assert_eq!(
        init.json()["roles"],
        serde_json::json!(["admin", "analyst", "approver", "auditor"])
    );

    let csv = fixture("patients.csv");
    let import = ws.ana(&[
        "import",
        csv.to_str().unwrap(),
        "--name",
        "patients",
        "--json",
    ]);
    assert_eq!(import.code, 0, "{}", import.stderr);
    let j = import.json();
    assert_eq!(
        (
            j["dataset"].as_i64(),
            j["version"].as_i64(),
            j["rows"].as_i64()
        ),
        (Some(1), Some(1), Some(4))
    );
    assert_eq!(
        j["columns"],
        serde_json::json!(["mrn", "name", "dob", "zip", "note"])
    );

    let list = ws.ana(&["datasets", "--json"]).json();
    assert_eq!(
        list,
        serde_json::json!({"datasets": [{
        "dataset": 1, "name": "patients", "versions": 1, "rows": 4, "columns": 5,
        "created_at": list["datasets"][0]["created_at"], "created_by": "ana"}]})
    );

    // Global flags may stand after the command; DATASET may be a name or an id.
    let show = ws
        .ana(&["show", "patients", "--limit", "2", "--json"])
        .json();
    assert_eq!(
        show,
        serde_json::json!({
            "dataset": 1, "name": "patients", "version": 1,
            "columns": ["mrn", "name", "dob", "zip", "note"], "total_rows": 4,
            "rows": [["MRN-0001", "Quinn Ashdown", "1941-03-05", "02134", "Seen today, \"stable\"."],
                     ["MRN-0002", "Rory Belcastro", "1990-12-31", "10001", "Line one\nline two"]]
        })
    );
    let by_id = ws.ana(&["--json", "show", "1", "--offset", "3"]).json();
    assert_eq!(by_id["rows"].as_array().unwrap().len(), 1);

    let audit = ws.ana(&["audit", "--json"]).json();
    let actions: Vec<&str> = audit["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["init", "login", "import", "login", "login", "view", "login", "view", "login"]
    );
    for key in [
        "seq", "time", "actor", "action", "object", "reason", "details", "hash",
    ] {
        assert!(audit["events"][0].get(key).is_some(), "missing {key}");
    }
    let verify = ws.ana(&["audit", "verify", "--json"]);
    assert_eq!(verify.code, 0);
    assert_eq!(verify.json()["ok"], true);
    assert_eq!(verify.json()["events"], 10);
}

#[test]
fn human_output_is_for_people() {
    let ws = Workspace::initialised();
    let csv = fixture("patients.csv");
    let r = ws.ana(&["import", csv.to_str().unwrap(), "--name", "patients"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .starts_with("Imported dataset 1 \"patients\": 4 rows × 5 columns"),
        "{}",
        r.stdout
    );
    assert!(ws
        .ana(&["audit", "verify"])
        .stdout
        .contains("Audit chain intact"));
}

#[test]
fn users_roles_and_passwd() {
    let ws = Workspace::initialised();
    let add = ws.run(
        &["user", "add", "olu", "--role", "auditor", "--json"],
        &[
            ("BREAKWATER_PASSPHRASE", PASS),
            ("BREAKWATER_NEW_PASSPHRASE", "olu's passphrase 1"),
        ],
    );
    assert_eq!(add.code, 0, "{}", add.stderr);
    assert_eq!(
        add.json(),
        serde_json::json!({"user": "olu", "roles": ["auditor"]})
    );
    let list = ws.ana(&["user", "list", "--json"]).json();
    assert_eq!(list["users"].as_array().unwrap().len(), 2);

    let olu = |args: &[&str], pass: &str| {
        ws.run(
            args,
            &[("BREAKWATER_USER", "olu"), ("BREAKWATER_PASSPHRASE", pass)],
        )
    };
    let denied = olu(&["show", "1"], "olu's passphrase 1");
    assert_eq!(denied.code, 3, "missing role exits 3: {}", denied.stderr);
    assert!(denied.stderr.contains("analyst"));
    let denied_users = olu(&["user", "list"], "olu's passphrase 1");
    assert_eq!(denied_users.code, 3);
    assert_eq!(olu(&["audit", "verify"], "olu's passphrase 1").code, 0);

    let pw = ws.run(
        &["passwd", "--user", "olu"],
        &[
            ("BREAKWATER_PASSPHRASE", "olu's passphrase 1"),
            ("BREAKWATER_NEW_PASSPHRASE", "olu's passphrase 2"),
        ],
    );
    assert_eq!(pw.code, 0, "{}", pw.stderr);
    assert_eq!(olu(&["datasets"], "olu's passphrase 1").code, 3);
    assert_eq!(olu(&["datasets"], "olu's passphrase 2").code, 0);

    let bad_role = ws.run(
        &["user", "add", "kim", "--role", "root"],
        &[("BREAKWATER_PASSPHRASE", PASS)],
    );
    assert_eq!(bad_role.code, 2);
}

#[test]
fn exit_codes_follow_the_contract() {
    let ws = Workspace::initialised();
    let wrong = ws.run(
        &["datasets"],
        &[("BREAKWATER_PASSPHRASE", "not her passphrase")],
    );
    assert_eq!(wrong.code, 3);
    assert!(wrong.stderr.starts_with("error: "), "{}", wrong.stderr);
    assert!(wrong.stderr.contains("\nhint: "));

    let unknown = ws.run(
        &["datasets", "--user", "nobody"],
        &[("BREAKWATER_PASSPHRASE", PASS)],
    );
    assert_eq!(unknown.code, 3);

    let no_pass = ws.run(&["datasets"], &[]);
    assert_eq!(
        no_pass.code, 3,
        "no passphrase and no terminal exits 3 at once"
    );
    assert!(no_pass.stderr.contains("no passphrase given"));

    let usage = ws.ana(&["show"]);
    assert_eq!(usage.code, 2);
    assert_eq!(ws.ana(&["frobnicate"]).code, 2);

    let missing = ws.ana(&["show", "nope"]);
    assert_eq!(missing.code, 1);
    assert_eq!(
        ws.ana(&["import", "/nonexistent/file.csv", "--name", "x"])
            .code,
        1
    );

    let other = Workspace::new();
    let not_ws = other.ana(&["datasets"]);
    assert_eq!(not_ws.code, 1);
    assert!(
        not_ws.stderr.contains("breakwater init"),
        "{}",
        not_ws.stderr
    );
}

#[test]
fn init_accepts_an_empty_directory_and_refuses_a_non_empty_one() {
    let ws = Workspace::new();
    std::fs::create_dir_all(&ws.dir).unwrap();
    assert_eq!(ws.ana(&["init"]).code, 0);
    assert_eq!(ws.ana(&["init"]).code, 1, "already a workspace");
    let other = Workspace::new();
    std::fs::create_dir_all(&other.dir).unwrap();
    std::fs::write(other.dir.join("x.txt"), "x").unwrap();
    assert_eq!(other.ana(&["init"]).code, 1);
    let short = Workspace::new();
    assert_eq!(
        short
            .run(&["init"], &[("BREAKWATER_PASSPHRASE", "short")])
            .code,
        1
    );
}

#[test]
fn a_taken_name_is_refused() {
    let ws = Workspace::initialised();
    let csv = fixture("patients.csv");
    assert_eq!(
        ws.ana(&["import", csv.to_str().unwrap(), "--name", "p"])
            .code,
        0
    );
    let again = ws.ana(&["import", csv.to_str().unwrap(), "--name", "p"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("name taken"));
}

#[test]
fn bad_csv_files_get_specific_errors_and_leave_nothing() {
    let ws = Workspace::initialised();
    let tmp = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 6] = [
        ("ragged.csv", b"a,b\n1,2\n3,4,5\n", "line 3"),
        ("utf8.csv", b"a,b\n1,\xff\xfe\n", "UTF-8"),
        ("empty.csv", b"", "empty"),
        ("dup.csv", b"a,a\n1,2\n", "column 2"),
        ("blank.csv", b"a,,c\n1,2,3\n", "column 2"),
        ("quote.csv", b"a,b\n\"unclosed,1\n2,3\n", "line"),
    ];
    for (name, body, expect) in cases {
        let path = write(tmp.path(), name, body);
        let r = ws.ana(&["import", path.to_str().unwrap(), "--name", name]);
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        assert!(r.stderr.contains(expect), "{name}: {}", r.stderr);
        assert!(
            r.stderr.contains(name),
            "{name} error names the file: {}",
            r.stderr
        );
    }
    assert_eq!(
        ws.ana(&["datasets", "--json"]).json()["datasets"],
        serde_json::json!([])
    );
}

#[test]
fn tampered_chunk_exits_4_and_shows_no_data() {
    let ws = Workspace::initialised();
    let csv = fixture("patients.csv");
    assert_eq!(
        ws.ana(&["import", csv.to_str().unwrap(), "--name", "p"])
            .code,
        0
    );
    let c = ws.sql();
    let ct: Vec<u8> = c
        .query_row("SELECT ct FROM chunks WHERE column_idx = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let mut bad = ct.clone();
    bad[20] ^= 1;
    c.execute("UPDATE chunks SET ct = ?1 WHERE column_idx = 1", [bad])
        .unwrap();
    let r = ws.ana(&["show", "p", "--json"]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("integrity"));

    // A chunk moved to another column is refused too.
    c.execute("UPDATE chunks SET ct = ?1 WHERE column_idx = 1", [&ct])
        .unwrap();
    c.execute(
        "UPDATE chunks SET ct = (SELECT ct FROM chunks WHERE column_idx = 2) WHERE column_idx = 1",
        [],
    )
    .unwrap();
    assert_eq!(ws.ana(&["show", "p"]).code, 4);
}

#[test]
fn audit_tampering_exits_4() {
    for edit in [
        "UPDATE audit SET actor = 'mallory' WHERE seq = 1",
        "DELETE FROM audit WHERE seq = 2",
        "UPDATE audit SET seq = 99 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 99",
        "DELETE FROM audit WHERE seq = (SELECT MAX(seq) FROM audit)",
    ] {
        let ws = Workspace::initialised();
        let csv = fixture("patients.csv");
        assert_eq!(ws.ana(&["import", csv.to_str().unwrap(), "--name", "p"]).code, 0);
        ws.sql().execute_batch(edit).unwrap();
        let r = ws.ana(&["audit", "verify", "--json"]);
        assert_eq!(r.code, 4, "{edit}: {}", r.stdout);
        assert_eq!(r.json()["ok"], false);
        assert!(r.json()["problem"].is_string());
    }
}

#[test]
fn no_plaintext_in_workspace_files_or_stderr() {
    let ws = Workspace::initialised();
    let csv = fixture("patients.csv");
    ws.ana(&[
        "import",
        csv.to_str().unwrap(),
        "--name",
        "secret_cohort_name",
    ]);
    ws.ana(&["show", "secret_cohort_name"]);
    ws.ana(&["show", "secret_cohort_name", "--version", "7"]);
    ws.ana(&["datasets"]);
    ws.ana(&["audit"]);
    ws.run(
        &["show", "secret_cohort_name"],
        &[("BREAKWATER_PASSPHRASE", "wrong passphrase!")],
    );
    let tmp = tempfile::tempdir().unwrap();
    let ragged = write(
        tmp.path(),
        "r.csv",
        b"mrn,name\nMRN-0001,Quinn Ashdown\nMRN-0002,Rory Belcastro,extra\n",
    );
    ws.ana(&[
        "import",
        ragged.to_str().unwrap(),
        "--name",
        "secret_cohort_name_2",
    ]);

    let needles = [
        "Quinn Ashdown",
        "Rory Belcastro",
        "MRN-0001",
        "1941-03-05",
        "02134",
        "stable",
        "secret_cohort_name",
        "dob",
        "note",
    ];
    let mut files = 0;
    for entry in std::fs::read_dir(&ws.dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        files += 1;
        for n in needles {
            assert!(
                !bytes.windows(n.len()).any(|w| w == n.as_bytes()),
                "plaintext {n:?} in a workspace file"
            );
        }
    }
    assert!(files >= 1);
    let stderr = ws.stderr_log.borrow();
    assert!(
        stderr.contains("error: "),
        "the failures above wrote errors"
    );
    for n in needles.iter().filter(|n| !["dob", "note"].contains(n)) {
        assert!(!stderr.contains(n), "plaintext {n:?} in stderr");
    }
}

#[test]
fn demo_creates_a_ready_workspace() {
    let ws = Workspace::new();
    let r = ws.run(
        &["demo", "--json", "--user", "demo"],
        &[("BREAKWATER_PASSPHRASE", "demo passphrase")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.json()["rows"].as_i64().unwrap() >= 1000);
    let list = ws.run(
        &["datasets", "--json", "--user", "demo"],
        &[("BREAKWATER_PASSPHRASE", "demo passphrase")],
    );
    assert_eq!(list.json()["datasets"][0]["name"], "clinic_visits");
}

/// Starts an import of a large file, kills it with SIGKILL after `delay_ms`, and checks the
/// vault opens with either no dataset or the complete one, and an intact audit chain.
/// Returns true if the import was cut off (no dataset).
fn kill_import_after(delay_ms: u64, csv: &Path, n_rows: i64) -> bool {
    let ws = Workspace::initialised();
    let mut child = ws
        .command(
            &["import", csv.to_str().unwrap(), "--name", "big"],
            &[("BREAKWATER_PASSPHRASE", PASS)],
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(delay_ms));
    let _ = child.kill();
    let _ = child.wait();
    let list = ws.ana(&["datasets", "--json"]);
    assert_eq!(
        list.code, 0,
        "vault opens after kill at {delay_ms} ms: {}",
        list.stderr
    );
    let datasets = list.json()["datasets"].as_array().unwrap().clone();
    match datasets.as_slice() {
        [] => {}
        [d] => assert_eq!(
            d["rows"].as_i64(),
            Some(n_rows),
            "a complete dataset or none"
        ),
        more => panic!("{} datasets after one import", more.len()),
    }
    let verify = ws.ana(&["audit", "verify", "--json"]);
    assert_eq!(
        verify.code, 0,
        "audit intact after kill at {delay_ms} ms: {}",
        verify.stdout
    );
    let imports = ws.ana(&["audit", "--json"]).json()["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "import")
        .count();
    assert_eq!(
        imports,
        datasets.len(),
        "an import event exactly when the dataset exists"
    );
    datasets.is_empty()
}

#[test]
fn killed_import_leaves_no_partial_dataset() {
    let tmp = tempfile::tempdir().unwrap();
    let n_rows = 400_000;
    let mut body = String::from("id,name,zip,visit\n");
    for i in 0..n_rows {
        body.push_str(&format!(
            "{i},Person {i},{:05},2024-01-{:02}\n",
            i % 99_999,
            i % 28 + 1
        ));
    }
    let csv = write(tmp.path(), "big.csv", body.as_bytes());
    let cut_off = [300, 600, 900, 1400, 2500]
        .into_iter()
        .filter(|&ms| kill_import_after(ms, &csv, n_rows))
        .count();
    assert!(
        cut_off >= 1,
        "no kill landed during an import: make the file bigger"
    );
}

fn adult() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../risk/tests/data/adult.csv")
}

const ADULT_QI_8: &str =
    "sex,age,race,marital-status,education,native-country,workclass,occupation";

#[test]
fn risk_on_a_csv_matches_arx_and_the_golden_report() {
    let ws = Workspace::new();
    let all = ws.run(
        &[
            "risk",
            "--csv",
            adult().to_str().unwrap(),
            "--qi",
            &format!("{ADULT_QI_8},salary-class"),
            "--json",
        ],
        &[],
    );
    assert_eq!(all.code, 0, "{}", all.stderr);
    let j = all.json();
    // ARX's TestRiskMetrics on Adult with every column a QI.
    assert_eq!(j["avg_prosecutor_risk"].as_f64(), Some(0.6465751607983555));
    assert_eq!(j["sample_uniques"].as_f64(), Some(0.5142895033485844));
    assert_eq!(
        (
            j["rows"].as_i64(),
            j["classes"].as_i64(),
            j["k_min"].as_i64()
        ),
        (Some(30162), Some(19502), Some(1))
    );
    assert_eq!(j["max_prosecutor_risk"].as_f64(), Some(1.0));

    let run = ws.run(
        &[
            "risk",
            "--csv",
            adult().to_str().unwrap(),
            "--qi",
            ADULT_QI_8,
            "--sensitive",
            "salary-class",
            "--population-size",
            "300000",
            "--json",
        ],
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut got = run.json();
    assert!(got.as_object_mut().unwrap().remove("elapsed_ms").is_some());
    let golden: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/risk_adult_8qi_salary.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(got, golden);
}

#[test]
fn risk_input_errors_are_specific() {
    let ws = Workspace::new();
    let csv = adult();
    let run = |args: &[&str]| {
        let mut all = vec!["risk", "--csv", csv.to_str().unwrap()];
        all.extend_from_slice(args);
        ws.run(&all, &[])
    };
    let unknown = run(&["--qi", "sex,agee"]);
    assert_eq!(unknown.code, 1);
    assert!(
        unknown.stderr.contains("'agee'") && unknown.stderr.contains("native-country"),
        "{}",
        unknown.stderr
    );
    let both = run(&["--qi", "sex,age", "--sensitive", "age"]);
    assert_eq!(both.code, 1);
    assert!(both.stderr.contains("'age'"), "{}", both.stderr);
    assert_eq!(
        run(&["--qi", "sex", "--population-size", "10"]).code,
        1,
        "population smaller than the sample"
    );
    assert_eq!(
        ws.run(&["risk", "--qi", "sex"], &[]).code,
        2,
        "neither --csv nor --dataset"
    );
    let tmp = tempfile::tempdir().unwrap();
    let empty = write(tmp.path(), "header_only.csv", b"a,b\n");
    let r = ws.run(
        &["risk", "--csv", empty.to_str().unwrap(), "--qi", "a"],
        &[],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no rows") || r.stderr.contains("empty"),
        "{}",
        r.stderr
    );
}

#[test]
fn risk_on_a_dataset_is_audited_without_names() {
    let ws = Workspace::initialised();
    let import = ws.ana(&[
        "import",
        adult().to_str().unwrap(),
        "--name",
        "adult",
        "--json",
    ]);
    assert_eq!(import.code, 0, "{}", import.stderr);
    let r = ws.ana(&[
        "risk",
        "--dataset",
        "adult",
        "--qi",
        ADULT_QI_8,
        "--sensitive",
        "salary-class",
        "--json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["classes"], 18109);
    let events = ws.ana(&["audit", "--json"]).json()["events"]
        .as_array()
        .unwrap()
        .clone();
    let risk = events
        .iter()
        .find(|e| e["action"] == "risk")
        .expect("a risk event");
    assert_eq!(risk["object"], "dataset:1");
    assert_eq!(
        risk["details"]["qi_columns"],
        serde_json::json!([1, 2, 3, 4, 5, 6, 7, 8])
    );
    assert_eq!(risk["details"]["sensitive_column"], 9);
    let details = risk["details"].to_string();
    assert!(
        !details.contains("salary") && !details.contains("native"),
        "{details}"
    );
}

/// ARX's research subset of Adult (3,016 of its rows).
fn adult_subset() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../risk/tests/data/adult_subset.csv")
}

/// `risk --csv` of the Adult subset against Adult as the population table.
fn risk_subset(ws: &Workspace, qi: &str, extra: &[&str]) -> Run {
    let (subset, adult) = (adult_subset(), adult());
    let mut args = vec![
        "risk",
        "--csv",
        subset.to_str().unwrap(),
        "--qi",
        qi,
        "--population-table",
        adult.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    ws.run(&args, &[])
}

/// Rows of a `;`-separated Adult file projected on `columns`, header dropped.
fn adult_tuples(path: &Path, columns: &[&str]) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    let indices: Vec<usize> = columns
        .iter()
        .map(|c| header.iter().position(|h| h == c).unwrap())
        .collect();
    lines
        .filter(|line| !line.is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split(';').collect();
            indices.iter().map(|&i| cells[i].to_owned()).collect()
        })
        .collect()
}

#[test]
fn risk_with_a_population_table_matches_arx_loops_and_the_golden_report() {
    let ws = Workspace::new();
    let qi = ["sex", "age", "race", "marital-status"];
    let run = risk_subset(
        &ws,
        &qi.join(","),
        &[
            "--sensitive",
            "salary-class",
            "--delta-min",
            "0",
            "--delta-max",
            "0.2",
            "--json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut got = run.json();
    assert!(got.as_object_mut().unwrap().remove("elapsed_ms").is_some());

    // ARX's RiskModelSampleSummary and DPresence, by hand from the files.
    let sample = adult_tuples(&adult_subset(), &qi);
    let population = adult_tuples(&adult(), &qi);
    let mut population_counts = std::collections::BTreeMap::<&[String], f64>::new();
    for row in &population {
        *population_counts.entry(row).or_default() += 1.0;
    }
    let mut sample_classes: Vec<(&[String], f64)> = Vec::new();
    for row in &sample {
        match sample_classes
            .iter_mut()
            .find(|(k, _)| *k == row.as_slice())
        {
            Some((_, count)) => *count += 1.0,
            None => sample_classes.push((row, 1.0)),
        }
    }
    let n = sample.len() as f64;
    let (mut smallest, mut rc1, mut rc2, mut at_risk) = (f64::MAX, 0.0, 0.0, 0.0);
    for (key, count) in &sample_classes {
        let pcount = population_counts[key];
        smallest = smallest.min(pcount);
        rc1 += pcount;
        rc2 += count / pcount;
        if 1.0 / pcount > 0.2 {
            at_risk += count;
        }
    }
    let deltas: Vec<f64> = population_counts
        .iter()
        .map(|(key, pcount)| {
            sample_classes
                .iter()
                .find(|(k, _)| k == key)
                .map_or(0.0, |(_, count)| count / pcount)
        })
        .collect();
    let fold = |f: fn(f64, f64) -> f64, start| deltas.iter().copied().fold(start, f);
    assert_eq!(got["journalist_max_risk"].as_f64(), Some(1.0 / smallest));
    assert_eq!(
        got["journalist_avg_risk"].as_f64(),
        Some(f64::max(sample_classes.len() as f64 / rc1, rc2 / n))
    );
    assert_eq!(got["marketer_risk"].as_f64(), Some(rc2 / n));
    assert_eq!(
        got["journalist_records_at_risk"].as_f64(),
        Some(at_risk / n)
    );
    assert_eq!(
        got["delta_min"].as_f64(),
        Some(fold(f64::min, f64::INFINITY))
    );
    assert_eq!(got["delta_max"].as_f64(), Some(fold(f64::max, 0.0)));
    assert_eq!(got["population_classes"], population_counts.len());
    assert_eq!(
        got["unsampled_population_classes"],
        deltas.iter().filter(|&&d| d == 0.0).count()
    );
    assert_eq!(got["population_size"], 30162);
    assert_eq!(got["is_delta_present"], false);
    assert_eq!(
        got["delta_bounds"],
        serde_json::json!({"min": 0.0, "max": 0.2})
    );
    assert!(
        got.get("pitman").is_none(),
        "no uniqueness estimates from a table"
    );

    let golden: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/golden/risk_adult_subset_population_table.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(got, golden);
}

#[test]
fn risk_with_a_population_table_transcript() {
    let ws = Workspace::new();
    let run = risk_subset(
        &ws,
        "sex,race",
        &[
            "--delta-min",
            "0.05",
            "--delta-max",
            "0.15",
            "--threshold",
            "0.001",
        ],
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let (report, timing) = run.stdout.trim_end().rsplit_once('\n').unwrap();
    assert!(timing.starts_with("Computed in "), "{timing}");
    assert_eq!(
        report,
        "Records: 3016 (3016 persons) in 10 equivalence classes; smallest class k = 6\n\
         Prosecutor risk: average 0.003316, highest 0.166667\n\
         Sample uniques: 0.0000%; records at risk (above 0.001): 39.8873%\n\
         Population table: 30162 records in 10 classes (sampling fraction 0.099993)\n\
         Journalist risk: average 0.000332, highest 0.011494; records at risk (above 0.001): 4.7082%\n\
         Marketer risk: 0.000322\n\
         δ-presence: δ from 0.068966 to 0.118136 over the population classes (0 without records in the data); (0.05, 0.15)-presence holds"
    );
    // Only an upper bound: the lower one is 0.
    let upper = risk_subset(&ws, "sex,race", &["--delta-max", "0.1", "--json"]);
    assert_eq!(upper.code, 0, "{}", upper.stderr);
    let j = upper.json();
    assert_eq!(
        j["delta_bounds"],
        serde_json::json!({"min": 0.0, "max": 0.1})
    );
    assert_eq!(j["is_delta_present"], false);
    // Without bounds: the observed range only.
    let plain = risk_subset(&ws, "sex,race", &["--json"]).json();
    assert!(plain.get("is_delta_present").is_none() && plain.get("delta_bounds").is_none());
    assert_eq!(plain["delta_min"], j["delta_min"]);
}

#[test]
fn risk_with_a_population_table_errors_are_specific() {
    let ws = Workspace::new();
    let tmp = tempfile::tempdir().unwrap();
    let (subset, adult) = (adult_subset(), adult());

    // The population table lacks a QI: its real columns are listed.
    let no_age = write(tmp.path(), "no_age.csv", b"sex;race\nMale;White\n");
    let r = ws.run(
        &[
            "risk",
            "--csv",
            subset.to_str().unwrap(),
            "--qi",
            "sex,age",
            "--population-table",
            no_age.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("no_age.csv")
            && r.stderr.contains("'age'")
            && r.stderr.contains("sex, race"),
        "{}",
        r.stderr
    );

    // Sample rows whose QI combination the population lacks: counted, "not a subset".
    let mut text = std::fs::read_to_string(&subset).unwrap();
    text.push_str("Male;999;White;Divorced;HS-grad;United-States;Private;Sales;<=50K\r\n");
    text.push_str("Male;999;White;Divorced;HS-grad;United-States;Private;Sales;<=50K\r\n");
    let outside = write(tmp.path(), "outside.csv", text.as_bytes());
    let r = ws.run(
        &[
            "risk",
            "--csv",
            outside.to_str().unwrap(),
            "--qi",
            "sex,age",
            "--population-table",
            adult.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("2 records of the data have")
            && r.stderr.contains("(distinct combinations: 1)")
            && r.stderr.contains("not a subset")
            && !r.stderr.contains("999"),
        "{}",
        r.stderr
    );

    // A population smaller than the sample: the roles swapped.
    let r = ws.run(
        &[
            "risk",
            "--csv",
            adult.to_str().unwrap(),
            "--qi",
            "sex",
            "--population-table",
            subset.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("smaller than the data (3016 against 30162 records)"),
        "{}",
        r.stderr
    );

    // A class with more records in the sample than in the population.
    let population = write(tmp.path(), "population.csv", b"sex\nF\nF\nM\n");
    let sample = write(tmp.path(), "sample.csv", b"sex\nM\nM\n");
    let r = ws.run(
        &[
            "risk",
            "--csv",
            sample.to_str().unwrap(),
            "--qi",
            "sex",
            "--population-table",
            population.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("2 records of the data are in equivalence classes")
            && r.stderr.contains("(classes: 1)")
            && r.stderr.contains("not a subset"),
        "{}",
        r.stderr
    );

    let bad_bounds = risk_subset(&ws, "sex", &["--delta-min", "0.3", "--delta-max", "0.2"]);
    assert_eq!(bad_bounds.code, 1);
    assert!(
        bad_bounds.stderr.contains("delta-min"),
        "{}",
        bad_bounds.stderr
    );
    for (args, why) in [
        (
            &["--person-id", "age"][..],
            "no person id with a population table",
        ),
        (
            &["--population-size", "40000"][..],
            "a size or a table, not both",
        ),
    ] {
        assert_eq!(risk_subset(&ws, "sex", args).code, 2, "{why}");
    }
    let r = ws.run(
        &[
            "risk",
            "--csv",
            subset.to_str().unwrap(),
            "--qi",
            "sex",
            "--delta-max",
            "0.2",
        ],
        &[],
    );
    assert_eq!(r.code, 2, "δ bounds need a population table");
}

#[test]
fn risk_of_a_dataset_with_a_population_table_is_audited_without_names() {
    let ws = Workspace::initialised();
    let import = ws.ana(&[
        "import",
        adult_subset().to_str().unwrap(),
        "--name",
        "subset",
        "--json",
    ]);
    assert_eq!(import.code, 0, "{}", import.stderr);
    let adult = adult();
    let args = [
        "--qi",
        "sex,race",
        "--population-table",
        adult.to_str().unwrap(),
        "--delta-max",
        "0.15",
        "--json",
    ];
    let mut on_dataset = vec!["risk", "--dataset", "subset"];
    on_dataset.extend_from_slice(&args);
    let r = ws.ana(&on_dataset);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut got = r.json();
    let mut on_csv = risk_subset(&ws, "sex,race", &args[4..]).json();
    got.as_object_mut().unwrap().remove("elapsed_ms");
    on_csv.as_object_mut().unwrap().remove("elapsed_ms");
    assert_eq!(got, on_csv);
    assert_eq!(got["is_delta_present"], true);

    let events = ws.ana(&["audit", "--json"]).json()["events"]
        .as_array()
        .unwrap()
        .clone();
    let risk = events
        .iter()
        .find(|e| e["action"] == "risk")
        .expect("a risk event");
    assert_eq!(risk["details"]["qi_columns"], serde_json::json!([1, 3]));
    assert_eq!(risk["details"]["population_table_rows"], 30162);
    assert_eq!(
        risk["details"]["delta_bounds"],
        serde_json::json!([0.0, 0.15])
    );
    let details = risk["details"].to_string();
    assert!(
        !details.contains("sex") && !details.contains("White"),
        "{details}"
    );
}

fn adult_hierarchies(columns: &[&str]) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../risk/tests/data");
    columns
        .iter()
        .flat_map(|c| {
            [
                "--hierarchy".to_string(),
                format!(
                    "{c}={}",
                    dir.join(format!("adult_hierarchy_{c}.csv")).display()
                ),
            ]
        })
        .collect()
}

/// Runs `breakwater anonymize` on Adult with the standard hierarchies of `hierarchy_columns`.
fn anonymize_adult(
    ws: &Workspace,
    qi: &str,
    k: &str,
    hierarchy_columns: &[&str],
    extra: &[&str],
) -> Run {
    let mut args: Vec<String> = [
        "anonymize",
        "--csv",
        adult().to_str().unwrap(),
        "--qi",
        qi,
        "--k",
        k,
    ]
    .map(String::from)
    .to_vec();
    args.extend(adult_hierarchies(hierarchy_columns));
    args.extend(extra.iter().map(|s| s.to_string()));
    ws.run(&args.iter().map(String::as_str).collect::<Vec<_>>(), &[])
}

#[test]
fn anonymize_adult_k5_finds_the_optimum_and_writes_the_table() {
    let ws = Workspace::new();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("adult_k5.csv");
    let qi: Vec<&str> = ADULT_QI_8.split(',').collect();
    let r = anonymize_adult(
        &ws,
        ADULT_QI_8,
        "5",
        &qi,
        &[
            "--max-suppression",
            "0.05",
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    let levels: Vec<(String, i64)> = j["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["column"].as_str().unwrap().to_string(),
                l["level"].as_i64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("sex", 0),
        ("age", 3),
        ("race", 0),
        ("marital-status", 0),
        ("education", 1),
        ("native-country", 1),
        ("workclass", 1),
        ("occupation", 2),
    ];
    assert_eq!(levels, expected.map(|(c, l)| (c.to_string(), l)));
    assert_eq!(
        (j["rows"].as_i64(), j["suppressed"].as_i64()),
        (Some(30162), Some(1458))
    );
    assert!(j["risk_after"]["k_min"].as_i64().unwrap() >= 5);
    assert_eq!(j["risk_before"]["k_min"], 1);
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        text.lines().count(),
        30163,
        "header plus one line per record"
    );
    assert!(text.starts_with("sex,age,race,"));
    assert!(!text.contains(';'));
}

#[test]
fn anonymize_input_errors_are_specific() {
    let ws = Workspace::new();
    let missing_file = anonymize_adult(
        &ws,
        "sex",
        "2",
        &[],
        &["--hierarchy", "sex=/nonexistent.csv"],
    );
    assert_eq!(missing_file.code, 1);
    let no_age = anonymize_adult(&ws, "sex,age", "2", &["sex"], &[]);
    assert_eq!(no_age.code, 1, "a QI without hierarchy: {}", no_age.stderr);
    assert!(no_age.stderr.contains("age"), "{}", no_age.stderr);
    assert_eq!(
        anonymize_adult(&ws, "sex", "40000", &["sex"], &[]).code,
        1,
        "k larger than the rows"
    );
    assert_eq!(
        anonymize_adult(&ws, "sex", "2", &["sex"], &["--hierarchy", "sex"]).code,
        2,
        "COL=FILE expected"
    );
}

#[test]
fn anonymize_with_t_closeness_transcript() {
    let ws = Workspace::new();
    let qi: Vec<&str> = ADULT_QI_8.split(',').collect();
    // k = 5 and equal-distance 0.2-closeness of salary-class: ARX 3.9's optimum.
    let run = anonymize_adult(
        &ws,
        ADULT_QI_8,
        "5",
        &qi,
        &["--sensitive", "salary-class", "--t", "0.2"],
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let (report, timing) = run.stdout.trim_end().rsplit_once('\n').unwrap();
    assert!(timing.starts_with("Searched "), "{timing}");
    assert_eq!(
        report,
        "Chosen generalization: sex=0/1, age=4/4, race=1/1, marital-status=2/2, education=3/3, native-country=2/2, workclass=2/2, occupation=1/2\n\
         Suppressed records: 0 of 30162\n\
         Loss 0.735636, discernibility 177097184, average class size 5027.000, non-uniform entropy 458845.991\n\
         t-closeness (equal distance): t = 0.2, greatest distance of a kept class 0.188526\n\
         Before: k = 1, average prosecutor risk 0.600391, highest 1.000000\n\
         After:  k = 2555, average prosecutor risk 0.000199, highest 0.000391"
    );

    // Hierarchical distance over occupation's hierarchy, the other eight columns as QIs.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../risk/tests/data");
    let occupation = dir.join("adult_hierarchy_occupation.csv");
    let others = "sex,age,race,marital-status,education,native-country,workclass,salary-class";
    let qi: Vec<&str> = others.split(',').collect();
    let run = anonymize_adult(
        &ws,
        others,
        "5",
        &qi,
        &[
            "--sensitive",
            "occupation",
            "--t",
            "0.2",
            "--sensitive-hierarchy",
            occupation.to_str().unwrap(),
            "--json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = run.json();
    let levels: Vec<i64> = j["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["level"].as_i64().unwrap())
        .collect();
    assert_eq!(levels, [0, 4, 1, 1, 3, 2, 2, 1]);
    assert_eq!(j["metrics"]["loss"], 0.7591763053456835);
    assert_eq!(j["t_closeness"]["t"], 0.2);
    assert_eq!(j["t_closeness"]["ground_distance"], "hierarchical");
    assert!(j["t_closeness"]["max_distance"].as_f64().unwrap() <= 0.2);
    // Without t the key is null.
    let plain = anonymize_adult(&ws, "sex", "5", &["sex"], &["--json"]).json();
    assert!(plain["t_closeness"].is_null());
}

#[test]
fn anonymize_t_closeness_errors_are_specific() {
    let ws = Workspace::new();
    for t in ["0", "-0.5", "1.5", "NaN"] {
        let t = format!("--t={t}");
        let r = anonymize_adult(
            &ws,
            "sex",
            "2",
            &["sex"],
            &["--sensitive", "salary-class", &t],
        );
        assert_eq!(r.code, 1, "t = {t}: {}", r.stderr);
        assert!(
            r.stderr.contains("t must be greater than 0 and at most 1"),
            "{}",
            r.stderr
        );
    }
    let no_sensitive = anonymize_adult(&ws, "sex", "2", &["sex"], &["--t", "0.2"]);
    assert_eq!(no_sensitive.code, 2, "{}", no_sensitive.stderr);
    assert!(
        no_sensitive.stderr.contains("--sensitive"),
        "{}",
        no_sensitive.stderr
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../risk/tests/data");
    let salary = dir.join("adult_hierarchy_salary-class.csv");
    let no_t = anonymize_adult(
        &ws,
        "sex",
        "2",
        &["sex"],
        &[
            "--sensitive",
            "salary-class",
            "--sensitive-hierarchy",
            salary.to_str().unwrap(),
        ],
    );
    assert_eq!(no_t.code, 2, "{}", no_t.stderr);
    // A hierarchy that misses a value of the sensitive column.
    let tmp = tempfile::tempdir().unwrap();
    let partial = write(tmp.path(), "salary.csv", b">50K;*\n");
    let r = anonymize_adult(
        &ws,
        "sex",
        "2",
        &["sex"],
        &[
            "--sensitive",
            "salary-class",
            "--t",
            "0.2",
            "--sensitive-hierarchy",
            partial.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("does not cover 1 of the values") && !r.stderr.contains("<=50K"),
        "{}",
        r.stderr
    );
}
