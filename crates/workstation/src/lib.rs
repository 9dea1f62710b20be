//! The facade both Breakwater shells (CLI and desktop app) call. It owns the session: who is
//! signed in with which roles, auto-lock after idle time, and the rule that every action checks
//! a role and leaves an audit event. PHI scans and findings review live in `findings.rs`, text
//! files scanned without a workspace in `text_file.rs`, anonymization what-ifs on a dataset
//! version in `anonymize_job.rs` with default hierarchies from `hierarchies.rs`, risk at
//! chosen levels of those hierarchies in `risk_levels.rs`.
//!
//! Entry point: [`Workstation`]. It never parses command lines or talks to Tauri, and holds no
//! SQL or cryptography of its own: storage is the `vault` crate's job.
#![forbid(unsafe_code)]

mod anonymize;
mod anonymize_job;
mod config;
mod demo;
mod error;
mod findings;
mod hierarchies;
mod import;
mod risk;
mod risk_levels;
mod text_file;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;
use serde_json::json;
use table::Table;
use vault::{Action, NewEvent, UnlockedVault, Vault};

pub use ::risk::anonymize::SearchProgress;
pub use anonymize::{anonymize_file, AnonymizeOutcome, AnonymizeRequest};
pub use anonymize_job::{
    anonymization_chart, AnonymizeJob, DatasetAnonymization, DatasetAnonymizeRequest, QiHierarchy,
};
pub use config::{default_workspace_dir, Config};
pub use demo::{create_demo, DEMO_DATASET_NAME};
pub use detect::{ColumnClass, Kind, StreamError, StreamSpan, StreamSummary, UnknownKind};
pub use error::{Error, ErrorCode, LockReason};
pub use findings::{
    ColumnSummary, FindingFilter, FindingPage, ReviewOutcome, ReviewRequest, ScanJob, ScanProgress,
    ScanStage, ScanSummary, MAX_FINDINGS_PAGE,
};
pub use hierarchies::{HierarchyRule, INTERVAL_WIDTHS};
pub use import::{ImportJob, ImportProgress, ImportRequest};
pub use risk::{
    assess_file, assess_file_with_population, assess_table, assess_table_with_population,
    risk_charts, PopulationFigures, PopulationFile, PopulationTable, PopulationTableFigures,
    RiskAssessment, RiskCharts, RiskRequest,
};
pub use risk_levels::{assess_table_at_levels, GeneralizedRiskAssessment};
pub use text_file::detect_text_file;
pub use vault::{
    canonical_json, AuditEvent, AuditVerification, ColumnMeta, DatasetSummary, Decision,
    Error as VaultError, Finding, FindingStatus, ImportOutcome, Passphrase, Role, Roles, Selection,
    UnknownStatus, User, VersionInfo, COLUMN_RULE,
};

/// Largest page of rows one call returns.
pub const MAX_PAGE_ROWS: u64 = 1000;

/// Who is signed in, for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionInfo {
    /// Workspace directory.
    pub workspace: String,
    /// User name.
    pub user: String,
    /// The user's roles.
    pub roles: Roles,
    /// Seconds of inactivity before the session locks itself.
    pub idle_timeout_secs: u64,
}

/// The workspace's state, for the unlock screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// Workspace directory.
    pub workspace: String,
    /// True if the directory holds a workspace.
    pub exists: bool,
    /// True if a session is open.
    pub unlocked: bool,
    /// The open session.
    pub session: Option<SessionInfo>,
    /// Why the last session ended, if it did.
    pub locked_reason: Option<LockReason>,
}

/// Rows of one dataset version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page {
    /// Index of the first row returned.
    pub offset: u64,
    /// Cells as imported.
    pub rows: Vec<Vec<String>>,
}

