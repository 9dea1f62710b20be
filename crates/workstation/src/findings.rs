//! PHI scans and findings review through the facade: scanning a dataset version (on its own
//! connection, with progress and cancellation), the current scan's column classifications,
//! findings listed with filters and pages, and accept/reject decisions. Roles: analyst.
//!
//! Listing findings shows where PHI sits in the cells, so it counts as viewing the version:
//! the first listing per version per session writes a `view` event, like reading rows.

use std::collections::BTreeMap;
use std::sync::Arc;

use detect::{ColumnClass, Kind};
use serde::Serialize;
use serde_json::json;
use table::Table;
use vault::{Decision, Finding, FindingStatus, ScanRecord, Selection, UnlockedVault, VersionInfo};

use crate::{Error, Role, Workstation};

/// Largest page of findings one call returns when a limit is given.
pub const MAX_FINDINGS_PAGE: u64 = 1000;

/// What a scan is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScanStage {
    /// Decrypting the version.
    Reading,
    /// Classifying columns and finding spans in free text.
    Detecting,
    /// Sealing and storing the findings.
    Storing,
}

/// How far a scan has got, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScanProgress {
    /// What it is doing.
    pub stage: ScanStage,
    /// Columns classified (and scanned, if free text) so far.
    pub columns_done: usize,
    /// Columns of the version.
    pub columns: usize,
}

/// How the current scan classified one column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnSummary {
    /// Column index (from 0).
    pub column: usize,
    /// Column name.
    pub name: String,
    /// Identifier kind of a direct-identifier column; `None` otherwise.
    pub kind: Option<Kind>,
    /// `direct`, `quasi`, `free_text` or `none`.
    pub class: ColumnClass,
    /// How sure the classifier was, 0 to 1.
    pub confidence: f64,
    /// The classifier's reasons, in words.
    pub evidence: String,
    /// Values sampled.
    pub sampled: usize,
    /// Findings in the column.
    pub n_findings: i64,
}

/// A version's current scan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScanSummary {
    /// Dataset id.
    pub dataset: i64,
    /// Version scanned.
    pub version: i64,
    /// Scan id.
    pub scan: i64,
    /// When (RFC 3339 UTC).
    pub created_at: String,
    /// Who ran it.
    pub created_by: String,
    /// Findings, numbered 1 to `n_findings`.
    pub n_findings: i64,
    /// Findings per kind (kinds without findings are absent).
    pub by_kind: BTreeMap<Kind, i64>,
    /// One entry per column, in column order.
    pub columns: Vec<ColumnSummary>,
}

impl ScanSummary {
    fn new(info: &VersionInfo, record: ScanRecord) -> Self {
        let columns = record
            .columns
            .into_iter()
            .map(|c| ColumnSummary {
                name: info
                    .columns
                    .get(c.column)
                    .map(|m| m.name.clone())
                    .unwrap_or_default(),
                column: c.column,
                kind: c.kind,
                class: c.class,
                confidence: c.confidence,
                evidence: c.evidence,
                sampled: c.sampled,
                n_findings: c.n_findings,
            })
            .collect();
        Self {
            dataset: record.dataset,
            version: record.version,
            scan: record.scan,
            created_at: record.created_at,
            created_by: record.created_by,
            n_findings: record.n_findings,
            by_kind: record.by_kind,
            columns,
        }
    }
}

/// Which findings to list; the default lists them all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FindingFilter {
    /// Only this column index (from 0).
    pub column: Option<usize>,
    /// Only these kinds; empty for every kind.
    pub kinds: Vec<Kind>,
    /// Only this status.
    pub status: Option<FindingStatus>,
    /// Only findings at least this sure.
    pub min_confidence: Option<f64>,
    /// Only cell findings in rows `first..=last` (whole-column findings have no row and are
    /// left out), e.g. the rows a grid shows.
    pub rows: Option<(u64, u64)>,
    /// Matching findings to skip.
    pub offset: u64,
    /// At most this many (1 to [`MAX_FINDINGS_PAGE`]); `None` returns every match.
    pub limit: Option<u64>,
}

