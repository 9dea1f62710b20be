//! Breakwater's encrypted store: one SQLite file per workspace holding users and their roles,
//! the key hierarchy, datasets with immutable versions as encrypted column chunks, PHI scans
//! with their findings and review decisions, and the hash-chained audit log.
//!
//! Entry points: [`Vault::create`] and [`Vault::open`], then [`Vault::unlock`] for an
//! [`UnlockedVault`]. Every mutation writes its audit event in the same transaction.
//!
//! It never stores a cell, dataset name or column name in plaintext, never writes one to an
//! error, and never decides who may do what: roles are checked by the `workstation` crate.
#![forbid(unsafe_code)]

mod audit;
mod canonical;
mod chunk;
mod crypto;
mod datasets;
mod error;
mod keys;
mod reports;
mod reviews;
mod scans;
mod secret;
mod store;
mod users;

use std::path::Path;

use serde_json::json;
use table::Table;

pub use audit::{Action, AuditEvent, AuditVerification, NewEvent};
pub use canonical::canonical_json;
pub use crypto::KdfParams;
pub use datasets::{
    validate_dataset_name, ColumnMeta, DatasetSummary, ImportOutcome, SourceFacts, VersionInfo,
    CHUNK_ROWS,
};
pub use error::Error;
pub use reviews::{Decision, FindingStatus, Selection, UnknownStatus};
pub use scans::{Finding, ScanColumn, ScanRecord, COLUMN_RULE};
pub use secret::Passphrase;
pub use store::{SCHEMA_VERSION, VAULT_FILE};
pub use users::{
    validate_passphrase, validate_user_name, Role, Roles, UnknownRole, User, MIN_PASSPHRASE_CHARS,
};

use keys::Keys;
use secret::Key;
use store::Store;

/// A workspace's vault, opened but locked: only unlocking and reading the audit log's size are possible.
pub struct Vault {
    store: Store,
}

impl Vault {
    /// True if `dir` holds a vault.
    pub fn exists(dir: &Path) -> bool {
        Store::exists(dir)
    }

    /// Creates a workspace in `dir` (created if missing, or empty) with its first user, who
    /// gets every role, and returns it unlocked. Writes the `init` audit event.
    pub fn create(
        dir: &Path,
        user: &str,
        passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> Result<UnlockedVault, Error> {
        validate_user_name(user)?;
        validate_passphrase(passphrase)?;
        let now = audit::now();
        let keys = Keys::from_data_key(Key::random());
        let (store, user) = Store::create(
            dir,
            crypto::random_bytes::<16>(),
            &now,
            |tx, workspace_id| {
                let user = users::insert(
                    tx,
                    workspace_id,
                    &keys,
                    user,
                    &Roles::all(),
                    passphrase,
                    kdf,
                )?;
                let event = NewEvent {
                    actor: user.name.clone(),
                    action: Action::Init,
                    object: Some("workspace".into()),
                    reason: None,
                    details: json!({
                        "schema_version": SCHEMA_VERSION,
                        "roles": user.roles,
                        "kdf": kdf,
                    }),
                };
                audit::append(tx, workspace_id, Some(&keys), event)?;
                Ok(user)
            },
        )?;
        Ok(UnlockedVault {
            store,
            keys,
            user,
            kdf,
        })
    }

    /// Opens the vault in `dir`, refusing a directory without one or a newer schema.
    pub fn open(dir: &Path) -> Result<Self, Error> {
        Ok(Self {
            store: Store::open(dir)?,
        })
    }

    /// Unlocks with a user's passphrase, writing `login` or `login_failed`.
    pub fn unlock(self, user: &str, passphrase: &Passphrase) -> Result<UnlockedVault, Error> {
        match users::unlock(&self.store.conn, &self.store.workspace_id, user, passphrase) {
            Ok((user, keys)) => {
                let tx = self.store.conn.unchecked_transaction()?;
                let event = NewEvent {
                    actor: user.name.clone(),
                    action: Action::Login,
                    object: None,
                    reason: None,
                    details: json!({}),
                };
                audit::append(&tx, &self.store.workspace_id, Some(&keys), event)?;
                tx.commit()?;
                Ok(UnlockedVault {
                    store: self.store,
                    keys,
                    user,
                    kdf: KdfParams::default(),
                })
            }
            Err(e @ (Error::UnknownUser | Error::WrongPassphrase)) => {
                // A name that is not a user may be a mistyped passphrase: it is never logged.
                let (actor, cause) = match e {
                    Error::UnknownUser => ("(unknown user)".to_string(), "unknown_user"),
                    _ => (user.to_string(), "wrong_passphrase"),
                };
                let event = NewEvent {
                    actor,
                    action: Action::LoginFailed,
                    object: None,
                    reason: None,
                    details: json!({ "cause": cause }),
                };
                audit::append(&self.store.conn, &self.store.workspace_id, None, event)?;
                Err(e)
            }
            Err(e) => Err(e),
        }
    }
}

/// An unlocked vault: the data key is in memory (wiped on drop) and content is readable.
pub struct UnlockedVault {
    store: Store,
    keys: Keys,
    user: User,
    kdf: KdfParams,
}

impl UnlockedVault {
    /// Who unlocked it.
    pub fn user(&self) -> &User {
        &self.user
    }