struct Session {
    vault: UnlockedVault,
    last_activity: Instant,
    viewed: HashSet<(i64, i64)>,
    assessed: HashSet<(i64, i64)>,
    /// The last version read whole, for repeated what-if assessments; dropped on lock.
    table_cache: Option<(i64, i64, Arc<Table>)>,
    /// The findings of the last scan listed, for paging; dropped on lock.
    findings_cache: Option<Arc<findings::CachedFindings>>,
}

impl Session {
    /// Writes a `risk` audit event with the details the first time this session assesses a
    /// version; later what-if assessments of it are not logged again (the details are then
    /// not built).
    fn record_risk_once(
        &mut self,
        dataset: i64,
        version: i64,
        details: impl FnOnce() -> serde_json::Value,
    ) -> Result<(), Error> {
        if !self.assessed.contains(&(dataset, version)) {
            self.vault.record(NewEvent {
                actor: self.vault.user().name.clone(),
                action: Action::Risk,
                object: Some(format!("dataset:{dataset}")),
                reason: None,
                details: details(),
            })?;
            self.assessed.insert((dataset, version));
        }
        Ok(())
    }

    /// A version read whole, from the cache when it is the same version as last time.
    fn table(
        &mut self,
        dataset: i64,
        version: Option<i64>,
    ) -> Result<(VersionInfo, Arc<Table>), Error> {
        let info = self.vault.version_info(dataset, version)?;
        if let Some((d, v, table)) = &self.table_cache {
            if (*d, *v) == (info.dataset, info.version) {
                return Ok((info, Arc::clone(table)));
            }
        }
        let table = Arc::new(self.vault.read_table(&info)?);
        self.table_cache = Some((info.dataset, info.version, Arc::clone(&table)));
        Ok((info, table))
    }

    /// Writes a `view` event with `details` the first time a version's cells (or where PHI
    /// sits in them) are shown in this session.
    fn note_view(
        &mut self,
        dataset: i64,
        version: i64,
        details: serde_json::Value,
    ) -> Result<(), Error> {
        if self.viewed.contains(&(dataset, version)) {
            return Ok(());
        }
        self.vault.record(NewEvent {
            actor: self.vault.user().name.clone(),
            action: Action::View,
            object: Some(format!("dataset:{dataset}")),
            reason: None,
            details,
        })?;
        self.viewed.insert((dataset, version));
        Ok(())
    }
}

/// One workspace as seen by one person at a time.
pub struct Workstation {
    dir: PathBuf,
    config: Config,
    session: Option<Session>,
    locked_reason: Option<LockReason>,
}

impl Workstation {
    /// A workstation on the workspace in `dir` (which may not exist yet).
    pub fn new(dir: PathBuf, config: Config) -> Self {
        Self {
            dir,
            config,
            session: None,
            locked_reason: None,
        }
    }

    /// The workspace directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Current state; locks an idle session first. Does not count as activity.
    pub fn status(&mut self) -> Status {
        self.expire_if_idle();
        Status {
            workspace: self.dir.display().to_string(),
            exists: Vault::exists(&self.dir),
            unlocked: self.session.is_some(),
            session: self.session.as_ref().map(|s| self.info(&s.vault)),
            locked_reason: self.locked_reason,
        }
    }

    fn info(&self, vault: &UnlockedVault) -> SessionInfo {
        SessionInfo {
            workspace: self.dir.display().to_string(),
            user: vault.user().name.clone(),
            roles: vault.user().roles.clone(),
            idle_timeout_secs: self.config.idle_timeout.as_secs(),
        }
    }

    fn start(&mut self, mut vault: UnlockedVault) -> SessionInfo {
        vault.set_kdf_params(self.config.kdf);
        let info = self.info(&vault);
        self.session = Some(Session {
            vault,
            last_activity: Instant::now(),
            viewed: HashSet::new(),
            assessed: HashSet::new(),
            table_cache: None,
            findings_cache: None,
        });
        self.locked_reason = None;
        info
    }

