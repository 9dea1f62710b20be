//! Helpers shared by the workstation integration tests.

#![allow(dead_code)]

use std::path::Path;
use std::time::Duration;

use vault::KdfParams;
use workstation::{Config, ImportRequest, Passphrase, Workstation};

/// A config with the given idle timeout and a fast, insecure KDF.
pub fn config(idle: Duration) -> Config {
    Config {
        idle_timeout: idle,
        kdf: KdfParams::insecure_for_tests(),
    }
}

/// A new workspace with one administrator, "ana", unlocked.
pub fn new_workspace(idle: Duration) -> (tempfile::TempDir, Workstation) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workstation::new(dir.path().join("ws"), config(idle));
    ws.init("ana", &Passphrase::new("ana passphrase 1"))
        .unwrap();
    (dir, ws)
}

/// The demo workspace, unlocked, and its dataset id.
pub fn demo() -> (tempfile::TempDir, Workstation, i64) {
    let dir = tempfile::tempdir().unwrap();
    let config = config(Duration::from_secs(600));
    let passphrase = Passphrase::new("demo passphrase 1");
    let ws_dir = dir.path().join("demo");
    let dataset = workstation::create_demo(&ws_dir, "demo", &passphrase, config.clone())
        .unwrap()
        .dataset;
    let mut ws = Workstation::new(ws_dir, config);
    ws.unlock("demo", &passphrase).unwrap();
    (dir, ws, dataset)
}

/// Imports a delimited file under the name, the delimiter detected; the dataset id.
pub fn import(ws: &mut Workstation, path: &Path, name: &str) -> i64 {
    let request = ImportRequest {
        name: name.into(),
        delimiter: None,
    };
    ws.import_file(path, &request, &mut |_| true)
        .unwrap()
        .dataset
}
