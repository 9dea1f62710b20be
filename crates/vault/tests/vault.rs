//! Vault behaviour end to end: round trips, authentication, tamper detection, atomic imports
//! and the absence of plaintext in the workspace files.

use std::path::Path;

use rusqlite::Connection;
use table::Table;
use vault::{
    Error, KdfParams, Passphrase, Role, Roles, SourceFacts, UnlockedVault, Vault, CHUNK_ROWS,
};

const PASS: &str = "test passphrase one";
const SECRET_NAME: &str = "Zebulon Quartermaine";
const SECRET_COLUMN: &str = "patient_fullname_zq";
const SECRET_DATASET: &str = "oncology_cohort_zq";

fn create(dir: &Path) -> UnlockedVault {
    let mut v = Vault::create(
        dir,
        "ana",
        &Passphrase::new(PASS),
        KdfParams::insecure_for_tests(),
    )
    .unwrap();
    v.set_kdf_params(KdfParams::insecure_for_tests());
    v
}

fn sample_rows(n: usize) -> Vec<[String; 3]> {
    (0..n)
        .map(|i| {
            [
                format!("{SECRET_NAME} {i}"),
                format!("{:05}", i % 977),
                if i % 3 == 0 { "F" } else { "M" }.into(),
            ]
        })
        .collect()
}

fn import_rows(
    v: &UnlockedVault,
    name: &str,
    rows: &[[String; 3]],
) -> Result<vault::ImportOutcome, Error> {
    let columns = vec![
        SECRET_COLUMN.to_string(),
        "zip".to_string(),
        "sex".to_string(),
    ];
    let mut chunks = rows.chunks(CHUNK_ROWS);
    let cols = columns.clone();
    let mut next = move || -> Result<Option<Table>, Error> {
        Ok(chunks.next().map(|chunk| {
            let mut t = Table::new(cols.clone());
            for r in chunk {
                t.push_row(&[r[0].as_str(), r[1].as_str(), r[2].as_str()])
                    .unwrap();
            }
            t
        }))
    };
    v.import(name, &columns, &mut next, &|| SourceFacts {
        bytes: 1,
        sha256: "ab".repeat(32),
    })
}

fn add_auditor_olu(v: &UnlockedVault) {
    let roles = Roles::new([Role::Auditor]).unwrap();
    v.add_user("olu", &roles, &Passphrase::new("olu passphrase 1"))
        .unwrap();
}

fn unlock(dir: &Path) -> UnlockedVault {
    Vault::open(dir)
        .unwrap()
        .unlock("ana", &Passphrase::new(PASS))
        .unwrap()
}

fn sql(dir: &Path) -> Connection {
    let c = Connection::open(dir.join(vault::VAULT_FILE)).unwrap();
    c.execute_batch(
        "DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;",
    )
    .unwrap();
    c
}

#[test]
fn import_and_read_back_across_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let rows = sample_rows(CHUNK_ROWS + 10);
    {
        let v = create(dir.path());
        let out = import_rows(&v, SECRET_DATASET, &rows).unwrap();
        assert_eq!(
            (out.dataset, out.version, out.rows, out.chunks),
            (1, 1, rows.len() as i64, 6)
        );
    }
    let v = unlock(dir.path());
    let id = v.resolve(SECRET_DATASET).unwrap();
    assert_eq!(v.resolve("1").unwrap(), id);
    let info = v.version_info(id, None).unwrap();
    assert_eq!(info.total_rows, rows.len() as i64);
    assert_eq!(info.columns[0].name, SECRET_COLUMN);
    assert_eq!(
        info.columns[1].column_type,
        table::ColumnType::Text,
        "leading zeros keep zip as text"
    );
    let page = v.read_rows(&info, CHUNK_ROWS as u64 - 2, 5).unwrap();
    assert_eq!(page.len(), 5);
    for (i, row) in page.iter().enumerate() {
        assert_eq!(row, &rows[CHUNK_ROWS - 2 + i].to_vec());
    }
    let table = v.read_table(&info).unwrap();
    assert_eq!(table.n_rows(), rows.len());
    assert_eq!(
        table.row(CHUNK_ROWS + 9).unwrap(),
        rows[CHUNK_ROWS + 9]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    assert_eq!(v.datasets().unwrap()[0].name, SECRET_DATASET);
    assert!(v.verify_audit().unwrap().ok);
}

