//! The SQLite file behind a workspace: opening, pragmas, schema migrations and metadata.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::Error;

/// File name of the vault inside a workspace directory.
pub const VAULT_FILE: &str = "vault.sqlite3";

/// Name under which `init` builds a vault before renaming it into place.
const PARTIAL_FILE: &str = "vault.sqlite3.partial";

/// Newest schema version this build reads and writes.
pub const SCHEMA_VERSION: i64 = 1;

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
        tx.execute_batch(MIGRATION_1)?;
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

    /// Opens an existing vault, refusing a schema newer than this build.
    pub(crate) fn open(dir: &Path) -> Result<Self, Error> {
        if !Self::exists(dir) {
            return Err(Error::NotAWorkspace {
                path: dir.to_path_buf(),
            });
        }
        let conn = connect(dir, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
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
            None => {
                return Err(Error::NotAWorkspace {
                    path: dir.to_path_buf(),
                })
            }
            Some(v) if v > SCHEMA_VERSION => {
                return Err(Error::SchemaTooNew {
                    found: v,
                    supported: SCHEMA_VERSION,
                })
            }
            Some(_) => {}
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
