//! The SQLite file behind a workspace: opening, pragmas, schema migrations and metadata.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::Error;

/// File name of the vault inside a workspace directory.
pub const VAULT_FILE: &str = "vault.sqlite3";

/// Name under which `init` builds a vault before renaming it into place.
const PARTIAL_FILE: &str = "vault.sqlite3.partial";

/// Newest schema version this build reads and writes.
pub const SCHEMA_VERSION: i64 = 2;

const MIGRATION_1: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value ANY NOT NULL
) STRICT;
CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    roles       TEXT NOT NULL,
    kdf_salt    BLOB NOT NULL,
    kdf_params  TEXT NOT NULL,
    wrapped_key BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    row_mac     BLOB NOT NULL
) STRICT;
CREATE TABLE datasets (
    id         INTEGER PRIMARY KEY,
    name_ct    BLOB NOT NULL,
    name_tag   BLOB NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id)
) STRICT;
CREATE TABLE versions (
    dataset_id    INTEGER NOT NULL REFERENCES datasets(id),
    version       INTEGER NOT NULL,
    n_rows        INTEGER NOT NULL,
    n_columns     INTEGER NOT NULL,
    chunk_rows    INTEGER NOT NULL,
    schema_ct     BLOB NOT NULL,
    source_sha256 TEXT,
    created_at    TEXT NOT NULL,
    created_by    INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (dataset_id, version)
) STRICT;
CREATE TABLE chunks (
    dataset_id INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    column_idx INTEGER NOT NULL,
    chunk_idx  INTEGER NOT NULL,
    n_cells    INTEGER NOT NULL,
    ct         BLOB NOT NULL,
    PRIMARY KEY (dataset_id, version, column_idx, chunk_idx),
    FOREIGN KEY (dataset_id, version) REFERENCES versions(dataset_id, version) DEFERRABLE INITIALLY DEFERRED
) STRICT, WITHOUT ROWID;
CREATE TABLE risk_reports (
    id         INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    report_ct  BLOB NOT NULL,
    FOREIGN KEY (dataset_id, version) REFERENCES versions(dataset_id, version)
) STRICT;
CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    time      TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    object    TEXT,
    reason    TEXT,
    details   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
";

/// Version 2: PHI scans of dataset versions, their findings, and the append-only review
/// decisions (see `scans.rs` and `reviews.rs`). Rows are never updated or deleted: a re-scan
/// adds a scan, a review adds decisions.
const MIGRATION_2: &str = "
CREATE TABLE scans (
    id          INTEGER PRIMARY KEY,
    dataset_id  INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES users(id),
    n_columns   INTEGER NOT NULL,
    n_findings  INTEGER NOT NULL,
    columns_ct  BLOB NOT NULL,
    FOREIGN KEY (dataset_id, version) REFERENCES versions(dataset_id, version)
) STRICT;
CREATE INDEX scans_by_version ON scans(dataset_id, version, id);
CREATE TABLE findings (
    scan_id    INTEGER NOT NULL REFERENCES scans(id),
    finding    INTEGER NOT NULL,
    column_idx INTEGER NOT NULL,
    row_idx    INTEGER,
    ct         BLOB NOT NULL,
    PRIMARY KEY (scan_id, finding)
) STRICT, WITHOUT ROWID;
CREATE INDEX findings_by_column ON findings(scan_id, column_idx, finding);
CREATE TABLE finding_decisions (
    id         INTEGER PRIMARY KEY,
    scan_id    INTEGER NOT NULL,
    finding    INTEGER NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
    decided_at TEXT NOT NULL,
    decided_by INTEGER NOT NULL REFERENCES users(id),
    reason_ct  BLOB NOT NULL,
    FOREIGN KEY (scan_id, finding) REFERENCES findings(scan_id, finding)
) STRICT;
CREATE INDEX finding_decisions_by_scan ON finding_decisions(scan_id, id);
CREATE TRIGGER scans_no_update BEFORE UPDATE ON scans
    BEGIN SELECT RAISE(ABORT, 'scans are append-only'); END;
