//! The command line as clap parses it: global flags and every subcommand.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Breakwater: encrypted de-identification workstation for clinical data.
#[derive(Debug, Parser)]
#[command(name = "breakwater", version, about)]
pub struct Cli {
    /// Workspace directory (default: the platform data directory).
    #[arg(long, global = true, env = "BREAKWATER_WORKSPACE", value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// Acting user.
    #[arg(long, global = true, env = "BREAKWATER_USER", value_name = "NAME")]
    pub user: Option<String>,
    /// Print exactly one JSON object on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a workspace; the first user (--user) gets every role.
    Init,
    /// Manage users (admin).
    #[command(subcommand)]
    User(UserCommand),
    /// Change your own passphrase (new one from BREAKWATER_NEW_PASSPHRASE or a prompt).
    Passwd,
    /// Import a CSV/TSV file as a new dataset (analyst).
    Import(ImportArgs),
    /// List datasets (analyst, auditor).
    Datasets,
    /// Show rows of a dataset (analyst); audited as a view.
    Show(ShowArgs),
    /// Read (auditor) or verify the audit trail.
    Audit(AuditArgs),
    /// Create a ready-to-explore workspace with the synthetic demo dataset.
    Demo,
}

/// `user` subcommands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user (passphrase from BREAKWATER_NEW_PASSPHRASE or a prompt).
    Add {
        /// Login name.
        name: String,
        /// Roles, comma-separated: admin, analyst, approver, auditor.
        #[arg(
            long = "role",
            value_name = "R[,R]",
            value_delimiter = ',',
            required = true
        )]
        roles: Vec<String>,
    },
    /// List users and their roles.
    List,
}

/// `import` arguments.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import.
    pub file: PathBuf,
    /// Name of the new dataset (unique in the workspace).
    #[arg(long)]
    pub name: String,
    /// Field delimiter: one character, or `tab` (default: detected).
    #[arg(long, value_name = "C")]
    pub delimiter: Option<String>,
}

/// `show` arguments.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Dataset id or exact name.
    pub dataset: String,
    /// Version (default: latest).
    #[arg(long)]
    pub version: Option<i64>,
    /// Rows to show.
    #[arg(long, default_value_t = 20)]
    pub limit: u64,
    /// First row to show (0-based).
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
}

/// `audit` arguments.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// `verify` checks the hash chain (exit 4 if broken).
    #[command(subcommand)]
    pub verify: Option<AuditCommand>,
}

/// `audit` subcommands.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain; exit 0 if intact, 4 otherwise.
    Verify,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
