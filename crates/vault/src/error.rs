//! The vault's error type: every failure a caller can act on, never a stored value.

use std::path::PathBuf;

/// What went wrong in the encrypted store. Messages name ids and files, never content.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The directory holds no Breakwater vault.
    #[error("{} is not a Breakwater workspace", path.display())]
    NotAWorkspace {
        /// The directory that was opened.
        path: PathBuf,
    },
    /// `init` was asked to create a vault where one already exists.
    #[error("{} already holds a Breakwater workspace", path.display())]
    AlreadyAWorkspace {
        /// The directory.
        path: PathBuf,
    },
    /// `init` refuses a non-empty directory that is not a workspace.
    #[error("{} is not empty and is not a Breakwater workspace", path.display())]
    DirectoryNotEmpty {
        /// The directory.
        path: PathBuf,
    },
    /// The vault was written by a newer Breakwater.
    #[error("the vault uses schema version {found}, newer than this program's {supported}")]
    SchemaTooNew {
        /// Schema version in the file.
        found: i64,
        /// Newest schema this build knows.
        supported: i64,
    },
    /// No user of that name.
    #[error("unknown user or wrong passphrase")]
    UnknownUser,
    /// The passphrase does not unwrap the user's key.
    #[error("unknown user or wrong passphrase")]
    WrongPassphrase,
    /// A user of that name already exists.
    #[error("a user with that name already exists")]
    UserExists,
    /// User names are 1–64 characters of letters, digits, `.`, `_`, `-`.
    #[error("user names are 1 to 64 letters, digits, '.', '_' or '-'")]
    InvalidUserName,
    /// Passphrases must have at least [`crate::MIN_PASSPHRASE_CHARS`] characters.
    #[error("the passphrase is too short: use at least {min} characters")]
    WeakPassphrase {
        /// The minimum length.
        min: usize,
    },
    /// A dataset with that name already exists in the workspace.
    #[error("a dataset with that name already exists (name taken)")]
    NameTaken,
    /// Dataset names are 1–200 characters.
    #[error("dataset names must be 1 to 200 characters")]
    InvalidDatasetName,
    /// No dataset with that id or name.
    #[error("no dataset {reference} in this workspace")]
    UnknownDataset {
        /// The id or a note that a name was given (the name itself is not repeated).
        reference: String,
    },
    /// The dataset has no such version.
    #[error("dataset {dataset} has no version {version}")]
    UnknownVersion {
        /// Dataset id.
        dataset: i64,
        /// Requested version.
        version: i64,
    },
    /// No saved risk report with that id.
    #[error("no risk report {report} in this workspace")]
    UnknownReport {
        /// Requested report id.
        report: i64,
    },
    /// The dataset version has no scan yet, so it has no findings.
    #[error("dataset {dataset} version {version} has not been scanned for PHI yet")]
    NotScanned {
        /// Dataset id.
        dataset: i64,
        /// Version.
        version: i64,
    },
    /// No finding with that number in the version's current scan.
    #[error("scan {scan} has no finding {finding} (findings are numbered 1 to {n_findings})")]
    UnknownFinding {
        /// The scan the findings belong to.
        scan: i64,
        /// The finding number asked for.
        finding: i64,
        /// How many findings the scan has.
        n_findings: i64,
    },
    /// No column with that number in the dataset version.
    #[error("the dataset has no column {column} (it has {n_columns} columns)")]
    UnknownColumnNumber {
        /// The column number asked for, from 1.
        column: i64,
        /// Columns in the version.
        n_columns: i64,
    },
    /// The caller reviewed the findings of a scan that is no longer the version's current one.
    #[error("the findings were re-scanned (scan {expected} was replaced by scan {current}); nothing was recorded")]
    ScanReplaced {
        /// The scan the caller was looking at.
        expected: i64,
        /// The version's current scan.
        current: i64,
    },
    /// The file has no header row and so no columns.
    #[error("the dataset has no columns")]
    NoColumns,
    /// Authenticated decryption or a MAC check failed: the vault was altered.
    #[error("integrity failure: {what} was altered or corrupted")]
    Tampered {
        /// Which stored object failed its check (ids only).
        what: String,
    },
    /// The caller cancelled a long operation; nothing was stored.
    #[error("cancelled; nothing was stored")]
    Cancelled,
    /// The disk is full; the transaction was rolled back.
    #[error("the disk is full; nothing was stored")]
    DiskFull,
    /// The SQLite file is damaged or not a database.
    #[error("the vault file is corrupted ({detail})")]
    Corrupt {
        /// SQLite's description of the failure (no content).
        detail: String,
    },
    /// Key-derivation parameters are out of range.
    #[error("key-derivation parameters are out of range")]
    BadKdfParams,
    /// Reading the input table failed.
    #[error(transparent)]
    Table(#[from] table::Error),
    /// A file-system error.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// Another SQLite failure.
    #[error("vault storage error: {0}")]
    Storage(String),
}

impl Error {
    /// True when the failure means stored data or the audit log was altered or damaged.
    pub fn is_integrity(&self) -> bool {
        matches!(
            self,
            Error::Tampered { .. } | Error::Corrupt { .. } | Error::SchemaTooNew { .. }
        )
    }

    /// True when the failure is about who the caller is.
    pub fn is_authentication(&self) -> bool {
        matches!(self, Error::UnknownUser | Error::WrongPassphrase)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => Error::Corrupt {
                detail: e.to_string(),
            },
            _ => match e {
                rusqlite::Error::FromSqlConversionFailure(..)
                | rusqlite::Error::InvalidColumnType(..)
                | rusqlite::Error::IntegralValueOutOfRange(..) => Error::Corrupt {
                    detail: "a stored field has the wrong type".into(),
                },
                other => Error::Storage(other.to_string()),
            },
        }
    }
}
