//! The app's Tauri commands: each locks the workstation, calls one method, and turns errors
//! into `{code, message, hint}` for the UI. No logic of its own.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, State};
use workstation::{
    AuditEvent, AuditVerification, ColumnSummary, DatasetAnonymization, DatasetAnonymizeRequest,
    DatasetSummary, Decision, ErrorCode, FindingFilter, FindingPage, FindingStatus, ImportRequest,
    Kind, Page, Passphrase, QiHierarchy, ReviewOutcome, ReviewRequest, RiskAssessment, RiskCharts,
    RiskRequest, ScanSummary, Selection, SessionInfo, Status, VersionInfo, Workstation,
};

/// What the app keeps between commands.
pub struct AppState {
    /// The one workstation of this window.
    pub workstation: Mutex<Workstation>,
    /// Set by `cancel_import`; the running import checks it after every chunk.
    pub cancel_import: Arc<AtomicBool>,
    /// Set by `cancel_scan`; the running scan checks it after every column.
    pub cancel_scan: Arc<AtomicBool>,
    /// Set by `cancel_anonymize`; the running search checks it at least every 50 ms.
    pub cancel_anonymize: Arc<AtomicBool>,
}

/// An error as the UI receives it.
#[derive(Debug, Serialize)]
pub struct CommandError {
    code: ErrorCode,
    message: String,
    hint: Option<String>,
}

impl From<workstation::Error> for CommandError {
    fn from(e: workstation::Error) -> Self {
        Self {
            code: e.code(),
            message: e.to_string(),
            hint: e.hint(),
        }
    }
}

type Reply<T> = Result<T, CommandError>;

fn internal(message: &str) -> CommandError {
    CommandError {
        code: ErrorCode::Internal,
        message: message.to_string(),
        hint: Some("restart Breakwater".into()),
    }
}

/// Runs a workstation job on a worker thread: clears `cancel`, hands the job a progress
/// callback that emits each report as the `event` and asks the job to stop once `cancel` is
/// set, and turns a worker that died into an internal error saying `stopped`.
async fn run_job<P, T>(
    app: AppHandle,
    cancel: &Arc<AtomicBool>,
    event: &'static str,
    stopped: &'static str,
    job: impl FnOnce(&mut dyn FnMut(P) -> bool) -> Result<T, workstation::Error> + Send + 'static,
) -> Reply<T>
where
    P: Serialize + Clone,
    T: Send + 'static,
{
    let cancel = Arc::clone(cancel);
    cancel.store(false, Ordering::SeqCst);
    let outcome = tauri::async_runtime::spawn_blocking(move || {
        job(&mut |progress| {
            let _ = app.emit(event, progress);
            !cancel.load(Ordering::SeqCst)
        })
    })
    .await
    .map_err(|_| internal(stopped))?;
    Ok(outcome?)
}

fn workstation<'a>(state: &'a State<'_, AppState>) -> Reply<MutexGuard<'a, Workstation>> {
    state
        .workstation
        .lock()
        .map_err(|_| internal("a previous action failed unexpectedly"))
}

/// The result of an import, as the UI shows it.
#[derive(Debug, Serialize)]
pub struct ImportResult {
    dataset: i64,
    name: String,
    version: i64,
    rows: i64,
    columns: Vec<String>,
}

#[tauri::command]
pub fn workspace_status(state: State<'_, AppState>) -> Reply<Status> {
    Ok(workstation(&state)?.status())
}

#[tauri::command]
pub async fn create_workspace(
    state: State<'_, AppState>,
    user: String,
    passphrase: String,
) -> Reply<SessionInfo> {
    Ok(workstation(&state)?.init(&user, &Passphrase::new(passphrase))?)
}

#[tauri::command]
pub async fn unlock(
    state: State<'_, AppState>,
    user: String,
    passphrase: String,
) -> Reply<SessionInfo> {
    Ok(workstation(&state)?.unlock(&user, &Passphrase::new(passphrase))?)
}

/// Locks the session; a running import, scan or anonymization search is cancelled too (each
/// holds its own copy of the key).
#[tauri::command]
pub fn lock(state: State<'_, AppState>) -> Reply<()> {
    state.cancel_import.store(true, Ordering::SeqCst);
    state.cancel_scan.store(true, Ordering::SeqCst);
    state.cancel_anonymize.store(true, Ordering::SeqCst);
    workstation(&state)?.lock();
    Ok(())
}

#[tauri::command]
pub async fn list_datasets(state: State<'_, AppState>) -> Reply<Vec<DatasetSummary>> {
    Ok(workstation(&state)?.datasets()?)
}

