//! The app's Tauri commands: each locks the workstation, calls one method, and turns errors
//! into `{code, message, hint}` for the UI. No logic of its own.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;
use tauri::{AppHandle, Emitter, State};
use workstation::{
    AuditEvent, AuditVerification, DatasetSummary, ErrorCode, ImportRequest, Page, Passphrase,
    RiskAssessment, RiskCharts, RiskRequest, SessionInfo, Status, VersionInfo, Workstation,
};

/// What the app keeps between commands.
pub struct AppState {
    /// The one workstation of this window.
    pub workstation: Mutex<Workstation>,
    /// Set by `cancel_import`; the running import checks it after every chunk.
    pub cancel_import: Arc<AtomicBool>,
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

/// Locks the session; a running import is cancelled too (it holds its own copy of the key).
#[tauri::command]
pub fn lock(state: State<'_, AppState>) -> Reply<()> {
    state.cancel_import.store(true, Ordering::SeqCst);
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
    let cancel = Arc::clone(&state.cancel_import);
    cancel.store(false, Ordering::SeqCst);
    let request = ImportRequest {
        name: name.clone(),
        delimiter,
    };
    let outcome = tauri::async_runtime::spawn_blocking(move || {
        job.run_file(Path::new(&path), &request, &mut |progress| {
            let _ = app.emit("import-progress", progress);
            !cancel.load(Ordering::SeqCst)
        })
    })
    .await
    .map_err(|_| internal("the import stopped unexpectedly; nothing was stored"))??;
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

/// An assessment with its charts, as the Risk screen shows it.
#[derive(Debug, Serialize)]
pub struct RiskView {
    figures: RiskAssessment,
    charts: RiskCharts,
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
) -> Reply<RiskView> {
    let request = risk_request(qi, sensitive, person_id, threshold, population_size);
    let figures = workstation(&state)?.assess_risk(dataset, version, &request)?;
    let charts = workstation::risk_charts(&figures, CHART_SIZE.0, CHART_SIZE.1)?;
    Ok(RiskView { figures, charts })
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