/// A page of a version's findings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingPage {
    /// Dataset id.
    pub dataset: i64,
    /// Version.
    pub version: i64,
    /// The current scan the findings belong to.
    pub scan: i64,
    /// Findings matching the filter, over all pages.
    pub total: u64,
    /// Matches skipped before this page.
    pub offset: u64,
    /// The findings, by number.
    pub findings: Vec<Finding>,
}

/// A review of findings of a version's current scan.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRequest {
    /// Which findings.
    pub selection: Selection,
    /// Accept or reject.
    pub decision: Decision,
    /// Why, in the reviewer's words (recorded as the audit event's reason).
    pub reason: Option<String>,
    /// The scan the reviewer was looking at: refused if the version was re-scanned since.
    pub scan: Option<i64>,
}

/// What a review recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewOutcome {
    /// Dataset id.
    pub dataset: i64,
    /// Version.
    pub version: i64,
    /// Scan whose findings were decided.
    pub scan: i64,
    /// Their new status.
    pub status: FindingStatus,
    /// How many findings were decided.
    pub n_findings: usize,
    /// Their numbers, ascending.
    pub findings: Vec<i64>,
}

/// A scan ready to run with its own vault connection, so a shell can run it on a worker thread
/// while the session stays usable.
pub struct ScanJob {
    vault: UnlockedVault,
    dataset: i64,
    version: Option<i64>,
    table: Option<Arc<Table>>,
}

impl ScanJob {
    /// Reads the version, classifies every column, finds spans in free-text columns, and stores
    /// the scan with its `scan` audit event. `progress` is called at each stage and after every
    /// column; returning `false` cancels (at the next column), and nothing is stored.
    pub fn run(self, progress: &mut dyn FnMut(ScanProgress) -> bool) -> Result<ScanSummary, Error> {
        let info = self.vault.version_info(self.dataset, self.version)?;
        let columns = info.columns.len();
        let mut report = |stage, columns_done| {
            progress(ScanProgress {
                stage,
                columns_done,
                columns,
            })
        };
        let cancelled = || Error::Vault(vault::Error::Cancelled);
        if !report(ScanStage::Reading, 0) {
            return Err(cancelled());
        }
        let table = match self.table {
            Some(table) => table,
            None => Arc::new(self.vault.read_table(&info)?),
        };
        let mut is_cancelled = !report(ScanStage::Detecting, 0);
        if is_cancelled {
            return Err(cancelled());
        }
        let result = detect::scan_table(&table, detect::Detector::shared(), &mut |done, _| {
            is_cancelled = is_cancelled || !report(ScanStage::Detecting, done);
        });
        if is_cancelled || !report(ScanStage::Storing, columns) {
            return Err(cancelled());
        }
        let record = self.vault.save_scan(info.dataset, info.version, &result)?;
        Ok(ScanSummary::new(&info, record))
    }
}

/// The findings matching `filter` (their count, and those on the requested page).
fn page(findings: &[Finding], filter: &FindingFilter) -> (u64, Vec<Finding>) {
    let offset = usize::try_from(filter.offset).unwrap_or(usize::MAX);
    let limit = filter
        .limit
        .map_or(usize::MAX, |l| usize::try_from(l).unwrap_or(usize::MAX));
    let mut total = 0u64;
    let mut page = Vec::new();
    let matching = findings.iter().filter(|f| {
        filter.column.map_or(true, |c| f.column == c)
            && (filter.kinds.is_empty() || filter.kinds.contains(&f.kind))
            && filter.rows.map_or(true, |(first, last)| {
                f.row.is_some_and(|r| (first..=last).contains(&r))
            })
            && filter.status.map_or(true, |s| f.status == s)
            && filter.min_confidence.map_or(true, |c| f.confidence >= c)
    });
    for (i, f) in matching.enumerate() {
        total += 1;
        if i >= offset && page.len() < limit {
            page.push(f.clone());
        }
    }
    (total, page)
}

