//! The workstation's error type, with the stable code and hint both shells show.

use serde::Serialize;
use vault::Role;

/// Stable classification of an error, shared by the CLI's exit codes and the app's `{code}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Wrong passphrase, unknown user, missing role.
    Auth,
    /// The session is locked (manually or after idle time).
    Locked,
    /// Stored data or the audit log was altered or is corrupt.
    Integrity,
    /// Bad input, refused action, missing thing.
    Input,
    /// The user cancelled; nothing changed.
    Cancelled,
    /// An unexpected storage failure.
    Internal,
}

/// Why a session is locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LockReason {
    /// No activity for the configured idle time.
    Idle,
    /// The user locked it.
    Manual,
}

/// What went wrong, in words a privacy officer can act on; never a cell value.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No unlocked session.
    #[error("the workspace is locked")]
    Locked {
        /// Why, if it was unlocked before.
        reason: Option<LockReason>,
    },
    /// The user lacks the role the action needs.
    #[error("user '{user}' does not have the {role} role needed to {action}")]
    NotPermitted {
        /// Who tried.
        user: String,
        /// A role that would allow it.
        role: Role,
        /// What they tried, in words.
        action: &'static str,
    },
    /// A page was asked for with a zero or too large limit.
    #[error("a page holds 1 to {max} rows")]
    BadPageSize {
        /// Largest page.
        max: u64,
    },
    /// An input file could not be opened.
    #[error("cannot read {path}: {source}")]
    InputFile {
        /// The path as given.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// A text file given for detection is binary or not UTF-8.
    #[error("{path}: {source}")]
    Text {
        /// The path as given.
        path: String,
        /// Where the text went wrong (byte offsets only).
        source: detect::StreamError,
    },
    /// A page of findings was asked for with a zero or too large limit.
    #[error("a page holds 1 to {max} findings")]
    BadFindingsPage {
        /// Largest page.
        max: u64,
    },
    /// A review named no finding.
    #[error("no finding given to review")]
    NoFindingsGiven,
    /// An output file could not be written.
    #[error("cannot write {path}: {source}")]
    OutputFile {
        /// The path as given.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// A hierarchy file is invalid.
    #[error("the hierarchy of column '{column}' is invalid: {source}")]
    Hierarchy {
        /// The column it was given for.
        column: String,
        /// What is wrong with it.
        source: risk::Error,
    },
    /// Generalization levels were given, but not one per quasi-identifier.
    #[error("{n_levels} generalization levels were given for {n_qi} quasi-identifiers")]
    LevelsMismatch {
        /// Quasi-identifiers in the request.
        n_qi: usize,
        /// Levels given.
        n_levels: usize,
    },
    /// A failure in the vault.
    #[error(transparent)]
    Vault(#[from] vault::Error),
    /// The risk assessment's inputs do not fit the table.
    #[error(transparent)]
    Risk(#[from] risk::Error),
    /// A chart could not be drawn.
    #[error("a chart could not be drawn: {0}")]
    Chart(#[from] charts::Error),
    /// The population model's inputs are invalid.
    #[error(transparent)]
    Population(#[from] risk::population::PopulationError),
}

impl From<table::Error> for Error {
    fn from(e: table::Error) -> Self {
        Error::Vault(vault::Error::Table(e))
    }
}

impl Error {
    /// The stable code for exit statuses and the app.
    pub fn code(&self) -> ErrorCode {
        use vault::Error as V;
        match self {
            Error::Locked { .. } => ErrorCode::Locked,
            Error::NotPermitted { .. } => ErrorCode::Auth,
            Error::Risk(risk::Error::Cancelled) => ErrorCode::Cancelled,
            Error::BadPageSize { .. }
            | Error::BadFindingsPage { .. }
            | Error::NoFindingsGiven
            | Error::Text { .. }
            | Error::InputFile { .. }
            | Error::OutputFile { .. }
            | Error::Hierarchy { .. }
            | Error::LevelsMismatch { .. }
            | Error::Risk(_)
            | Error::Population(_) => ErrorCode::Input,
            Error::Chart(_) => ErrorCode::Internal,
            Error::Vault(v) if v.is_authentication() => ErrorCode::Auth,
            Error::Vault(v) if v.is_integrity() => ErrorCode::Integrity,
            Error::Vault(V::Cancelled) => ErrorCode::Cancelled,
            Error::Vault(V::Storage(_) | V::BadKdfParams) => ErrorCode::Internal,
            Error::Vault(_) => ErrorCode::Input,
        }
    }

    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        use vault::Error as V;
        let text = match self {
            Error::Locked { .. } => "unlock the workspace again with your user name and passphrase",
            Error::NotPermitted { .. } => "ask a workspace admin to grant you that role",
            Error::BadPageSize { .. } => "ask for fewer rows at a time",
            Error::BadFindingsPage { .. } => "ask for fewer findings at a time",
            Error::NoFindingsGiven => "give finding numbers, a column, or all findings",
            Error::Text { source, .. } => match source {
                detect::StreamError::Binary { .. } => "give a plain-text file; binary files cannot be scanned",
                _ => "re-save the file with UTF-8 encoding (most editors offer it under Save As)",
            },
            Error::InputFile { .. } => "check the path and that you may read the file",
            Error::OutputFile { .. } => "check the directory exists, you may write there, and the disk has space",
            Error::Hierarchy { .. } => "use ARX's format: one row per original value, one column per level, the last the most general",
            Error::LevelsMismatch { .. } => "give one level per quasi-identifier, in the same order (0 keeps the original values)",
            Error::Risk(_) => "check the column names and parameters of the assessment",
            Error::Chart(_) => "the figures are still correct; report this",
            Error::Population(_) => "check the population size: it must be at least the number of records",
            Error::Vault(v) => match v {
                V::NotAWorkspace { .. } => "create a workspace first (breakwater init --user NAME), or point --workspace at an existing one",
                V::AlreadyAWorkspace { .. } => "unlock the existing workspace instead, or choose another directory",
                V::DirectoryNotEmpty { .. } => "choose an empty or new directory for the workspace",
                V::SchemaTooNew { .. } => "use the newer version of Breakwater that wrote this workspace",
                V::UnknownUser | V::WrongPassphrase => "check the user name and passphrase; every failed attempt is recorded in the audit log",
                V::UserExists => "choose another user name",
                V::InvalidUserName => "use letters, digits, '.', '_' or '-'",
                V::WeakPassphrase { .. } => "use a longer passphrase, for example four unrelated words",
                V::NameTaken => "choose another dataset name; a new version of a dataset comes only from an applied plan",
                V::InvalidDatasetName => "give the dataset a short descriptive name",
                V::UnknownDataset { .. } => "list the datasets with `breakwater datasets`",
                V::UnknownVersion { .. } => "list the versions with `breakwater datasets`",
                V::UnknownReport { .. } => "check the report number",
                V::NotScanned { .. } => "scan the dataset first (breakwater scan DATASET, or Scan for PHI in the app)",
                V::UnknownFinding { .. } => "list the findings and their numbers with `breakwater findings DATASET`",
                V::UnknownColumnNumber { .. } => "use a column name or number from the dataset's header",
                V::ScanReplaced { .. } => "list the findings again and review those of the new scan",
                V::NoColumns => "check that the file has a header row",
                V::Tampered { .. } | V::Corrupt { .. } => {
                    "stop using this workspace, keep the file for investigation, and restore from a backup"
                }
                V::Cancelled => "start it again when ready",
                V::DiskFull => "free disk space and try again; nothing was changed",
                V::Table(t) => return table_hint(t),
                V::Io { .. } => "check the path and its permissions",
                V::BadKdfParams | V::Storage(_) => "try again; if it persists, report it with the audit log",
                _ => return None,
            },
        };
        Some(text.to_string())
    }
}

fn table_hint(e: &table::Error) -> Option<String> {
    use table::Error as T;
    let text = match e {
        T::RaggedRow { .. } => {
            "fix the row, or check that the right delimiter is used (--delimiter)"
        }
        T::InvalidUtf8 { .. } => "save the file as UTF-8 and import it again",
        T::Empty { .. } => "choose a file with a header row and data",
        T::EmptyHeader { .. } | T::DuplicateHeader { .. } => {
            "give every column a distinct, non-empty name in the header row"
        }
        T::RecordTooLarge { .. } => "check for an unclosed quote before that line",
        T::UnknownColumn { .. } => "use the column names exactly as in the file's header row",
        _ => return None,
    };
    Some(text.to_string())
}