CREATE TRIGGER scans_no_delete BEFORE DELETE ON scans
    BEGIN SELECT RAISE(ABORT, 'scans are append-only'); END;
CREATE TRIGGER findings_no_update BEFORE UPDATE ON findings
    BEGIN SELECT RAISE(ABORT, 'findings are append-only'); END;
CREATE TRIGGER findings_no_delete BEFORE DELETE ON findings
    BEGIN SELECT RAISE(ABORT, 'findings are append-only'); END;
CREATE TRIGGER finding_decisions_no_update BEFORE UPDATE ON finding_decisions
    BEGIN SELECT RAISE(ABORT, 'review decisions are append-only'); END;
CREATE TRIGGER finding_decisions_no_delete BEFORE DELETE ON finding_decisions
    BEGIN SELECT RAISE(ABORT, 'review decisions are append-only'); END;
";

/// Every migration, in order: entry `i` takes a vault from schema `i` to `i + 1`.
const MIGRATIONS: [&str; SCHEMA_VERSION as usize] = [MIGRATION_1, MIGRATION_2];

/// The open SQLite connection of one workspace, with its workspace id.
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) workspace_id: [u8; 16],
    pub(crate) dir: PathBuf,
}

impl Store {
    /// Path of the vault file inside `dir`.
    pub fn vault_path(dir: &Path) -> PathBuf {
        dir.join(VAULT_FILE)
    }

    /// True if `dir` holds a vault file.
    pub fn exists(dir: &Path) -> bool {
        Self::vault_path(dir).is_file()
    }

    /// Creates the directory if needed and a new vault in it, filled by `populate` in the same
    /// transaction. The vault is built under a temporary name and renamed into place only when
    /// complete, so an interrupted `init` leaves no half-made workspace.
    pub(crate) fn create<T>(
        dir: &Path,
        workspace_id: [u8; 16],
        created_at: &str,
        populate: impl FnOnce(&Connection, &[u8; 16]) -> Result<T, Error>,
    ) -> Result<(Self, T), Error> {
        prepare_empty_dir(dir)?;
        let partial = dir.join(PARTIAL_FILE);
        let conn = Connection::open_with_flags(
            &partial,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.execute_batch(
            "PRAGMA journal_mode = DELETE; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
        )?;
        let tx = conn.unchecked_transaction()?;
        for migration in MIGRATIONS {
            tx.execute_batch(migration)?;
        }
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('schema_version', ?1)",
            [SCHEMA_VERSION],
        )?;
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('workspace_id', ?1)",
            [&workspace_id[..]],
        )?;
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('created_at', ?1)",
            [created_at],
        )?;
        let populated = populate(&tx, &workspace_id)?;
        tx.commit()?;
        conn.close().map_err(|(_, e)| Error::from(e))?;
        std::fs::rename(&partial, Self::vault_path(dir)).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        Ok((Self::open(dir)?, populated))
    }

    /// Opens an existing vault, refusing a schema newer than this build and migrating an
    /// older one (in one transaction: it is either fully migrated or left as it was).
    pub(crate) fn open(dir: &Path) -> Result<Self, Error> {
        if !Self::exists(dir) {
            return Err(Error::NotAWorkspace {
                path: dir.to_path_buf(),
            });
        }
        let conn = connect(dir, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        if schema_version(&conn, dir)? < SCHEMA_VERSION {
            migrate(&conn, dir)?;
        }
        let id: Vec<u8> = conn.query_row(
            "SELECT value FROM meta WHERE key = 'workspace_id'",
            [],
            |r| r.get(0),
        )?;
        let workspace_id: [u8; 16] = id.try_into().map_err(|_| Error::Tampered {
            what: "the workspace id".into(),
        })?;
        Ok(Self {
            conn,
            workspace_id,
            dir: dir.to_path_buf(),
        })
    }

    /// A second connection to the same vault, for work on another thread.
    pub(crate) fn reopen(&self) -> Result<Self, Error> {
        Self::open(&self.dir)
    }
}