#[test]
fn wrong_passphrase_and_unknown_user_are_refused_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    drop(create(dir.path()));
    let wrong = Vault::open(dir.path())
        .unwrap()
        .unlock("ana", &Passphrase::new("not the passphrase"));
    assert!(matches!(wrong, Err(Error::WrongPassphrase)));
    let unknown = Vault::open(dir.path())
        .unwrap()
        .unlock("mallory", &Passphrase::new(PASS));
    assert!(matches!(unknown, Err(Error::UnknownUser)));
    let v = unlock(dir.path());
    let actions: Vec<_> = v
        .audit_events()
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.actor))
        .collect();
    assert_eq!(
        actions,
        [
            ("init".to_string(), "ana".to_string()),
            ("login_failed".into(), "ana".into()),
            ("login_failed".into(), "(unknown user)".into()),
            ("login".into(), "ana".into()),
        ]
    );
    assert!(v.verify_audit().unwrap().ok);
}

#[test]
fn users_roles_and_passphrase_change() {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    let roles = Roles::new([Role::Auditor]).unwrap();
    v.add_user("olu", &roles, &Passphrase::new("olu passphrase 1"))
        .unwrap();
    assert!(matches!(
        v.add_user("olu", &roles, &Passphrase::new("olu passphrase 1")),
        Err(Error::UserExists)
    ));
    assert!(matches!(
        v.add_user("kim", &roles, &Passphrase::new("short")),
        Err(Error::WeakPassphrase { .. })
    ));
    let olu = Vault::open(dir.path())
        .unwrap()
        .unlock("olu", &Passphrase::new("olu passphrase 1"))
        .unwrap();
    assert_eq!(olu.user().roles, roles);
    olu.change_passphrase(&Passphrase::new("olu passphrase 2"))
        .unwrap();
    assert!(Vault::open(dir.path())
        .unwrap()
        .unlock("olu", &Passphrase::new("olu passphrase 1"))
        .is_err());
    Vault::open(dir.path())
        .unwrap()
        .unlock("olu", &Passphrase::new("olu passphrase 2"))
        .unwrap();
    assert_eq!(v.users().unwrap().len(), 2);
}

#[test]
fn edited_roles_are_detected_at_unlock() {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    add_auditor_olu(&v);
    sql(dir.path())
        .execute(
            "UPDATE users SET roles = 'admin,auditor' WHERE name = 'olu'",
            [],
        )
        .unwrap();
    let r = Vault::open(dir.path())
        .unwrap()
        .unlock("olu", &Passphrase::new("olu passphrase 1"));
    assert!(matches!(r, Err(Error::Tampered { .. })), "{:?}", r.err());
}

#[test]
fn names_are_unique() {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import_rows(&v, "a", &sample_rows(3)).unwrap();
    assert!(matches!(
        import_rows(&v, "a", &sample_rows(3)),
        Err(Error::NameTaken)
    ));
}

#[test]
fn failed_import_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    let columns = vec!["c".to_string()];
    let mut calls = 0;
    let mut next = || -> Result<Option<Table>, Error> {
        calls += 1;
        if calls == 2 {
            return Err(Error::Cancelled);
        }
        let mut t = Table::new(vec!["c".into()]);
        for _ in 0..CHUNK_ROWS {
            t.push_row(&["x"]).unwrap();
        }
        Ok(Some(t))
    };
    let r = v.import("half", &columns, &mut next, &|| SourceFacts {
        bytes: 0,
        sha256: String::new(),
    });
    assert!(matches!(r, Err(Error::Cancelled)));
    assert!(v.datasets().unwrap().is_empty());
    let c = sql(dir.path());
    for table in ["datasets", "versions", "chunks"] {
        let n: i64 = c
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    assert!(v
        .audit_events()
        .unwrap()
        .iter()
        .all(|e| e.action != "import"));
}

#[test]
fn workspace_files_hold_no_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import_rows(&v, SECRET_DATASET, &sample_rows(2000)).unwrap();
    let info = v.version_info(1, None).unwrap();
    v.read_rows(&info, 0, 10).unwrap();
    let needles = [SECRET_NAME, SECRET_COLUMN, SECRET_DATASET, "00976"];
    let mut scanned = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        scanned += bytes.len();
        for needle in needles {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "plaintext {needle} found"
            );
        }
    }
    assert!(scanned > 10_000);
}

fn read_all(dir: &Path) -> Result<(), Error> {
    let v = unlock(dir);
    let info = v.version_info(1, None)?;
    v.read_table(&info).map(|_| ())
}