impl Workstation {
    /// A scan of a version (`None`: the latest) on its own connection (analyst).
    pub fn scan_job(&mut self, dataset: i64, version: Option<i64>) -> Result<ScanJob, Error> {
        let session = self.session(&[Role::Analyst], "scan datasets for PHI")?;
        let info = session.vault.version_info(dataset, version)?;
        let table = session
            .table_cache
            .as_ref()
            .filter(|(d, v, _)| (*d, *v) == (info.dataset, info.version))
            .map(|(_, _, table)| Arc::clone(table));
        Ok(ScanJob {
            vault: session.vault.try_clone()?,
            dataset: info.dataset,
            version: Some(info.version),
            table,
        })
    }

    /// Scans a version on this thread (analyst); see [`ScanJob::run`].
    pub fn scan_dataset(
        &mut self,
        dataset: i64,
        version: Option<i64>,
        progress: &mut dyn FnMut(ScanProgress) -> bool,
    ) -> Result<ScanSummary, Error> {
        self.scan_job(dataset, version)?.run(progress)
    }

    /// The current scan of a version (`None`: the latest), if it was scanned (analyst).
    pub fn scan_summary(
        &mut self,
        dataset: i64,
        version: Option<i64>,
    ) -> Result<Option<ScanSummary>, Error> {
        let session = self.session(&[Role::Analyst], "view PHI findings")?;
        let info = session.vault.version_info(dataset, version)?;
        let record = session.vault.current_scan(info.dataset, info.version)?;
        Ok(record.map(|r| ScanSummary::new(&info, r)))
    }

    /// How the current scan classified each column; empty if the version was never scanned
    /// (analyst).
    pub fn column_findings(
        &mut self,
        dataset: i64,
        version: Option<i64>,
    ) -> Result<Vec<ColumnSummary>, Error> {
        Ok(self
            .scan_summary(dataset, version)?
            .map(|s| s.columns)
            .unwrap_or_default())
    }

    /// The findings of a version's current scan that match `filter`, by number, with their
    /// review status (analyst). A version never scanned is an input error. The first listing
    /// of each version in a session writes a `view` event.
    pub fn findings(
        &mut self,
        dataset: i64,
        version: Option<i64>,
        filter: &FindingFilter,
    ) -> Result<FindingPage, Error> {
        if filter
            .limit
            .is_some_and(|l| l == 0 || l > MAX_FINDINGS_PAGE)
        {
            return Err(Error::BadFindingsPage {
                max: MAX_FINDINGS_PAGE,
            });
        }
        let session = self.session(&[Role::Analyst], "view PHI findings")?;
        let info = session.vault.version_info(dataset, version)?;
        let all = session.findings(info.dataset, info.version)?;
        let (total, page) = page(&all.findings, filter);
        session.note_view(
            info.dataset,
            info.version,
            json!({ "version": info.version, "scan": all.scan, "findings": page.len() }),
        )?;
        Ok(FindingPage {
            dataset: info.dataset,
            version: info.version,
            scan: all.scan,
            total,
            offset: filter.offset,
            findings: page,
        })
    }

    /// Accepts or rejects findings of a version's current scan (analyst); audited as
    /// `findings_review` with counts, and the reason as the event's reason. A blank reason is
    /// no reason.
    pub fn review_findings(
        &mut self,
        dataset: i64,
        version: Option<i64>,
        request: &ReviewRequest,
    ) -> Result<ReviewOutcome, Error> {
        if matches!(&request.selection, Selection::Ids(ids) if ids.is_empty()) {
            return Err(Error::NoFindingsGiven);
        }
        let session = self.session(&[Role::Analyst], "review PHI findings")?;
        let info = session.vault.version_info(dataset, version)?;
        let reason = request
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string);
        let (scan, ids) = session.vault.review_findings(
            info.dataset,
            info.version,
            request.scan,
            &request.selection,
            request.decision,
            reason,
        )?;
        session.findings_cache = None;
        Ok(ReviewOutcome {
            dataset: info.dataset,
            version: info.version,
            scan: scan.scan,
            status: request.decision.status(),
            n_findings: ids.len(),
            findings: ids,
        })
    }
}