/// The schema version in `meta`, refusing a file that is not a vault or is newer than this build.
fn schema_version(conn: &Connection, dir: &Path) -> Result<i64, Error> {
    let version: Option<i64> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| match Error::from(e) {
            Error::Storage(_) => Error::NotAWorkspace {
                path: dir.to_path_buf(),
            },
            other => other,
        })?;
    match version {
        Some(v) if v > SCHEMA_VERSION => Err(Error::SchemaTooNew {
            found: v,
            supported: SCHEMA_VERSION,
        }),
        Some(v) if v >= 1 => Ok(v),
        _ => Err(Error::NotAWorkspace {
            path: dir.to_path_buf(),
        }),
    }
}

/// Brings an older vault up to [`SCHEMA_VERSION`]. The write lock is taken before the version
/// is read again, so two processes opening the same old vault migrate it once.
fn migrate(conn: &Connection, dir: &Path) -> Result<(), Error> {
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    let found = schema_version(&tx, dir)?;
    for migration in &MIGRATIONS[found as usize..] {
        tx.execute_batch(migration)?;
    }
    tx.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'schema_version'",
        [SCHEMA_VERSION],
    )?;
    tx.commit()?;
    Ok(())
}

fn connect(dir: &Path, flags: OpenFlags) -> Result<Connection, Error> {
    let conn = Connection::open_with_flags(
        Store::vault_path(dir),
        flags | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;",
    )?;
    Ok(conn)
}

fn prepare_empty_dir(dir: &Path) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    if Store::exists(dir) {
        return Err(Error::AlreadyAWorkspace {
            path: dir.to_path_buf(),
        });
    }
    if dir.exists() {
        // Leftovers of an interrupted `init` do not make the directory non-empty.
        for entry in dir.read_dir().map_err(io)? {
            let entry = entry.map_err(io)?;
            if entry
                .file_name()
                .to_string_lossy()
                .starts_with(PARTIAL_FILE)
            {
                std::fs::remove_file(entry.path()).map_err(io)?;
            } else {
                return Err(Error::DirectoryNotEmpty {
                    path: dir.to_path_buf(),
                });
            }
        }
    } else {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    restrict_permissions(dir).map_err(io)
}

#[cfg(unix)]
fn restrict_permissions(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
fn restrict_permissions(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(conn: &Connection) -> Vec<(String, String, Option<String>)> {
        let mut stmt = conn
            .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap();
        rows.map(Result::unwrap).collect()
    }

    #[test]
    fn a_migrated_v1_vault_has_the_schema_of_a_new_one() {
        let fresh_dir = tempfile::tempdir().unwrap();
        let (fresh, ()) = Store::create(fresh_dir.path(), [7; 16], "t", |_, _| Ok(())).unwrap();

        let old_dir = tempfile::tempdir().unwrap();
        let old = Connection::open(Store::vault_path(old_dir.path())).unwrap();
        old.execute_batch(MIGRATION_1).unwrap();
        old.execute_batch(
            "INSERT INTO meta(key, value) VALUES ('schema_version', 1);
             INSERT INTO meta(key, value) VALUES ('workspace_id', x'07070707070707070707070707070707');",
        )
        .unwrap();
        drop(old);

        let migrated = Store::open(old_dir.path()).unwrap();
        assert_eq!(schema(&migrated.conn), schema(&fresh.conn));
        assert_eq!(schema_version(&migrated.conn, old_dir.path()).unwrap(), 2);
        drop(migrated);
        // Opening again finds nothing left to do.
        let again = Store::open(old_dir.path()).unwrap();
        assert_eq!(schema(&again.conn), schema(&fresh.conn));
    }
}