#[test]
fn flipped_byte_in_any_chunk_is_an_integrity_error() {
    let dir = tempfile::tempdir().unwrap();
    import_rows(&create(dir.path()), "d", &sample_rows(CHUNK_ROWS + 5)).unwrap();
    let c = sql(dir.path());
    let chunks: Vec<(i64, i64, Vec<u8>)> = c
        .prepare("SELECT column_idx, chunk_idx, ct FROM chunks")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(chunks.len(), 6);
    for (col, idx, ct) in chunks {
        for pos in [0, 12, ct.len() / 2, ct.len() - 1] {
            let mut bad = ct.clone();
            bad[pos] ^= 0x40;
            let set = "UPDATE chunks SET ct = ?1 WHERE column_idx = ?2 AND chunk_idx = ?3";
            c.execute(set, rusqlite::params![bad, col, idx]).unwrap();
            let r = read_all(dir.path());
            assert!(
                matches!(r, Err(Error::Tampered { .. })),
                "col {col} chunk {idx} pos {pos}: {r:?}"
            );
            c.execute(set, rusqlite::params![ct, col, idx]).unwrap();
        }
    }
    read_all(dir.path()).unwrap();
}

#[test]
fn moved_or_swapped_chunks_are_integrity_errors() {
    let dir = tempfile::tempdir().unwrap();
    import_rows(&create(dir.path()), "d", &sample_rows(100)).unwrap();
    let c = sql(dir.path());
    c.execute_batch(
        "UPDATE chunks SET column_idx = 99 WHERE column_idx = 0;
         UPDATE chunks SET column_idx = 0 WHERE column_idx = 1;
         UPDATE chunks SET column_idx = 1 WHERE column_idx = 99;",
    )
    .unwrap();
    assert!(matches!(read_all(dir.path()), Err(Error::Tampered { .. })));

    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import_rows(&v, "a", &sample_rows(100)).unwrap();
    import_rows(&v, "b", &sample_rows(100)).unwrap();
    let c = sql(dir.path());
    c.execute(
        "UPDATE chunks SET ct = (SELECT ct FROM chunks WHERE dataset_id = 2 AND column_idx = 0) WHERE dataset_id = 1 AND column_idx = 0",
        [],
    )
    .unwrap();
    assert!(matches!(read_all(dir.path()), Err(Error::Tampered { .. })));
}

#[test]
fn edited_row_count_or_name_is_an_integrity_error() {
    let dir = tempfile::tempdir().unwrap();
    import_rows(&create(dir.path()), "d", &sample_rows(100)).unwrap();
    sql(dir.path())
        .execute("UPDATE versions SET n_rows = 50", [])
        .unwrap();
    assert!(matches!(read_all(dir.path()), Err(Error::Tampered { .. })));

    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import_rows(&v, "a", &sample_rows(10)).unwrap();
    import_rows(&v, "b", &sample_rows(10)).unwrap();
    sql(dir.path()).execute("UPDATE datasets SET name_ct = (SELECT name_ct FROM datasets WHERE id = 2) WHERE id = 1", []).unwrap();
    assert!(matches!(
        unlock(dir.path()).datasets(),
        Err(Error::Tampered { .. })
    ));
}

fn audit_problem_after(edit: &str) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import_rows(&v, "a", &sample_rows(10)).unwrap();
    import_rows(&v, "b", &sample_rows(10)).unwrap();
    assert!(v.verify_audit().unwrap().ok);
    sql(dir.path()).execute_batch(edit).unwrap();
    // Unlocking appends a login event; verification must still see the damage done before it.
    let result = unlock(dir.path()).verify_audit().unwrap();
    assert_eq!(result.ok, result.problem.is_none());
    result.problem
}

#[test]
fn audit_edits_deletions_and_reorders_are_detected() {
    let edited = audit_problem_after("UPDATE audit SET details = '{\"rows\":11}' WHERE seq = 2");
    assert!(edited.unwrap().contains("event 2"));
    let actor = audit_problem_after("UPDATE audit SET actor = 'olu' WHERE seq = 1");
    assert!(actor.unwrap().contains("event 1"));
    let deleted = audit_problem_after("DELETE FROM audit WHERE seq = 2");
    assert!(deleted.is_some());
    let reordered = audit_problem_after(
        "UPDATE audit SET seq = 100 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 100;",
    );
    assert!(reordered.is_some());
    let last_deleted =
        audit_problem_after("DELETE FROM audit WHERE seq = (SELECT MAX(seq) FROM audit)");
    assert!(last_deleted.is_some());
}

#[test]
fn audit_rows_cannot_be_changed_through_the_triggers() {
    let dir = tempfile::tempdir().unwrap();
    drop(create(dir.path()));
    let c = Connection::open(dir.path().join(vault::VAULT_FILE)).unwrap();
    assert!(c.execute("UPDATE audit SET actor = 'x'", []).is_err());
    assert!(c.execute("DELETE FROM audit", []).is_err());
}

