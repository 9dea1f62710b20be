//! A failed command: message, hint and the documented exit code.

use workstation::{Error, ErrorCode};

/// Exit code of a bad input or refused action.
pub const EXIT_ERROR: u8 = 1;
/// Exit code of a usage error.
pub const EXIT_USAGE: u8 = 2;
/// Exit code of an authentication or authorization failure.
pub const EXIT_AUTH: u8 = 3;
/// Exit code of an integrity failure.
pub const EXIT_INTEGRITY: u8 = 4;

/// What the CLI prints on stderr and how it exits.
#[derive(Debug)]
pub struct Failure {
    /// One line, without the `error: ` prefix; never holds a cell value.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// Process exit code.
    pub exit_code: u8,
}

impl Failure {
    fn new(exit_code: u8, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            hint: Some(hint.into()),
            exit_code,
        }
    }

    /// Exit 1.
    pub fn error(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(EXIT_ERROR, message, hint)
    }

    /// Exit 2.
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(EXIT_USAGE, message, hint)
    }

    /// Exit 3.
    pub fn auth(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(EXIT_AUTH, message, hint)
    }

    /// Exit 4.
    pub fn integrity(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(EXIT_INTEGRITY, message, hint)
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        let exit_code = match e.code() {
            ErrorCode::Auth | ErrorCode::Locked => EXIT_AUTH,
            ErrorCode::Integrity => EXIT_INTEGRITY,
            ErrorCode::Input | ErrorCode::Cancelled | ErrorCode::Internal => EXIT_ERROR,
        };
        Self {
            message: e.to_string(),
            hint: e.hint(),
            exit_code,
        }
    }
}