    /// Creates the workspace with `user` as its first user (every role) and signs them in.
    pub fn init(&mut self, user: &str, passphrase: &Passphrase) -> Result<SessionInfo, Error> {
        let vault = Vault::create(&self.dir, user, passphrase, self.config.kdf)?;
        Ok(self.start(vault))
    }

    /// Signs `user` in. Success and failure are both audited.
    pub fn unlock(&mut self, user: &str, passphrase: &Passphrase) -> Result<SessionInfo, Error> {
        self.session = None;
        let vault = Vault::open(&self.dir)?.unlock(user, passphrase)?;
        Ok(self.start(vault))
    }

    /// Ends the session and wipes the keys from memory.
    pub fn lock(&mut self) {
        if self.session.take().is_some() {
            self.locked_reason = Some(LockReason::Manual);
        }
    }

    fn expire_if_idle(&mut self) {
        let idle = self
            .session
            .as_ref()
            .is_some_and(|s| s.last_activity.elapsed() >= self.config.idle_timeout);
        if idle {
            self.session = None;
            self.locked_reason = Some(LockReason::Idle);
        }
    }

    /// The open session if the user holds one of `roles`; counts as activity.
    fn session(&mut self, roles: &[Role], action: &'static str) -> Result<&mut Session, Error> {
        self.expire_if_idle();
        let reason = self.locked_reason;
        let session = self.session.as_mut().ok_or(Error::Locked { reason })?;
        let user = session.vault.user();
        if !roles.is_empty() && !roles.iter().any(|r| user.roles.contains(*r)) {
            return Err(Error::NotPermitted {
                user: user.name.clone(),
                role: roles[0],
                action,
            });
        }
        session.last_activity = Instant::now();
        Ok(session)
    }

    /// Checks that the signed-in user holds `role`, e.g. before a shell prompts for input the
    /// action needs. Counts as activity.
    pub fn check_role(&mut self, role: Role, action: &'static str) -> Result<(), Error> {
        self.session(&[role], action).map(|_| ())
    }

    /// Every user (admin).
    pub fn users(&mut self) -> Result<Vec<User>, Error> {
        Ok(self.session(&[Role::Admin], "list users")?.vault.users()?)
    }

    /// Adds a user with their own passphrase (admin).
    pub fn add_user(
        &mut self,
        name: &str,
        roles: &Roles,
        passphrase: &Passphrase,
    ) -> Result<User, Error> {
        Ok(self
            .session(&[Role::Admin], "add users")?
            .vault
            .add_user(name, roles, passphrase)?)
    }

    /// Changes the signed-in user's own passphrase.
    pub fn change_passphrase(&mut self, new_passphrase: &Passphrase) -> Result<(), Error> {
        Ok(self
            .session(&[], "change a passphrase")?
            .vault
            .change_passphrase(new_passphrase)?)
    }

    /// Every dataset (analyst or auditor; no cell values).
    pub fn datasets(&mut self) -> Result<Vec<DatasetSummary>, Error> {
        Ok(self
            .session(&[Role::Analyst, Role::Auditor], "list datasets")?
            .vault
            .datasets()?)
    }

    /// An import on its own connection (analyst).
    pub fn import_job(&mut self) -> Result<ImportJob, Error> {
        let session = self.session(&[Role::Analyst], "import datasets")?;
        Ok(ImportJob {
            vault: session.vault.try_clone()?,
        })
    }

    /// Imports a file on this thread (analyst).
    pub fn import_file(
        &mut self,
        path: &Path,
        request: &ImportRequest,
        progress: &mut dyn FnMut(ImportProgress) -> bool,
    ) -> Result<ImportOutcome, Error> {
        self.import_job()?.run_file(path, request, progress)
    }

    /// Schema and size of a version (analyst); `version` `None` is the latest.
    pub fn dataset_info(
        &mut self,
        reference: &str,
        version: Option<i64>,
    ) -> Result<VersionInfo, Error> {
        let session = self.session(&[Role::Analyst], "view datasets")?;
        let id = session.vault.resolve(reference)?;
        Ok(session.vault.version_info(id, version)?)
    }