#[tauri::command]
pub async fn import_dataset(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
    name: String,
    delimiter: Option<String>,
) -> Reply<ImportResult> {
    let delimiter = match delimiter.as_deref() {
        None | Some("") => None,
        Some("\t") | Some("tab") => Some(b'\t'),
        Some(d) if d.len() == 1 && d.is_ascii() => Some(d.as_bytes()[0]),
        Some(_) => {
            return Err(CommandError {
                code: ErrorCode::Input,
                message: "the delimiter must be one character".into(),
                hint: Some("choose Auto-detect or one of the listed delimiters".into()),
            })
        }
    };
    let job = workstation(&state)?.import_job()?;
    let request = ImportRequest {
        name: name.clone(),
        delimiter,
    };
    let outcome = run_job(
        app,
        &state.cancel_import,
        "import-progress",
        "the import stopped unexpectedly; nothing was stored",
        move |progress| job.run_file(Path::new(&path), &request, progress),
    )
    .await?;
    Ok(ImportResult {
        dataset: outcome.dataset,
        name,
        version: outcome.version,
        rows: outcome.rows,
        columns: outcome.columns.into_iter().map(|c| c.name).collect(),
    })
}

#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) -> Reply<()> {
    state.cancel_import.store(true, Ordering::SeqCst);
    Ok(())
}

#[tauri::command]
pub async fn dataset_info(
    state: State<'_, AppState>,
    dataset: i64,
    version: Option<i64>,
) -> Reply<VersionInfo> {
    Ok(workstation(&state)?.dataset_info(&dataset.to_string(), version)?)
}

#[tauri::command]
pub async fn dataset_page(
    state: State<'_, AppState>,
    dataset: i64,
    version: Option<i64>,
    offset: u64,
    limit: u64,
) -> Reply<Page> {
    Ok(workstation(&state)?.rows(dataset, version, offset, limit)?)
}

#[tauri::command]
pub async fn audit_events(state: State<'_, AppState>, limit: usize) -> Reply<Vec<AuditEvent>> {
    let mut events = workstation(&state)?.audit_events()?;
    events.reverse();
    events.truncate(limit);
    Ok(events)
}

#[tauri::command]
pub async fn verify_audit(state: State<'_, AppState>) -> Reply<AuditVerification> {
    Ok(workstation(&state)?.verify_audit()?)
}

/// Pixel size of the risk charts in the app.
const CHART_SIZE: (u32, u32) = (560, 300);

/// An assessment with its charts, as the Risk screen shows it, at the QIs' generalization
/// levels with the levels each QI offers.
#[derive(Debug, Serialize)]
pub struct RiskView {
    figures: RiskAssessment,
    charts: RiskCharts,
    levels: Vec<usize>,
    hierarchies: Vec<QiHierarchy>,
}

fn risk_request(
    qi: Vec<String>,
    sensitive: Option<String>,
    person_id: Option<String>,
    threshold: f64,
    population_size: Option<u64>,
) -> RiskRequest {
    RiskRequest {
        qi,
        sensitive,
        person_id,
        threshold,
        population_size,
    }
}

/// Assesses a version with each QI at its generalization level (`levels`, one per QI; absent:
/// all 0, the original values) of the anonymization what-if's default hierarchies.
// The arguments mirror the Risk screen's one to one (Tauri maps each to a camelCase key).
#[allow(clippy::too_many_arguments)]
#[tauri::command]
pub async fn assess_risk(
    state: State<'_, AppState>,
    dataset: i64,
    version: Option<i64>,
    qi: Vec<String>,
    sensitive: Option<String>,
    person_id: Option<String>,
    threshold: f64,
    population_size: Option<u64>,
    levels: Option<Vec<usize>>,
) -> Reply<RiskView> {
    let levels = levels.unwrap_or_else(|| vec![0; qi.len()]);
    let request = risk_request(qi, sensitive, person_id, threshold, population_size);
    let generalized =
        workstation(&state)?.assess_risk_at_levels(dataset, version, &request, &levels)?;
    let figures = generalized.assessment;
    let charts = workstation::risk_charts(&figures, CHART_SIZE.0, CHART_SIZE.1)?;
    Ok(RiskView {
        figures,
        charts,
        levels: generalized.levels,
        hierarchies: generalized.hierarchies,
    })
}

/// The id of a saved risk report.
#[derive(Debug, Serialize)]
pub struct SavedReport {
    report: i64,
}

// The arguments mirror the Risk screen's one to one (Tauri maps each to a camelCase key).
#[allow(clippy::too_many_arguments)]
#[tauri::command]
pub async fn save_risk_report(
    state: State<'_, AppState>,
    dataset: i64,
    version: Option<i64>,
    qi: Vec<String>,
    sensitive: Option<String>,
    person_id: Option<String>,
    threshold: f64,
    population_size: Option<u64>,
    reason: Option<String>,
) -> Reply<SavedReport> {
    let request = risk_request(qi, sensitive, person_id, threshold, population_size);
    let (report, _) = workstation(&state)?.save_risk_report(dataset, version, &request, reason)?;
    Ok(SavedReport { report })
}

