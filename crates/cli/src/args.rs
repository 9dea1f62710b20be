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
    /// Assess re-identification risk of a CSV file (no workspace) or a dataset (analyst).
    Risk(RiskArgs),
    /// Find the optimal generalization of a CSV file for k-anonymity (and l-diversity).
    Anonymize(AnonymizeArgs),
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

/// `risk` arguments.
#[derive(Debug, Args)]
pub struct RiskArgs {
    /// A delimited file to assess without any workspace.
    #[arg(
        long,
        value_name = "PATH",
        required_unless_present = "dataset",
        conflicts_with = "dataset"
    )]
    pub csv: Option<PathBuf>,
    /// A workspace dataset (id or exact name); audited.
    #[arg(long, value_name = "DATASET")]
    pub dataset: Option<String>,
    /// Dataset version (default: latest).
    #[arg(long, requires = "dataset")]
    pub version: Option<i64>,
    /// Quasi-identifier columns, comma-separated.
    #[arg(long, value_name = "A,B,C", value_delimiter = ',', required = true)]
    pub qi: Vec<String>,
    /// Sensitive column, for l-diversity and t-closeness.
    #[arg(long, value_name = "S")]
    pub sensitive: Option<String>,
    /// Column identifying the person when a person may have several rows.
    #[arg(long = "person-id", value_name = "P")]
    pub person_id: Option<String>,
    /// Field delimiter of --csv: one character, or `tab` (default: detected).
    #[arg(long, value_name = "C", requires = "csv")]
    pub delimiter: Option<String>,
    /// A record is at risk when 1 / its class size is strictly above this.
    #[arg(long, default_value_t = 0.2)]
    pub threshold: f64,
    /// Size of the population the data was sampled from (journalist, marketer, uniqueness).
    #[arg(long = "population-size", value_name = "N")]
    pub population_size: Option<u64>,
}

/// `anonymize` arguments.
#[derive(Debug, Args)]
pub struct AnonymizeArgs {
    /// The delimited file to anonymize (no workspace needed).
    #[arg(long, value_name = "PATH")]
    pub csv: PathBuf,
    /// Quasi-identifier columns, comma-separated; each needs a --hierarchy.
    #[arg(long, value_name = "A,B,C", value_delimiter = ',', required = true)]
    pub qi: Vec<String>,
    /// A generalization hierarchy in ARX's CSV format, as COLUMN=FILE (repeat per QI).
    #[arg(long = "hierarchy", value_name = "COL=FILE", required = true)]
    pub hierarchies: Vec<String>,
    /// Every kept equivalence class has at least this many records.
    #[arg(long)]
    pub k: usize,
    /// Distinct l-diversity of the sensitive column.
    #[arg(long, requires = "sensitive")]
    pub l: Option<usize>,
    /// Sensitive column.
    #[arg(long, value_name = "S")]
    pub sensitive: Option<String>,
    /// Largest fraction of records that may be suppressed.
    #[arg(long = "max-suppression", default_value_t = 0.0)]
    pub max_suppression: f64,
    /// Risk threshold of the figures before and after.
    #[arg(long, default_value_t = 0.2)]
    pub threshold: f64,
    /// Field delimiter of --csv: one character, or `tab` (default: detected).
    #[arg(long, value_name = "C")]
    pub delimiter: Option<String>,
    /// Write the transformed table here (CSV).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
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