    /// Uses `kdf` for passphrases set from now on (tests use cheap parameters).
    pub fn set_kdf_params(&mut self, kdf: KdfParams) {
        self.kdf = kdf;
    }

    /// A second handle on the same vault and user, with its own connection, for a worker thread.
    pub fn try_clone(&self) -> Result<Self, Error> {
        Ok(Self {
            store: self.store.reopen()?,
            keys: Keys::from_data_key(self.keys.data.clone()),
            user: self.user.clone(),
            kdf: self.kdf,
        })
    }

    /// Appends an audit event by the current user, keyed into the anchor.
    pub fn record(&self, event: NewEvent) -> Result<AuditEvent, Error> {
        let tx = self.store.conn.unchecked_transaction()?;
        let ev = audit::append(&tx, &self.store.workspace_id, Some(&self.keys), event)?;
        tx.commit()?;
        Ok(ev)
    }

    fn event(
        &self,
        action: Action,
        object: Option<String>,
        details: serde_json::Value,
    ) -> NewEvent {
        NewEvent {
            actor: self.user.name.clone(),
            action,
            object,
            reason: None,
            details,
        }
    }

    /// Adds a user with `roles` and their own passphrase; writes `user_add`.
    pub fn add_user(
        &self,
        name: &str,
        roles: &Roles,
        passphrase: &Passphrase,
    ) -> Result<User, Error> {
        let tx = self.store.conn.unchecked_transaction()?;
        let user = users::insert(
            &tx,
            &self.store.workspace_id,
            &self.keys,
            name,
            roles,
            passphrase,
            self.kdf,
        )?;
        let event = self.event(
            Action::UserAdd,
            Some(format!("user:{}", user.name)),
            json!({ "roles": user.roles }),
        );
        audit::append(&tx, &self.store.workspace_id, Some(&self.keys), event)?;
        tx.commit()?;
        Ok(user)
    }

    /// Every user, by name.
    pub fn users(&self) -> Result<Vec<User>, Error> {
        users::list(&self.store.conn, &self.keys)
    }

    /// Changes the current user's passphrase (re-wraps the data key); writes `passwd`.
    pub fn change_passphrase(&self, new_passphrase: &Passphrase) -> Result<(), Error> {
        let tx = self.store.conn.unchecked_transaction()?;
        users::change_passphrase(
            &tx,
            &self.store.workspace_id,
            &self.keys,
            &self.user,
            new_passphrase,
            self.kdf,
        )?;
        let event = self.event(
            Action::Passwd,
            Some(format!("user:{}", self.user.name)),
            json!({}),
        );
        audit::append(&tx, &self.store.workspace_id, Some(&self.keys), event)?;
        tx.commit()?;
        Ok(())
    }

