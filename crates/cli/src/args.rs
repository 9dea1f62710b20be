//! The command line as clap parses it: global flags and every subcommand.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand};

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
    /// Find PHI in a plain-text file of any size (no workspace).
    Detect(DetectArgs),
    /// Scan a dataset version for PHI (analyst); audited.
    Scan(ScanArgs),
    /// List a dataset version's PHI findings, or accept/reject them (analyst).
    Findings(FindingsArgs),
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
    /// The population table the data was drawn from, with the same QI columns (journalist and
    /// marketer risk over its classes, δ-presence).
    #[arg(
        long = "population-table",
        value_name = "PATH",
        conflicts_with_all = ["population_size", "person_id"]
    )]
    pub population_table: Option<PathBuf>,
    /// Field delimiter of --population-table: one character, or `tab` (default: detected).
    #[arg(
        long = "population-delimiter",
        value_name = "C",
        requires = "population_table"
    )]
    pub population_delimiter: Option<String>,
    /// δ-presence: every population class has at least this share of its records in the data
    /// (default 0 when --delta-max is given).
    #[arg(long = "delta-min", value_name = "X", requires = "population_table")]
    pub delta_min: Option<f64>,
    /// δ-presence: every population class has at most this share of its records in the data
    /// (default 1 when --delta-min is given).
    #[arg(long = "delta-max", value_name = "Y", requires = "population_table")]
    pub delta_max: Option<f64>,
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
    /// t-closeness of the sensitive column: every kept class within this earth mover's
    /// distance (0 < t <= 1) of the whole file's distribution (equal ground distance).
    #[arg(long, value_name = "T", requires = "sensitive")]
    pub t: Option<f64>,
    /// A hierarchy of the sensitive column in ARX's CSV format: t-closeness with
    /// hierarchical ground distance.
    #[arg(long = "sensitive-hierarchy", value_name = "FILE", requires = "t")]
    pub sensitive_hierarchy: Option<PathBuf>,
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

/// `detect` arguments.
#[derive(Debug, Args)]
pub struct DetectArgs {
    /// The UTF-8 text file to scan; read as a stream, so it may be of any size.
    #[arg(long = "text-file", value_name = "PATH")]
    pub text_file: PathBuf,
    /// Print only the totals: bytes, spans, spans per kind.
    #[arg(long)]
    pub summary: bool,
}

/// `scan` arguments.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Dataset id or exact name.
    pub dataset: String,
    /// Version (default: latest).
    #[arg(long)]
    pub version: Option<i64>,
}

/// `findings` arguments: list, unless a subcommand reviews.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct FindingsArgs {
    /// `accept` or `reject` findings.
    #[command(subcommand)]
    pub review: Option<FindingsCommand>,
    /// Dataset id or exact name.
    #[arg(required = true)]
    pub dataset: Option<String>,
    /// Version (default: latest).
    #[arg(long)]
    pub version: Option<i64>,
    /// Only findings in this column (name, or number from 1).
    #[arg(long, value_name = "C")]
    pub column: Option<String>,
    /// Only findings of these kinds, comma-separated, e.g. NAME,SSN,HEALTH_PLAN.
    #[arg(long, value_name = "K[,K]", value_delimiter = ',')]
    pub kind: Vec<String>,
    /// Only findings with this status: pending, accepted or rejected.
    #[arg(long, value_name = "S")]
    pub status: Option<String>,
    /// Only findings at least this sure (0 to 1).
    #[arg(long = "min-confidence", value_name = "X")]
    pub min_confidence: Option<f64>,
    /// At most this many findings (1 to 1000; default: all).
    #[arg(long)]
    pub limit: Option<u64>,
    /// Matching findings to skip first.
    #[arg(long, default_value_t = 0)]
    pub offset: u64,
}

/// `findings` subcommands.
#[derive(Debug, Subcommand)]
pub enum FindingsCommand {
    /// Confirm findings as PHI; audited.
    Accept(ReviewArgs),
    /// Judge findings not PHI; audited.
    Reject(ReviewArgs),
}

/// Which findings `findings accept|reject` decides, and why.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("which").required(true).args(["findings", "column", "all"])))]
pub struct ReviewArgs {
    /// Dataset id or exact name.
    pub dataset: String,
    /// Finding numbers, as `breakwater findings DATASET` lists them.
    pub findings: Vec<i64>,
    /// Every finding of this column (name, or number from 1).
    #[arg(long, value_name = "C")]
    pub column: Option<String>,
    /// Every finding of the version's current scan.
    #[arg(long)]
    pub all: bool,
    /// Why (recorded in the audit trail).
    #[arg(long, value_name = "T")]
    pub reason: Option<String>,
    /// Version (default: latest).
    #[arg(long)]
    pub version: Option<i64>,
    /// Refuse if the version's current scan is no longer this one (re-scanned meanwhile).
    #[arg(long)]
    pub scan: Option<i64>,
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