/// An anonymization what-if with its before/after chart, as the Risk screen shows it.
#[derive(Debug, Serialize)]
pub struct AnonymizeView {
    result: DatasetAnonymization,
    chart: String,
}

/// Searches for the optimal generalization of a version on a worker thread, emitting
/// `anonymize-progress` events; `cancel_anonymize` stops it and nothing is recorded.
// The arguments mirror the Risk screen's panel one to one (Tauri maps each to a camelCase key).
#[allow(clippy::too_many_arguments)]
#[tauri::command]
pub async fn anonymize_dataset(
    app: AppHandle,
    state: State<'_, AppState>,
    dataset: i64,
    version: Option<i64>,
    qi: Vec<String>,
    k: usize,
    l: Option<usize>,
    sensitive: Option<String>,
    max_suppression: f64,
    threshold: f64,
) -> Reply<AnonymizeView> {
    let request = DatasetAnonymizeRequest {
        qi,
        k,
        l,
        sensitive,
        max_suppression,
        threshold,
    };
    let job = workstation(&state)?.anonymize_job(dataset, version, &request)?;
    let result = run_job(
        app,
        &state.cancel_anonymize,
        "anonymize-progress",
        "the search stopped unexpectedly; nothing was recorded",
        move |progress| job.run(progress),
    )
    .await?;
    let chart = workstation::anonymization_chart(&result, CHART_SIZE.0, CHART_SIZE.1)?;
    Ok(AnonymizeView { result, chart })
}

#[tauri::command]
pub fn cancel_anonymize(state: State<'_, AppState>) -> Reply<()> {
    state.cancel_anonymize.store(true, Ordering::SeqCst);
    Ok(())
}

/// Scans a version for PHI on a worker thread, emitting `scan-progress` events; `cancel_scan`
/// stops it and nothing is stored.
#[tauri::command]
pub async fn scan_dataset(
    app: AppHandle,
    state: State<'_, AppState>,
    dataset: i64,
    version: Option<i64>,
) -> Reply<ScanSummary> {
    let job = workstation(&state)?.scan_job(dataset, version)?;
    run_job(
        app,
        &state.cancel_scan,
        "scan-progress",
        "the scan stopped unexpectedly; nothing was stored",
        move |progress| job.run(progress),
    )
    .await
}

#[tauri::command]
pub fn cancel_scan(state: State<'_, AppState>) -> Reply<()> {
    state.cancel_scan.store(true, Ordering::SeqCst);
    Ok(())
}

#[tauri::command]
pub async fn scan_summary(
    state: State<'_, AppState>,
    dataset: i64,
    version: Option<i64>,
) -> Reply<Option<ScanSummary>> {
    Ok(workstation(&state)?.scan_summary(dataset, version)?)
}

#[tauri::command]
pub async fn column_findings(
    state: State<'_, AppState>,
    dataset: i64,
    version: Option<i64>,
) -> Reply<Vec<ColumnSummary>> {
    Ok(workstation(&state)?.column_findings(dataset, version)?)
}

// The arguments mirror the review screen's query one to one (Tauri maps each to a camelCase key).
#[allow(clippy::too_many_arguments)]
#[tauri::command]
pub async fn list_findings(
    state: State<'_, AppState>,
    dataset: i64,
    version: Option<i64>,
    column: Option<usize>,
    kinds: Option<Vec<Kind>>,
    status: Option<FindingStatus>,
    min_confidence: Option<f64>,
    row_first: Option<u64>,
    row_last: Option<u64>,
    offset: u64,
    limit: u64,
) -> Reply<FindingPage> {
    let filter = FindingFilter {
        column,
        kinds: kinds.unwrap_or_default(),
        status,
        min_confidence,
        rows: row_first.zip(row_last),
        offset,
        limit: Some(limit),
    };
    Ok(workstation(&state)?.findings(dataset, version, &filter)?)
}

/// Which findings a review covers, as the UI sends it: `{ids: [..]}`, `{column: n}` or
/// `{all: true}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewSelection {
    /// Finding numbers.
    Ids(Vec<i64>),
    /// A column index, from 0.
    Column(usize),
    /// Every finding (must be `true`).
    All(bool),
}

#[tauri::command]
pub async fn review_findings(
    state: State<'_, AppState>,
    dataset: i64,
    version: Option<i64>,
    selection: ReviewSelection,
    decision: Decision,
    reason: Option<String>,
    scan: Option<i64>,
) -> Reply<ReviewOutcome> {
    let selection = match selection {
        ReviewSelection::Ids(ids) => Selection::Ids(ids),
        ReviewSelection::Column(column) => Selection::Column(column),
        ReviewSelection::All(true) => Selection::All,
        ReviewSelection::All(false) => Selection::Ids(Vec::new()),
    };
    let request = ReviewRequest {
        selection,
        decision,
        reason,
        scan,
    };
    Ok(workstation(&state)?.review_findings(dataset, version, &request)?)
}