    /// Imports a new dataset in one transaction: its name, encrypted chunks from `batches`
    /// (each exactly [`CHUNK_ROWS`] rows but the last), the source fingerprint from `source`
    /// once all rows are read, and the `import` audit event. On any error nothing is stored.
    pub fn import(
        &self,
        name: &str,
        column_names: &[String],
        batches: &mut dyn FnMut() -> Result<Option<Table>, Error>,
        source: &dyn Fn() -> SourceFacts,
    ) -> Result<ImportOutcome, Error> {
        let ws = &self.store.workspace_id;
        let tx = self.store.conn.unchecked_transaction()?;
        let outcome = datasets::write_new(
            &tx,
            ws,
            &self.keys,
            self.user.id,
            name,
            column_names,
            batches,
        )?;
        let facts = source();
        let event = self.event(
            Action::Import,
            Some(format!("dataset:{}", outcome.dataset)),
            json!({
                "version": outcome.version,
                "rows": outcome.rows,
                "columns": outcome.columns.len(),
                "chunks": outcome.chunks,
                "source_bytes": facts.bytes,
                "source_sha256": facts.sha256,
            }),
        );
        let event = audit::append(&tx, ws, Some(&self.keys), event)?;
        datasets::write_version(
            &tx,
            ws,
            &self.keys,
            self.user.id,
            &outcome,
            &facts.sha256,
            &event,
        )?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Every dataset, by id.
    pub fn datasets(&self) -> Result<Vec<DatasetSummary>, Error> {
        datasets::list(&self.store.conn, &self.store.workspace_id, &self.keys)
    }

    /// The dataset id for an id or exact name.
    pub fn resolve(&self, reference: &str) -> Result<i64, Error> {
        datasets::resolve(
            &self.store.conn,
            &self.store.workspace_id,
            &self.keys,
            reference,
        )
    }

    /// A version's schema and size; `None` is the latest version.
    pub fn version_info(&self, dataset: i64, version: Option<i64>) -> Result<VersionInfo, Error> {
        datasets::version_info(
            &self.store.conn,
            &self.store.workspace_id,
            &self.keys,
            dataset,
            version,
        )
    }

    /// Cells of rows `offset..offset+limit`, as imported.
    pub fn read_rows(
        &self,
        info: &VersionInfo,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<Vec<String>>, Error> {
        datasets::read_rows(
            &self.store.conn,
            &self.store.workspace_id,
            &self.keys,
            info,
            offset,
            limit,
        )
    }

    /// The whole version as a table.
    pub fn read_table(&self, info: &VersionInfo) -> Result<Table, Error> {
        datasets::read_table(&self.store.conn, &self.store.workspace_id, &self.keys, info)
    }

    /// Saves a risk report (JSON) of a dataset version, sealed, with its `risk` audit event
    /// (`details` must hold counts and parameters only); returns the report id.
    pub fn save_risk_report(
        &self,
        dataset: i64,
        version: i64,
        report_json: &[u8],
        reason: Option<String>,
        mut details: serde_json::Value,
    ) -> Result<i64, Error> {
        let ws = &self.store.workspace_id;
        let tx = self.store.conn.unchecked_transaction()?;
        let id = reports::save(
            &tx,
            ws,
            &self.keys,
            self.user.id,
            dataset,
            version,
            report_json,
        )?;
        if let Some(map) = details.as_object_mut() {
            map.insert("report".into(), json!(id));
        }
        let mut event = self.event(Action::Risk, Some(format!("dataset:{dataset}")), details);
        event.reason = reason;
        audit::append(&tx, ws, Some(&self.keys), event)?;
        tx.commit()?;
        Ok(id)
    }

    /// A saved risk report: dataset, version and the JSON as saved.
    pub fn risk_report(&self, report: i64) -> Result<(i64, i64, Vec<u8>), Error> {
        reports::load(
            &self.store.conn,
            &self.store.workspace_id,
            &self.keys,
            report,
        )
    }

    /// Stores a PHI scan of a dataset version with its `scan` audit event (ids and counts
    /// only) in one transaction, and returns it. It becomes the version's current scan; older
    /// scans and their decisions are kept. The findings model is described in `scans.rs`.
    pub fn save_scan(
        &self,
        dataset: i64,
        version: i64,
        result: &detect::ScanResult,
    ) -> Result<ScanRecord, Error> {
        let ws = &self.store.workspace_id;
        let tx = self.store.conn.unchecked_transaction()?;
        let prepared = scans::prepare(&tx, dataset, version, result)?;
        let scan = prepared.scan;
        let details = prepared.audit_details();
        let event = self.event(Action::Scan, Some(format!("dataset:{dataset}")), details);
        let event = audit::append(&tx, ws, Some(&self.keys), event)?;
        prepared.write(&tx, ws, &self.keys, self.user.id, &event)?;
        let record = scans::record(&tx, ws, &self.keys, scan)?;
        tx.commit()?;
        Ok(record)
    }

    /// The newest scan of a version, if it was ever scanned.
    pub fn current_scan(&self, dataset: i64, version: i64) -> Result<Option<ScanRecord>, Error> {
        let conn = &self.store.conn;
        scans::current_id(conn, dataset, version)?
            .map(|scan| scans::record(conn, &self.store.workspace_id, &self.keys, scan))
            .transpose()
    }

    fn require_scan(&self, dataset: i64, version: i64) -> Result<ScanRecord, Error> {
        self.current_scan(dataset, version)?
            .ok_or(Error::NotScanned { dataset, version })
    }

    /// The current scan of a version and its findings (of one column index if given), by
    /// number, each with its review status.
    pub fn findings(
        &self,
        dataset: i64,
        version: i64,
        column: Option<usize>,
    ) -> Result<(ScanRecord, Vec<Finding>), Error> {
        let scan = self.require_scan(dataset, version)?;
        let findings = scans::findings(
            &self.store.conn,
            &self.store.workspace_id,
            &self.keys,
            &scan,
            column,
        )?;
        Ok((scan, findings))
    }

    /// How many review decisions a scan has, all statuses together: it changes whenever any
    /// of its findings is reviewed (for caches).
    pub fn decision_count(&self, scan: i64) -> Result<i64, Error> {
        reviews::count_of_scan(&self.store.conn, scan)
    }

    /// Records `decision` on the selected findings of a version's current scan, with the
    /// `findings_review` audit event (ids and counts; the reason as the event's reason), in
    /// one transaction; returns the scan and the finding numbers decided. With
    /// `expected_scan`, refuses if the version was re-scanned since. A selection without
    /// findings (a column without any) records the event with `n_findings` 0.
    pub fn review_findings(
        &self,
        dataset: i64,
        version: i64,
        expected_scan: Option<i64>,
        selection: &Selection,
        decision: Decision,
        reason: Option<String>,
    ) -> Result<(ScanRecord, Vec<i64>), Error> {
        let ws = &self.store.workspace_id;
        let tx = self.store.conn.unchecked_transaction()?;
        let scan = self.require_scan(dataset, version)?;
        if let Some(expected) = expected_scan.filter(|&e| e != scan.scan) {
            return Err(Error::ScanReplaced {
                expected,
                current: scan.scan,
            });
        }
        let ids = reviews::select(&tx, &scan, selection)?;
        let new = reviews::NewDecisions {
            scan: scan.scan,
            findings: &ids,
            decision,
            decided_by: self.user.id,
            reason: reason.as_deref(),
        };
        reviews::record(&tx, ws, &self.keys, &new)?;
        let mut details = json!({
            "dataset": dataset,
            "version": version,
            "scan": scan.scan,
            "status": decision.status().as_str(),
            "n_findings": ids.len(),
            "all": *selection == Selection::All,
        });
        if let Selection::Column(c) = selection {
            // Column numbers in audit details count from 1, as in `risk` events.
            details["column"] = json!(c + 1);
        }
        let mut event = self.event(
            Action::FindingsReview,
            Some(format!("dataset:{dataset}")),
            details,
        );
        event.reason = reason;
        audit::append(&tx, ws, Some(&self.keys), event)?;
        tx.commit()?;
        Ok((scan, ids))
    }

    /// Every audit event, oldest first.
    pub fn audit_events(&self) -> Result<Vec<AuditEvent>, Error> {
        audit::list(&self.store.conn)
    }

    /// Checks the audit chain, its keyed anchor, that every dataset version's and scan's
    /// creating event is still in the log unchanged, and that the log counts every scan and
    /// review decision the vault holds.
    pub fn verify_audit(&self) -> Result<AuditVerification, Error> {
        let (conn, ws) = (&self.store.conn, &self.store.workspace_id);
        let mut links = datasets::version_links(conn, ws, &self.keys)?;
        links.extend(scans::links(conn, ws, &self.keys)?);
        let stored = audit::StoredCounts {
            scans: scans::count(conn)?,
            decisions: reviews::count(conn)?,
        };
        audit::verify(conn, ws, &self.keys, &links, &stored)
    }
}