    /// Rows `offset..offset+limit` of a version (analyst; `None` is the latest). The first view
    /// of each version in a session writes a `view` audit event with the dataset, version and
    /// row counts.
    pub fn rows(
        &mut self,
        dataset: i64,
        version: Option<i64>,
        offset: u64,
        limit: u64,
    ) -> Result<Page, Error> {
        if limit == 0 || limit > MAX_PAGE_ROWS {
            return Err(Error::BadPageSize { max: MAX_PAGE_ROWS });
        }
        let session = self.session(&[Role::Analyst], "view datasets")?;
        let info = session.vault.version_info(dataset, version)?;
        let version = info.version;
        let rows = session.vault.read_rows(&info, offset, limit)?;
        session.note_view(
            dataset,
            version,
            json!({ "version": version, "offset": offset, "rows": rows.len() }),
        )?;
        Ok(Page { offset, rows })
    }

    /// Assesses re-identification risk of a dataset version (analyst; `None` is the latest).
    /// The first assessment of each version in a session writes a `risk` audit event with
    /// column numbers and figures; later what-if assessments of it are not logged again.
    pub fn assess_risk(
        &mut self,
        dataset: i64,
        version: Option<i64>,
        request: &RiskRequest,
    ) -> Result<RiskAssessment, Error> {
        let session = self.session(&[Role::Analyst], "assess risk")?;
        let (info, table) = session.table(dataset, version)?;
        let assessment = assess_table(&table, request)?;
        session.record_risk_once(info.dataset, info.version, || {
            risk::audit_details(&table, info.version, request, &assessment)
        })?;
        Ok(assessment)
    }

    /// The dataset id for an id or exact name (analyst or auditor).
    pub fn resolve(&mut self, reference: &str) -> Result<i64, Error> {
        Ok(self
            .session(&[Role::Analyst, Role::Auditor], "find datasets")?
            .vault
            .resolve(reference)?)
    }

    /// Assesses a version and saves the assessment in the vault as a risk report (analyst);
    /// audited with the report id, column numbers and figures, and the reason given.
    pub fn save_risk_report(
        &mut self,
        dataset: i64,
        version: Option<i64>,
        request: &RiskRequest,
        reason: Option<String>,
    ) -> Result<(i64, RiskAssessment), Error> {
        let session = self.session(&[Role::Analyst], "save risk reports")?;
        let (info, table) = session.table(dataset, version)?;
        let assessment = assess_table(&table, request)?;
        let report = risk::saved_report(&info, request, &assessment);
        let mut details = risk::audit_details(&table, info.version, request, &assessment);
        details["saved"] = json!(true);
        let id = session.vault.save_risk_report(
            info.dataset,
            info.version,
            report.as_bytes(),
            reason,
            details,
        )?;
        session.assessed.insert((info.dataset, info.version));
        Ok((id, assessment))
    }

    /// A saved risk report's JSON (analyst or auditor).
    pub fn risk_report(&mut self, report: i64) -> Result<serde_json::Value, Error> {
        let session = self.session(&[Role::Analyst, Role::Auditor], "read risk reports")?;
        let (_, _, bytes) = session.vault.risk_report(report)?;
        serde_json::from_slice(&bytes).map_err(|_| {
            Error::Vault(vault::Error::Tampered {
                what: format!("risk report {report}"),
            })
        })
    }

    /// Every audit event, oldest first (auditor).
    pub fn audit_events(&mut self) -> Result<Vec<AuditEvent>, Error> {
        Ok(self
            .session(&[Role::Auditor], "read the audit trail")?
            .vault
            .audit_events()?)
    }

    /// Checks the audit chain (auditor).
    pub fn verify_audit(&mut self) -> Result<AuditVerification, Error> {
        Ok(self
            .session(&[Role::Auditor], "verify the audit trail")?
            .vault
            .verify_audit()?)
    }
}
