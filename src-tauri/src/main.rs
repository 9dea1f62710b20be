//! Breakwater desktop app: a thin Tauri 2 shell. Every command is a one-line wrapper over the
//! `workstation` crate (see `commands.rs`); the web view gets no network, shell or file-system
//! capability, only these commands, progress events and the open-file dialog.
#![forbid(unsafe_code)]
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use workstation::{Config, Workstation};

/// The workspace directory: `--workspace DIR`, else `BREAKWATER_WORKSPACE`, else the platform default.
fn workspace_dir() -> PathBuf {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--workspace" {
            if let Some(dir) = args.next() {
                return PathBuf::from(dir);
            }
        }
    }
    std::env::var_os("BREAKWATER_WORKSPACE")
        .map(PathBuf::from)
        .unwrap_or_else(workstation::default_workspace_dir)
}

fn main() {
    let state = commands::AppState {
        workstation: Mutex::new(Workstation::new(workspace_dir(), Config::from_env())),
        cancel_import: Arc::new(AtomicBool::new(false)),
        cancel_scan: Arc::new(AtomicBool::new(false)),
        cancel_anonymize: Arc::new(AtomicBool::new(false)),
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::workspace_status,
            commands::create_workspace,
            commands::unlock,
            commands::lock,
            commands::list_datasets,
            commands::import_dataset,
            commands::cancel_import,
            commands::dataset_info,
            commands::dataset_page,
            commands::audit_events,
            commands::verify_audit,
            commands::assess_risk,
            commands::save_risk_report,
            commands::anonymize_dataset,
            commands::cancel_anonymize,
            commands::scan_dataset,
            commands::cancel_scan,
            commands::scan_summary,
            commands::column_findings,
            commands::list_findings,
            commands::review_findings,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("error: the Breakwater window could not start: {e}");
        std::process::exit(1);
    }
}
