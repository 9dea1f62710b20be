//! The built-in demo workspace: a synthetic, fictitious clinic dataset shipped in `assets/demo/`.

use std::path::Path;

use vault::{ImportOutcome, Passphrase};

use crate::{Config, Error, ImportRequest, Workstation};

/// The demo dataset, compiled in so the demo works from any directory.
const CLINIC_VISITS_CSV: &[u8] = include_bytes!("../../../assets/demo/clinic_visits.csv");

/// Name of the demo dataset in the workspace.
pub const DEMO_DATASET_NAME: &str = "clinic_visits";

/// Creates a workspace in `dir` for `user` and imports the demo dataset into it.
pub fn create_demo(
    dir: &Path,
    user: &str,
    passphrase: &Passphrase,
    config: Config,
) -> Result<ImportOutcome, Error> {
    let mut ws = Workstation::new(dir.to_path_buf(), config);
    ws.init(user, passphrase)?;
    let request = ImportRequest {
        name: DEMO_DATASET_NAME.to_string(),
        delimiter: Some(b','),
    };
    let job = ws.import_job()?;
    job.run_reader(
        CLINIC_VISITS_CSV,
        "assets/demo/clinic_visits.csv",
        Some(CLINIC_VISITS_CSV.len() as u64),
        &request,
        &mut |_| true,
    )
}