#[test]
fn init_refuses_non_empty_directories_and_open_refuses_non_workspaces() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
    let r = Vault::create(
        dir.path(),
        "ana",
        &Passphrase::new(PASS),
        KdfParams::insecure_for_tests(),
    );
    assert!(matches!(r, Err(Error::DirectoryNotEmpty { .. })));
    assert!(matches!(
        Vault::open(dir.path()),
        Err(Error::NotAWorkspace { .. })
    ));
    let ws = tempfile::tempdir().unwrap();
    drop(create(ws.path()));
    let again = Vault::create(
        ws.path(),
        "ana",
        &Passphrase::new(PASS),
        KdfParams::insecure_for_tests(),
    );
    assert!(matches!(again, Err(Error::AlreadyAWorkspace { .. })));
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(create(dir.path()));
    sql(dir.path())
        .execute(
            "UPDATE meta SET value = 99 WHERE key = 'schema_version'",
            [],
        )
        .unwrap();
    assert!(matches!(
        Vault::open(dir.path()),
        Err(Error::SchemaTooNew { found: 99, .. })
    ));
}

#[test]
fn a_garbage_file_is_reported_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(vault::VAULT_FILE), vec![0x5a; 8192]).unwrap();
    let r = Vault::open(dir.path());
    assert!(matches!(r, Err(Error::Corrupt { .. })), "{:?}", r.err());
}

#[test]
fn an_interrupted_init_leaves_a_directory_init_can_use() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("vault.sqlite3.partial"), b"half written").unwrap();
    std::fs::write(dir.path().join("vault.sqlite3.partial-journal"), b"x").unwrap();
    assert!(matches!(
        Vault::open(dir.path()),
        Err(Error::NotAWorkspace { .. })
    ));
    drop(create(dir.path()));
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("partial")), "{names:?}");
    unlock(dir.path());
}

#[test]
fn swapped_name_tags_are_an_integrity_error_not_the_wrong_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import_rows(&v, "alpha", &sample_rows(3)).unwrap();
    import_rows(&v, "beta", &sample_rows(4)).unwrap();
    let c = sql(dir.path());
    let tag = |id: i64| -> Vec<u8> {
        c.query_row("SELECT name_tag FROM datasets WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let (a, b) = (tag(1), tag(2));
    c.execute("UPDATE datasets SET name_tag = x'ff' WHERE id = 1", [])
        .unwrap();
    c.execute("UPDATE datasets SET name_tag = ?1 WHERE id = 2", [&a])
        .unwrap();
    c.execute("UPDATE datasets SET name_tag = ?1 WHERE id = 1", [&b])
        .unwrap();
    assert!(matches!(v.resolve("alpha"), Err(Error::Tampered { .. })));
    assert!(matches!(v.resolve("beta"), Err(Error::Tampered { .. })));
    assert_eq!(v.resolve("2").unwrap(), 2, "ids still resolve");
}

#[test]
fn a_rolled_back_audit_log_is_detected_through_the_datasets() {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    let c = sql(dir.path());
    let old_anchor: Vec<u8> = c
        .query_row(
            "SELECT value FROM meta WHERE key = 'audit_anchor'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    import_rows(&v, "a", &sample_rows(10)).unwrap();
    assert!(v.verify_audit().unwrap().ok);
    // Cut the log back to the init event and put back the anchor saved then.
    c.execute("DELETE FROM audit WHERE seq > 1", []).unwrap();
    c.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'audit_anchor'",
        [old_anchor],
    )
    .unwrap();
    let result = v.verify_audit().unwrap();
    assert!(!result.ok);
    assert!(result.problem.unwrap().contains("import of dataset 1"));
}

#[test]
fn absurd_key_parameters_are_tampering_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    drop(create(dir.path()));
    sql(dir.path())
        .execute("UPDATE users SET kdf_params = '{\"memory_kib\":4294967295,\"iterations\":3,\"parallelism\":1}'", [])
        .unwrap();
    let r = Vault::open(dir.path())
        .unwrap()
        .unlock("ana", &Passphrase::new(PASS));
    assert!(matches!(r, Err(Error::Tampered { .. })), "{:?}", r.err());
}

#[test]
fn huge_offsets_return_no_rows() {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    import_rows(&v, "a", &sample_rows(10)).unwrap();
    let info = v.version_info(1, None).unwrap();
    assert!(v.read_rows(&info, u64::MAX, 20).unwrap().is_empty());
    assert!(v.read_rows(&info, 1 << 63, u64::MAX).unwrap().is_empty());
    assert_eq!(v.read_rows(&info, 8, u64::MAX).unwrap().len(), 2);
}

#[test]
fn edited_roles_of_others_are_detected_when_listing_users() {
    let dir = tempfile::tempdir().unwrap();
    let v = create(dir.path());
    add_auditor_olu(&v);
    sql(dir.path())
        .execute("UPDATE users SET roles = 'admin' WHERE name = 'olu'", [])
        .unwrap();
    assert!(matches!(v.users(), Err(Error::Tampered { .. })));
}