/// Every finding of a version's current scan, as last read.
pub(crate) struct CachedFindings {
    pub(crate) scan: i64,
    n_decisions: i64,
    pub(crate) findings: Vec<Finding>,
}

impl crate::Session {
    /// Every finding of the version's current scan, from the cache while neither the scan
    /// nor its decisions changed, so paging through a large scan decrypts it once.
    pub(crate) fn findings(
        &mut self,
        dataset: i64,
        version: i64,
    ) -> Result<Arc<CachedFindings>, Error> {
        let scan = self
            .vault
            .current_scan(dataset, version)?
            .ok_or(vault::Error::NotScanned { dataset, version })?;
        // Counted before reading: a decision landing in between makes the next call reload.
        let n_decisions = self.vault.decision_count(scan.scan)?;
        if let Some(cached) = &self.findings_cache {
            if (cached.scan, cached.n_decisions) == (scan.scan, n_decisions) {
                return Ok(Arc::clone(cached));
            }
        }
        let (record, findings) = self.vault.findings(dataset, version, None)?;
        let cached = Arc::new(CachedFindings {
            scan: record.scan,
            n_decisions,
            findings,
        });
        if record.scan == scan.scan {
            self.findings_cache = Some(Arc::clone(&cached));
        }
        Ok(cached)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(finding: i64, column: usize, kind: Kind, confidence: f64) -> Finding {
        Finding {
            finding,
            column,
            row: Some(0),
            start: Some(0),
            end: Some(1),
            kind,
            confidence,
            rule: "r".into(),
            status: if finding % 2 == 0 {
                FindingStatus::Accepted
            } else {
                FindingStatus::Pending
            },
        }
    }

    #[test]
    fn pages_count_every_match_and_hold_the_requested_slice() {
        let all: Vec<Finding> = (1..=10)
            .map(|i| {
                let kind = if i <= 6 { Kind::Name } else { Kind::Date };
                finding(i, (i % 3) as usize, kind, i as f64 / 10.0)
            })
            .collect();
        let numbers = |filter: FindingFilter| {
            let (total, page) = page(&all, &filter);
            (total, page.iter().map(|f| f.finding).collect::<Vec<_>>())
        };
        assert_eq!(numbers(FindingFilter::default()).0, 10);
        let paged = FindingFilter {
            offset: 3,
            limit: Some(4),
            ..FindingFilter::default()
        };
        assert_eq!(numbers(paged), (10, vec![4, 5, 6, 7]));
        let names = FindingFilter {
            kinds: vec![Kind::Name],
            status: Some(FindingStatus::Accepted),
            ..FindingFilter::default()
        };
        assert_eq!(numbers(names), (3, vec![2, 4, 6]));
        let sure_in_column_1 = FindingFilter {
            column: Some(1),
            min_confidence: Some(0.5),
            ..FindingFilter::default()
        };
        assert_eq!(numbers(sure_in_column_1), (2, vec![7, 10]));
        let mut rows = all.clone();
        rows[0].row = None;
        for (i, f) in rows.iter_mut().enumerate().skip(1) {
            f.row = Some(i as u64);
        }
        let window = FindingFilter {
            rows: Some((0, 2)),
            kinds: vec![Kind::Date, Kind::Name],
            ..FindingFilter::default()
        };
        let (total, in_window) = page(&rows, &window);
        let in_window: Vec<i64> = in_window.iter().map(|f| f.finding).collect();
        assert_eq!(
            (total, in_window),
            (2, vec![2, 3]),
            "whole-column findings have no row"
        );
        let beyond = FindingFilter {
            offset: 50,
            ..FindingFilter::default()
        };
        assert_eq!(numbers(beyond), (10, vec![]));
    }
}
